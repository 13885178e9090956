"""Refuse answers that would bake a broken project, before any file is written.

Cookiecutter renders this file with Jinja, then runs it. Answers arrive as data
(JSON inside a raw string), never as code, so the module stays importable for tests.
Each refusal is one ERROR line that says what was wrong and what is accepted.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import sys
import unicodedata

# The baked project's direct dependencies, its extras and dev group included, under their
# normalized names (PEP 503). A project named like a package it installs stops uv
# ("depends on itself"); the template's tests keep this set equal to the names in the
# project's pyproject.toml. A name deeper in the tree (starlette, through streamlit)
# gets uv's own message, which says to rename the project.
DEPENDENCIES = frozenset(
    {
        "basedpyright",
        "oidc-provider-mock",
        "playwright",
        "psycopg",
        "pytest",
        "pytest-cov",
        "pytest-xdist",
        "ruff",
        "sqlalchemy",
        "streamlit",
        "vadersentiment",
    }
)
# Device names Windows reserves in every folder, with or without an extension: a folder
# so named cannot be made there.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)
MAX_SLUG_LENGTH = 255  # bytes in a file name, on most file systems; the slug is ASCII
# A distribution name (PEP 508), in lowercase: letters and digits at the ends, and
# - _ . inside. It is also a folder name on every system.
DISTRIBUTION = re.compile(r"[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?")
ACCEPTED = (
    "use lowercase letters and digits, with - _ or . inside (not at either end), "
    "and not a device name Windows reserves (con, nul, com1, ...) or the name of a "
    "package the app depends on, such as streamlit or pytest"
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


def normalized(name: str) -> str:
    """A distribution name as pip and uv compare it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def slug_problem(slug: object) -> str | None:
    """Say what is wrong with ``slug`` as a folder and distribution name, or None."""
    if not isinstance(slug, str) or not DISTRIBUTION.fullmatch(slug):
        problem = "is not a distribution name"
    elif len(slug) > MAX_SLUG_LENGTH:
        problem = f"is {len(slug)} characters long, over the limit of {MAX_SLUG_LENGTH}"
    elif slug.split(".")[0] in WINDOWS_DEVICES:
        problem = "is a device name that Windows reserves"
    elif normalized(slug) in DEPENDENCIES:
        problem = "is the name of a package the app depends on"
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


def option_problem(name: str, answer: object) -> str | None:
    """Say why yes/no answer ``name`` is not a boolean, or None.

    Cookiecutter turns the words of its yes/no prompt into booleans, on the command
    line too; only the Python API (``extra_context``) can pass anything else.
    """
    if isinstance(answer, bool):
        return None
    return f"{name} is {answer!r}; answer yes or no (true or false from Python)."


def choice_problem(name: str, answer: object, answers: list[str]) -> str | None:
    """Say why ``answer`` is none of choice ``name``'s ``answers``, or None.

    Cookiecutter stops at any other answer from the prompt, the command line or the
    Python API; a replay file it hands over unchecked. The answers are named in
    alphabetical order, the order ``tojson`` gives the manifest's keys.
    """
    if answer in answers:
        return None
    return f"{name} is {answer!r}; answer one of {', '.join(sorted(answers))}."


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


def problems(answers: dict, installed: str) -> list[str]:
    """Everything wrong with ``answers``, one sentence each; a cookiecutter that is too
    old is said alone, as it explains what else may look wrong."""
    too_old = version_problem(installed, answers["_min_cookiecutter"])
    if too_old:
        return [too_old]
    found = [text_problem(name, answers[name]) for name in TEXT_ANSWERS]
    found += [
        choice_problem(name, answers[name], list(owned))
        if isinstance(owned, dict)
        else option_problem(name, answers[name])
        for name, owned in answers["_prune"].items()
    ]
    found.append(slug_problem(answers["project_slug"]))
    return [problem for problem in found if problem]


def main(answers: dict) -> int:
    # The distribution's version, which every release reports right (not __version__).
    found = problems(answers, importlib.metadata.version("cookiecutter"))
    for problem in found:
        print(f"ERROR: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(json.loads(r"""{{ cookiecutter | tojson }}""")))
