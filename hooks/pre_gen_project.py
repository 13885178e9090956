"""Refuse answers that would bake a broken project, before anything is written.

Cookiecutter renders this file with Jinja, then runs it. Answers arrive as data
(JSON inside a raw string), never as code, so the module stays importable for tests.
"""

from __future__ import annotations

import importlib.metadata
import json
import keyword
import re
import sys

# Names a project package must not take: importing it would shadow a module that
# the app or its tests import (Streamlit and what it loads, pytest, the standard library).
SHADOWED = frozenset(
    {"streamlit", "pytest", "_pytest", "test", "tests", "conftest", "ruff"}
    | {"altair", "blinker", "cachetools", "click", "git", "google", "numpy", "packaging"}
    | {"pandas", "pyarrow", "pydeck", "requests", "tenacity", "toml", "tornado", "watchdog"}
    | set(sys.stdlib_module_names)
)
# A lowercase identifier that is also a valid distribution name (PEP 508: no _ at the ends).
IDENTIFIER = re.compile(r"[a-z](?:[a-z0-9_]*[a-z0-9])?")
ACCEPTED = (
    "use lowercase letters, digits and underscores, starting with a letter and not ending in _, "
    "and not a keyword or a module name such as json, random, types or streamlit"
)


def slug_problem(slug: str) -> str | None:
    """Say what is wrong with ``slug`` as a package name, or None if it is fine."""
    if not IDENTIFIER.fullmatch(slug):
        problem = "is not a lowercase Python identifier"
    elif keyword.iskeyword(slug):
        problem = "is a Python keyword"
    elif slug in SHADOWED:
        problem = f"would shadow the module {slug!r} that the app imports"
    else:
        return None
    return f"project_slug {slug!r} {problem}; {ACCEPTED}."


def version_problem(installed: str, minimum: str) -> str | None:
    """Say why ``installed`` cookiecutter is too old, or None if it is recent enough."""

    def parts(version: str) -> tuple[int, ...]:
        return tuple(int(p) for p in re.findall(r"\d+", version)[:3])

    if parts(installed) < parts(minimum):
        return (
            f"cookiecutter {installed} is too old for this template; "
            f"it needs {minimum} or newer: pip install -U 'cookiecutter>={minimum}'"
        )
    return None


def main(answers: dict) -> int:
    # The distribution's version: cookiecutter 2.2.0-2.2.2 report 2.1.2.dev0 in __version__.
    installed = importlib.metadata.version("cookiecutter")
    problem = version_problem(installed, answers["_min_cookiecutter"])
    problem = problem or slug_problem(answers["project_slug"])
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(json.loads(r"""{{ cookiecutter | tojson }}""")))
