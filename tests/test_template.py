"""The template agrees with itself: cookiecutter.json's private settings describe the
project template, which holds only what a clone of the repository holds."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

from conftest import CONTEXT, OPTIONS, PROJECT_TEMPLATE, TEMPLATE, output_of, run

# What tools leave behind when run inside the project template. Git ignores them, so
# CI never sees them, but cookiecutter would bake them into every local project.
TOOL_LEFTOVERS = {".venv", ".pytest_cache", ".ruff_cache", "__pycache__", ".DS_Store"}


def test_the_yes_no_questions_are_booleans_exactly_the_options_prune_lists() -> None:
    # A yes/no question outside _prune owns no file and leaves its trace when answered
    # no; cookiecutter asks a question as yes/no only when its default is a boolean.
    questions = {name for name in CONTEXT if not name.startswith("_")}
    yes_no = {name for name in questions if isinstance(CONTEXT[name], bool)}
    assert yes_no == set(OPTIONS)
    assert set(questions) <= set(CONTEXT["__prompts__"])


def test_every_python_file_of_the_template_parses_as_written() -> None:
    # Jinja sits only in `# %` line statements and inside string literals, so the
    # project template is Python that editors, linters and tests can read unbaked.
    files = sorted([*PROJECT_TEMPLATE.rglob("*.py"), *(TEMPLATE / "hooks").glob("*.py")])
    assert len(files) > 20, files
    for path in files:
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def ruff_in_place(*args: str) -> subprocess.CompletedProcess[str]:
    """Ruff on the project template as it stands, with the project's own settings (its
    pyproject.toml is the nearest); no cache is left behind. The template's dev group
    pins the project's ruff; `uv run` cannot run there, as the project's name is Jinja."""
    return run(sys.executable, "-m", "ruff", *args, "--no-cache", ".", cwd=PROJECT_TEMPLATE)


def test_ruff_in_place_reads_every_python_file_of_the_project_template() -> None:
    # Else the two checks below could pass on files ruff excluded.
    listed = ruff_in_place("check", "--show-files").stdout.splitlines()
    seen = {Path(line).resolve() for line in listed if line.endswith(".py")}
    assert seen == {path.resolve() for path in PROJECT_TEMPLATE.rglob("*.py")}


def test_the_app_code_passes_ruff_check_in_place() -> None:
    result = ruff_in_place("check", "--no-fix")
    assert result.returncode == 0, output_of(result)


def test_the_app_code_passes_ruff_format_check_in_place() -> None:
    result = ruff_in_place("format", "--check")
    assert result.returncode == 0, output_of(result)


def test_the_readme_stays_short_enough_to_read_at_the_door() -> None:
    # Maintainer material belongs in CONTRIBUTING.md.
    words = len((TEMPLATE / "README.md").read_text(encoding="utf-8").split())
    assert words <= 900, f"README.md has {words} words"
    assert (TEMPLATE / "CONTRIBUTING.md").is_file()


def test_the_project_pyproject_is_toml_as_written() -> None:
    # Ruff reads its settings from it in place, so it must parse before baking.
    tomllib.loads((PROJECT_TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_hook_refuses_exactly_the_projects_direct_dependencies(pre_hook: ModuleType) -> None:
    project = tomllib.loads((PROJECT_TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [*project["project"]["dependencies"]]
    for group in project["dependency-groups"].values():
        requirements += group
    names = {pre_hook.normalized(re.match(r"[A-Za-z0-9._-]+", r)[0]) for r in requirements}
    assert names == pre_hook.DEPENDENCIES


def test_prune_manifest_lists_only_paths_the_template_has() -> None:
    stale = [
        f"{option}: {entry}"
        for option, entries in CONTEXT["_prune"].items()
        for entry in entries
        if not (PROJECT_TEMPLATE / entry).exists()
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
