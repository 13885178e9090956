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

from conftest import CHOICES, CONTEXT, OPTIONS, PROJECT_TEMPLATE, TEMPLATE, output_of, owners, run

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


def test_each_choice_prune_lists_names_exactly_the_answers_cookiecutter_offers() -> None:
    # An answer the manifest lacks would prune every other answer's files and keep none.
    assert CHOICES
    for name, answers in CHOICES.items():
        assert isinstance(CONTEXT[name], list), f"{name} is no choice question"
        assert list(CONTEXT["_prune"][name]) == list(answers)


def test_a_choice_s_prompt_labels_every_answer() -> None:
    for name, answers in CHOICES.items():
        labels = CONTEXT["__prompts__"][name]
        assert set(labels) == {"__prompt__", *answers}
        # The label starts with the answer, as the command line takes it (sign_in=demo).
        assert all(labels[answer].startswith(f"{answer}: ") for answer in answers)


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
    for group in [
        *project["project"]["optional-dependencies"].values(),
        *project["dependency-groups"].values(),
    ]:
        requirements += group
    names = {pre_hook.normalized(re.match(r"[A-Za-z0-9._-]+", r)[0]) for r in requirements}
    assert names == pre_hook.DEPENDENCIES


def test_prune_manifest_lists_only_paths_the_template_has() -> None:
    stale = [
        f"{owner.name}: {entry}"
        for owner in owners(CONTEXT["_prune"])
        for entry in owner.items
        if not (PROJECT_TEMPLATE / entry).exists()
    ]
    assert not stale, f"_prune lists paths the template lacks: {stale}"


def test_prune_manifest_lists_no_path_inside_another() -> None:
    # The hook deletes each unwanted path once, in turn: a path inside another listed
    # directory is gone by the time its turn comes, and the hook fails. One path under
    # several owners is allowed: it goes only when none of them is chosen.
    every = owners(CONTEXT["_prune"])
    entries = sorted({entry.rstrip("/") for owner in every for entry in owner.items})
    nested = [(a, b) for a in entries for b in entries if b.startswith(a + "/")]
    assert not nested
    twice = [owner.name for owner in every if len(set(owner.items)) != len(owner.items)]
    assert not twice, f"owners listing a path twice: {twice}"


def test_min_cookiecutter_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", CONTEXT["_min_cookiecutter"])


def test_project_template_holds_no_tool_leftovers() -> None:
    leftovers = sorted(
        path.relative_to(PROJECT_TEMPLATE).as_posix()
        for path in PROJECT_TEMPLATE.rglob("*")
        if path.name in TOOL_LEFTOVERS or path.suffix == ".pyc"
    )
    assert not leftovers, f"remove these from the project template: {leftovers}"
