"""Refuse answers that would bake a broken project, before any file is written.

Cookiecutter renders this file with Jinja, then runs it. Answers arrive as data
(JSON inside a raw string), never as code, so the module stays importable for tests.
Each refusal is one ERROR line that says what was wrong and what is accepted.
"""

from __future__ import annotations

import importlib.metadata
import json
import keyword
import re
import sys
import unicodedata

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
    "dateutil", "google", "greenlet", "h11", "httptools", "idna", "iniconfig", "itsdangerous",
    "jinja2", "jsonschema", "jsonschema_specifications", "markupsafe", "multipart", "narwhals",
    "numpy", "packaging", "pandas", "pillow", "playwright", "pluggy", "protobuf", "py", "pyarrow",
    "pydeck", "pyee", "pygments", "pytest", "python_dateutil", "python_multipart", "referencing",
    "requests", "rpds", "rpds_py", "ruff", "sqlalchemy", "starlette", "streamlit", "toml",
    "typing_extensions", "tzdata", "urllib3", "uvicorn", "vadersentiment", "watchdog", "websockets",
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
# Device names Windows reserves in every folder: a folder so named cannot be made there.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)
MAX_SLUG_LENGTH = 40  # it names a directory, a distribution and a package: keep it typeable
# A lowercase identifier that is also a valid distribution name (PEP 508: no _ at the ends).
IDENTIFIER = re.compile(r"[a-z](?:[a-z0-9_]*[a-z0-9])?")
ACCEPTED = (
    f"use at most {MAX_SLUG_LENGTH} lowercase letters, digits and underscores, starting with "
    "a letter and not ending in _, and not a keyword, a device name Windows reserves (con, "
    "nul, com1, ...) or the name of a module the app uses, such as json, random or streamlit"
)
# The answers that are free text. The template trims the spaces around each, as the
# prompts say, and quotes it for every file it lands in (local_extensions.py).
TEXT_ANSWERS = ("project_name", "description", "author_name", "author_email")
# What cannot stand in one line of text: control characters (a tab aside), line and
# paragraph separators, and lone surrogates (bytes that were not UTF-8).
NOT_IN_A_LINE = {"Cc", "Zl", "Zp", "Cs"}
# An author's address: a local part, @, a domain with a dot; no space and none of the
# characters that delimit an address in a mail header.
_NOT_IN_ADDRESS = r'\s@"(),:;<>\[\\\]'
EMAIL = re.compile(rf"[^{_NOT_IN_ADDRESS}]+@[^{_NOT_IN_ADDRESS}.]+(?:\.[^{_NOT_IN_ADDRESS}.]+)+")


def slug_problem(slug: str) -> str | None:
    """Say what is wrong with ``slug`` as a package name, or None if it is fine."""
    if not isinstance(slug, str) or not IDENTIFIER.fullmatch(slug):
        problem = "is not a lowercase Python identifier"
    elif len(slug) > MAX_SLUG_LENGTH:
        problem = f"is {len(slug)} characters long, over the limit of {MAX_SLUG_LENGTH}"
    elif keyword.iskeyword(slug):
        problem = "is a Python keyword"
    elif slug in WINDOWS_DEVICES:
        problem = "is a device name that Windows reserves"
    elif slug in SHADOWED:
        problem = "would shadow a module or package of that name that the app uses"
    else:
        return None
    if not slug:
        problem += " (made from project_name, it kept no letter or digit: give project_slug)"
    return f"project_slug {slug!r} {problem}; {ACCEPTED}."


def text_problem(name: str, value: object) -> str | None:
    """Say why answer ``name`` cannot be baked as one line of text, or None."""
    if not isinstance(value, str):
        return f"{name} is {value!r}, which is not text; give it as text."
    bad = next((c for c in value if c != "\t" and unicodedata.category(c) in NOT_IN_A_LINE), None)
    if bad is not None:
        category = unicodedata.category(bad)
        what = "not UTF-8" if category == "Cs" else unicodedata.name(bad, "a control character")
        return (
            f"{name} {value!r} holds U+{ord(bad):04X} ({what}); give it on one line of "
            "text, without control characters (a tab is fine)."
        )
    if name == "project_name" and not value.strip():
        return (
            "project_name is empty; give the app a name: it is the browser tab's title "
            "and the README's heading."
        )
    if name == "author_name" and "," in value:
        return (
            f"author_name {value!r} holds a comma, which the authors of pyproject.toml do not "
            "allow; give the name without one (Ada Lovelace, not Lovelace, Ada)."
        )
    if name == "author_email" and not EMAIL.fullmatch(value.strip()):
        return (
            f"author_email {value!r} is not an e-mail address; give one such as you@example.com: "
            "one @, a dot after it, no spaces, quotes, brackets, commas, colons or semicolons."
        )
    return None


def option_problem(name: str, answer: object, reading: bool | None) -> str | None:
    """Say why yes/no answer ``name`` is neither a yes nor a no, or None.

    ``reading`` is what local_extensions.yes_no made of ``answer``: None for a word it
    does not know.
    """
    if reading is not None:
        return None
    return (
        f"{name} is {answer!r}, neither yes nor no; answer yes or no "
        "(y/n, true/false, t/f, 1/0 and on/off are read too, in any case)."
    )


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


def problems(answers: dict, options: dict, installed: str) -> list[str]:
    """Everything wrong with ``answers`` (``options``: the yes/no answers as read),
    one sentence each; a cookiecutter that is too old is said alone, as it explains
    what else may look wrong."""
    too_old = version_problem(installed, answers["_min_cookiecutter"])
    if too_old:
        return [too_old]
    found = [text_problem(name, answers[name]) for name in TEXT_ANSWERS]
    found += [option_problem(name, answers[name], reading) for name, reading in options.items()]
    found.append(slug_problem(answers["project_slug"]))
    return [problem for problem in found if problem]


def main(answers: dict, options: dict) -> int:
    # The distribution's version: cookiecutter 2.2.0-2.2.2 report 2.1.2.dev0 in __version__.
    found = problems(answers, options, importlib.metadata.version("cookiecutter"))
    for problem in found:
        print(f"ERROR: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(
        main(
            json.loads(r"""{{ cookiecutter | tojson }}"""),
            json.loads(r"""{{ cookiecutter | yes_no_answers | tojson }}"""),
        )
    )
