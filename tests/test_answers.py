"""A user's answers reach the baked project intact, whatever characters they hold."""

from __future__ import annotations

import ast
import tomllib
import warnings
from pathlib import Path

from conftest import AWKWARD_CASE, CONTEXT, Baker


def pyproject_of(baker: Baker) -> dict:
    bake = baker(AWKWARD_CASE)
    return tomllib.loads((bake.root / "pyproject.toml").read_text(encoding="utf-8"))


def test_description_survives_in_pyproject(baker: Baker) -> None:
    project = pyproject_of(baker)["project"]
    assert project["description"] == AWKWARD_CASE.answers["description"]


def test_author_survives_in_pyproject(baker: Baker) -> None:
    project = pyproject_of(baker)["project"]
    expected = {"name": AWKWARD_CASE.answers["author_name"], "email": CONTEXT["author_email"]}
    assert project["authors"] == [expected]


def python_strings(path: Path) -> set[str]:
    # An invalid escape is ruff's to report (W605); here it must not hide the strings.
    # Python warns of it with DeprecationWarning before 3.12, SyntaxWarning since.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        module = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(module)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_project_name_reaches_the_app_as_a_python_string(baker: Baker) -> None:
    bake = baker(AWKWARD_CASE)
    strings = set().union(*(python_strings(bake.root / f) for f in bake.files if f.endswith(".py")))
    assert AWKWARD_CASE.answers["project_name"] in strings
