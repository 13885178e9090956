"""The template agrees with itself: cookiecutter.json's private settings describe the
project template, which holds only what a clone of the repository holds."""

from __future__ import annotations

import re

from conftest import CONTEXT, OPTIONS, PROJECT_TEMPLATE

# What tools leave behind when run inside the project template. Git ignores them, so
# CI never sees them, but cookiecutter would bake them into every local project.
TOOL_LEFTOVERS = {".venv", ".pytest_cache", ".ruff_cache", "__pycache__", ".DS_Store"}


def test_the_yes_no_questions_are_exactly_the_options_prune_lists() -> None:
    # A yes/no question outside _prune owns no file and leaves its trace when answered
    # no; an option without a yes/no default cannot be read by local_extensions.yes_no.
    questions = {name for name in CONTEXT if not name.startswith("_")}
    yes_no = {name for name in questions if CONTEXT[name] in ("yes", "no")}
    assert yes_no == set(OPTIONS)
    assert set(OPTIONS) <= set(CONTEXT["__prompts__"])


# An option in a template's Jinja: `cookiecutter.include_cart` and what follows it.
OPTION_USE = re.compile(r"cookiecutter\.(\w+)(\s+is\s+(?:not\s+)?chosen\b)?")


def test_every_option_in_the_template_is_read_as_yes_or_no() -> None:
    # A bare `# % if cookiecutter.include_cart` is true for the answer "no": any
    # non-empty text is. The Jinja test `chosen` reads the word.
    bare = [
        f"{path.relative_to(PROJECT_TEMPLATE)}: {match[0]}"
        for path in PROJECT_TEMPLATE.rglob("*")
        if path.is_file()
        for match in OPTION_USE.finditer(path.read_text("utf-8", errors="replace"))
        if match[1] in OPTIONS and not match[2]
    ]
    assert not bare, f"options used without `is chosen`: {bare}"


def test_prune_manifest_lists_only_paths_the_template_has() -> None:
    stale = [
        f"{option}: {entry}"
        for option, entries in CONTEXT["_prune"].items()
        for entry in entries
        if not (PROJECT_TEMPLATE / entry.format(package="{{cookiecutter.project_slug}}")).exists()
    ]
    assert not stale, f"_prune lists paths the template lacks: {stale}"


def test_prune_manifest_entries_do_not_overlap() -> None:
    # The hook deletes entries in turn: a path listed twice, or inside another listed
    # directory, is gone by the time its second turn comes, and the hook fails.
    entries = [entry.rstrip("/") for entries in CONTEXT["_prune"].values() for entry in entries]
    overlaps = [
        (a, b)
        for i, a in enumerate(entries)
        for b in entries[i + 1 :]
        if a == b or b.startswith(a + "/") or a.startswith(b + "/")
    ]
    assert not overlaps


def test_min_cookiecutter_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", CONTEXT["_min_cookiecutter"])


def test_project_template_holds_no_tool_leftovers() -> None:
    leftovers = sorted(
        path.relative_to(PROJECT_TEMPLATE).as_posix()
        for path in PROJECT_TEMPLATE.rglob("*")
        if path.name in TOOL_LEFTOVERS or path.suffix == ".pyc"
    )
    assert not leftovers, f"remove these from the project template: {leftovers}"
