"""Remove the files of answers that were not chosen, then print the next steps.

What each option and each choice's answer owns is listed once, in ``_prune`` in
cookiecutter.json: this hook and the template's tests both read it. Answers arrive as
data, never as code.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from pathlib import Path


def owners(answers: dict) -> list[tuple[bool, list[str]]]:
    """Each owner ``_prune`` lists, as (chosen, the paths it owns).

    A yes/no option maps to its paths and is chosen when answered yes; a choice maps
    each of its answers to that answer's paths, and only the answer given is chosen.
    """
    found = []
    for question, owned in answers["_prune"].items():
        if isinstance(owned, dict):
            found += [(answers[question] == answer, paths) for answer, paths in owned.items()]
        else:
            found.append((bool(answers[question]), owned))
    return found


def unwanted_paths(answers: dict) -> list[str]:
    """The project-relative paths that no chosen owner keeps, in manifest order, once each.

    A path may be listed under several owners (``app/database.py``: the cart, and the
    oidc sign-in): it stays while any one of them is chosen, and goes when none is.
    """
    listed = owners(answers)
    kept = {path for chosen, paths in listed if chosen for path in paths}
    return list(dict.fromkeys(path for _, paths in listed for path in paths if path not in kept))


def prune(root: Path, paths: list[str]) -> None:
    """Delete each path (file or directory); a missing one means a stale manifest."""
    for relative in paths:
        target = root / relative
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        else:
            raise FileNotFoundError(f"_prune lists {relative!r}, which the template lacks")


def next_steps(project: Path) -> str:
    """What to type next; the hook runs inside the new project, wherever -o put it."""
    return "\n".join(
        (
            f"Baked {project}. Next:",
            f"  cd {shlex.quote(str(project))}",
            "  uv run streamlit run streamlit_app.py   # serves http://localhost:8501",
            "  uv run pytest                           # the app's AppTest suite",
            "No uv? python3 -m pip install uv, then type python3 -m uv for uv.",
        )
    )


def main(answers: dict) -> int:
    prune(Path.cwd(), unwanted_paths(answers))
    print(next_steps(Path.cwd()))
    return 0


if __name__ == "__main__":
    sys.exit(main(json.loads(r"""{{ cookiecutter | tojson }}""")))
