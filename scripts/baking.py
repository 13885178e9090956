"""What the template's scripts (screenshots, benchmark) share to bake and run a project.

The template's tests bake through tests/conftest.py; a script cannot import that.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent


def child_env() -> dict[str, str]:
    """This environment for subprocesses, minus what would leak the template's setup.

    VIRTUAL_ENV names the template's own environment: uv in a bake would warn that it
    is not the bake's. INSPECT_STATE would add the session-state inspector to the app.
    """
    return {
        name: value
        for name, value in os.environ.items()
        if name not in ("VIRTUAL_ENV", "INSPECT_STATE")
    }


def bake_command(folder: Path, output: Path) -> list[str]:
    """`cookiecutter --no-input` of the template into ``output``, with a config file in
    ``folder``: the user's ~/.cookiecutterrc and replay files stay untouched."""
    config = folder / "cookiecutter.yaml"
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(folder / 'cookiecutters'))}\n"
        f"replay_dir: {json.dumps(str(folder / 'replay'))}\n",
        encoding="utf-8",
    )
    return [
        sys.executable, "-m", "cookiecutter", "--no-input", "--config-file", str(config),
        "--output-dir", str(output), str(TEMPLATE),
    ]  # fmt: skip
