"""A user's answers reach the baked project intact, whatever characters they hold
and however long they are."""

from __future__ import annotations

import ast
import tomllib
import warnings
from pathlib import Path

import pytest
from conftest import AWKWARD_CASE, CONTEXT, LONG_CASE, Baker, Case

# Answers with awkward characters, and answers at the lengths a user may give.
TEXT_CASES = [pytest.param(case, id=case.name) for case in (AWKWARD_CASE, LONG_CASE)]


def pyproject_of(baker: Baker, case: Case) -> dict:
    bake = baker(case)
    return tomllib.loads((bake.root / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", TEXT_CASES)
def test_description_survives_in_pyproject(baker: Baker, case: Case) -> None:
    project = pyproject_of(baker, case)["project"]
    assert project["description"] == case.answers["description"]


@pytest.mark.parametrize("case", TEXT_CASES)
def test_author_survives_in_pyproject(baker: Baker, case: Case) -> None:
    project = pyproject_of(baker, case)["project"]
    expected = {"name": case.answers["author_name"], "email": CONTEXT["author_email"]}
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


@pytest.mark.parametrize("case", TEXT_CASES)
def test_project_name_reaches_the_app_as_a_python_string(baker: Baker, case: Case) -> None:
    bake = baker(case)
    strings = set().union(*(python_strings(bake.root / f) for f in bake.files if f.endswith(".py")))
    assert case.answers["project_name"] in strings
