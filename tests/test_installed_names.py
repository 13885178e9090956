"""The pre-generation hook refuses every name that a baked project's environment takes,
at the latest versions and at the lowest ones the project allows: a slug named after a
distribution stops uv ("the name is shadowed by your project"), and one named after an
import shadows it at run time, the app's folder being first on sys.path."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from conftest import DEFAULT_CASE, LOWEST_DIRECT, ON_DEFAULT_BAKE, ON_LOWEST_BAKE, Baker
from installed_names import installed_names

REGENERATE = "rewrite the hook's INSTALLED with: python3 -m uv run python tests/installed_names.py"


def assert_all_refused(names: set[str], pre_hook: ModuleType) -> None:
    # A listing that missed the environment would pass vacuously.
    assert {"streamlit", "pytest", "ruff"} <= names, sorted(names)
    accepted = sorted(name for name in names if pre_hook.slug_problem(name) is None)
    assert not accepted, f"the hook accepts these installed names: {accepted}; {REGENERATE}"


@ON_DEFAULT_BAKE
def test_hook_refuses_every_name_installed_at_the_latest_versions(
    baker: Baker, pre_hook: ModuleType
) -> None:
    assert_all_refused(installed_names(baker(DEFAULT_CASE).root), pre_hook)


@ON_LOWEST_BAKE
def test_hook_refuses_every_name_installed_at_the_lowest_versions_allowed(
    lowest_bake: Path, pre_hook: ModuleType
) -> None:
    assert_all_refused(installed_names(lowest_bake, *LOWEST_DIRECT), pre_hook)
