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

# Every top-level import name and distribution name (PEP 503, "-" as "_") that a baked
# project installs, dev group included, at the latest versions and at
# `uv run --resolution lowest-direct`, on any platform: those that are lowercase identifiers.
# A slug among them stops uv ("the name is shadowed by your project") or shadows the
# package at run time, the app's folder being first on sys.path. The template's tests
# fail when a name is missing. After changing the baked project's dependencies,
# regenerate this block with: python3 -m uv run python tests/installed_names.py
# fmt: off
INSTALLED = frozenset({
    "altair", "anyio", "attr", "attrs", "certifi", "charset_normalizer", "click", "colorama",
    "dateutil", "google", "h11", "httptools", "idna", "iniconfig", "itsdangerous", "jinja2",
    "jsonschema", "jsonschema_specifications", "markupsafe", "multipart", "narwhals", "numpy",
    "packaging", "pandas", "pillow", "pluggy", "protobuf", "py", "pyarrow", "pydeck", "pygments",
    "pytest", "python_dateutil", "python_multipart", "referencing", "requests", "rpds", "rpds_py",
    "ruff", "starlette", "streamlit", "toml", "typing_extensions", "tzdata", "urllib3", "uvicorn",
    "watchdog", "websockets",
})
# fmt: on
# Names a project package must not take: what the app installs, the standard library
# (with the modules Python 3.14 adds, for a bake on an older Python), and the names
# pytest gives meaning to.
SHADOWED = (
    INSTALLED
    | set(sys.stdlib_module_names)
    | {"annotationlib", "compression"}
    | {"test", "tests", "conftest"}
)
MAX_SLUG_LENGTH = 40  # it names a directory, a distribution and a package: keep it typeable
# A lowercase identifier that is also a valid distribution name (PEP 508: no _ at the ends).
IDENTIFIER = re.compile(r"[a-z](?:[a-z0-9_]*[a-z0-9])?")
ACCEPTED = (
    f"use at most {MAX_SLUG_LENGTH} lowercase letters, digits and underscores, starting with "
    "a letter and not ending in _, and not a keyword or the name of a module the app uses, "
    "such as json, random, types or streamlit"
)


def slug_problem(slug: str) -> str | None:
    """Say what is wrong with ``slug`` as a package name, or None if it is fine."""
    if not IDENTIFIER.fullmatch(slug):
        problem = "is not a lowercase Python identifier"
    elif len(slug) > MAX_SLUG_LENGTH:
        problem = f"is {len(slug)} characters long, over the limit of {MAX_SLUG_LENGTH}"
    elif keyword.iskeyword(slug):
        problem = "is a Python keyword"
    elif slug in SHADOWED:
        problem = "would shadow a module or package of that name that the app uses"
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
