"""The names a baked project's environment takes, which no slug may take.

The tests check that the pre-generation hook refuses each of them. After changing the
baked project's dependencies, rewrite the hook's INSTALLED block from a fresh bake with:

    python3 -m uv run python tests/installed_names.py
"""

from __future__ import annotations

import json
import keyword
import re
import tempfile
import textwrap
import tomllib
from pathlib import Path

from conftest import DEFAULT_CASE, LOWEST_DIRECT, TEMPLATE, UV, bake, load_hook, output_of, run

# Run by the project's Python: each installed distribution's normalized name and its
# top-level import names, from top_level.txt or, where a wheel has none, from RECORD.
LIST_NAMES = r"""
import importlib.metadata, re
names = set()
for dist in importlib.metadata.distributions():
    names.add(re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower())
    top_level = dist.read_text("top_level.txt")
    if top_level is not None:
        names.update(top_level.split())
        continue
    for path in dist.files or ():
        top = path.parts[0]
        if len(path.parts) == 1 and path.suffix in (".py", ".so", ".pyd"):
            names.add(top.split(".")[0])  # a module: six.py, _cffi_backend.cpython-311-...so
        elif len(path.parts) > 1 and top not in ("..", "__pycache__"):
            if not top.endswith((".dist-info", ".data")):
                names.add(top)  # a package
print(*sorted(names), sep="\n")
"""
BLOCK = re.compile(r"(?<=# fmt: off\n)INSTALLED = frozenset\(\{\n.*?\n\}\)\n(?=# fmt: on\n)", re.S)


def distribution_name(name: str) -> str:
    """A distribution name as a slug would spell it: PEP 503 normalized, "-" as "_"."""
    return re.sub(r"[-_.]+", "_", name).lower()


def installed_names(project: Path, *uv_run_options: str) -> set[str]:
    """The names in the project's .venv, as `uv run` with these options syncs it, and
    every distribution its uv.lock resolves for any platform (colorama on Windows)."""
    result = run(*UV, "run", *uv_run_options, "python", "-c", LIST_NAMES, cwd=project)
    assert result.returncode == 0, output_of(result)
    lock = tomllib.loads((project / "uv.lock").read_text(encoding="utf-8"))
    locked = {distribution_name(package["name"]) for package in lock["package"]}
    return set(result.stdout.split()) | (locked - {distribution_name(project.name)})


def installed_block(names: set[str]) -> str:
    """The hook's INSTALLED literal: the names a slug could spell, sorted, 100 columns."""
    hook = load_hook("pre_gen_project")
    spelled = sorted(n for n in names if hook.IDENTIFIER.fullmatch(n) and not keyword.iskeyword(n))
    quoted = " ".join(f'"{name}",' for name in spelled)
    lines = textwrap.fill(quoted, 100, initial_indent="    ", subsequent_indent="    ")
    return f"INSTALLED = frozenset({{\n{lines}\n}})\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        # A config of our own, as the tests use: ~/.cookiecutterrc must not change the bake.
        config = Path(scratch) / "config.yaml"
        settings = {"cookiecutters_dir": f"{scratch}/cookiecutters", "replay_dir": f"{scratch}/r"}
        config.write_text(json.dumps(settings), encoding="utf-8")  # JSON is YAML
        project = bake(Path(scratch) / "out", config, DEFAULT_CASE.answers)
        names = installed_names(project) | installed_names(project, *LOWEST_DIRECT)
    hook = TEMPLATE / "hooks" / "pre_gen_project.py"
    text, count = BLOCK.subn(installed_block(names), hook.read_text(encoding="utf-8"))
    assert count == 1, f"no INSTALLED block between # fmt: off and # fmt: on in {hook}"
    hook.write_text(text, encoding="utf-8")
    print(f"{hook}: INSTALLED rewritten from {len(names)} names; review it with git diff")


if __name__ == "__main__":
    main()
