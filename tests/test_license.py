"""The license question bakes a LICENSE naming the author and the year, and the matching
PEP 639 expression in pyproject.toml, for every choice."""

from __future__ import annotations

import datetime
import sys
import tomllib

import pytest
from conftest import CONTEXT, OPTIONS_OFF, Baker, Case, output_of, run

AUTHOR = "Zoë O'Brien"
# For each choice: the SPDX expression pyproject.toml declares, and words only its text has.
LICENSES = {
    "MIT": ("MIT", "Permission is hereby granted, free of charge"),
    "BSD-3-Clause": ("BSD-3-Clause", "Neither the name of the copyright holder"),
    "Apache-2.0": ("Apache-2.0", "Apache License\n                           Version 2.0"),
    "Proprietary": ("LicenseRef-Proprietary", "All rights reserved."),
}


def license_case(choice: str) -> Case:
    return Case(f"license-{choice}", {**OPTIONS_OFF, "author_name": AUTHOR, "license": choice})


CASES = [pytest.param(license_case(choice), id=choice) for choice in LICENSES]


def test_the_table_covers_every_choice_and_mit_comes_first() -> None:
    assert list(LICENSES) == CONTEXT["license"]
    assert CONTEXT["license"][0] == "MIT"  # cookiecutter's default is the first choice


@pytest.mark.parametrize("case", CASES)
def test_license_names_the_author_and_the_year(baker: Baker, case: Case) -> None:
    text = (baker(case).root / "LICENSE").read_text(encoding="utf-8")
    year = datetime.datetime.now(datetime.UTC).year
    (notice,) = [line for line in text.splitlines() if line.startswith("Copyright")]
    assert str(year) in notice
    assert AUTHOR in notice


@pytest.mark.parametrize("case", CASES)
def test_license_holds_the_chosen_text_only(baker: Baker, case: Case) -> None:
    text = (baker(case).root / "LICENSE").read_text(encoding="utf-8")
    for choice, (_, words) in LICENSES.items():
        assert (words in text) == (choice == case.answers["license"]), choice


@pytest.mark.parametrize("case", CASES)
def test_pyproject_declares_the_chosen_license(baker: Baker, case: Case) -> None:
    root = baker(case).root
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == LICENSES[case.answers["license"]][0]
    assert project["license-files"] == ["LICENSE"]
    result = run(sys.executable, "-m", "validate_pyproject", "pyproject.toml", cwd=root)
    assert result.returncode == 0, output_of(result)
