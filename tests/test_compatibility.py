"""The floors the template promises are real: the oldest Streamlit the baked project
allows runs its suite, and the oldest cookiecutter allowed bakes the same project."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import (
    CONTEXT,
    DEFAULT_CASE,
    LOWEST_DIRECT,
    ON_LOWEST_BAKE,
    TEMPLATE,
    UV,
    Baker,
    output_of,
    run,
    tree,
)

pytestmark = pytest.mark.slow

LOWEST = ("run", *LOWEST_DIRECT)
# Tests that share a module fixture's bake run on one xdist worker, which bakes it once.
ON_MIN_COOKIECUTTER_BAKE = pytest.mark.xdist_group("min-cookiecutter-bake")


def release(version: str) -> tuple[int, ...]:
    """A version's release numbers, zero-padded so "1.50" equals "1.50.0"."""
    numbers = tuple(int(part) for part in re.match(r"\d+(?:\.\d+)*", version)[0].split("."))
    return numbers + (0,) * (3 - len(numbers))


def streamlit_floor(project: Path) -> str:
    dependencies = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"][
        "dependencies"
    ]
    (floor,) = [
        match[1]
        for dependency in dependencies
        # streamlit>=1.63, or with an extra: streamlit[auth]>=1.67
        if (match := re.fullmatch(r"streamlit(?:\[\w+\])?\s*>=\s*([\d.]+)", dependency))
    ]
    return floor


@ON_LOWEST_BAKE
def test_lowest_resolution_installs_the_streamlit_floor(lowest_bake: Path) -> None:
    result = run(
        *UV, *LOWEST, "python", "-c", "import streamlit; print(streamlit.__version__)",
        cwd=lowest_bake,
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    assert release(result.stdout.strip()) == release(streamlit_floor(lowest_bake))


@ON_LOWEST_BAKE
def test_baked_test_suite_passes_on_the_lowest_versions_allowed(lowest_bake: Path) -> None:
    result = run(*UV, *LOWEST, "pytest", cwd=lowest_bake)
    assert result.returncode == 0, output_of(result)


@pytest.fixture(scope="module")
def min_cookiecutter_bake(
    tmp_path_factory: pytest.TempPathFactory, cookiecutter_config: Path
) -> Path:
    """The defaults, baked by the oldest cookiecutter that cookiecutter.json allows."""
    minimum = CONTEXT["_min_cookiecutter"]
    output_dir = tmp_path_factory.mktemp("min-cookiecutter") / "out"
    result = run(
        *UV, "tool", "run", "--from", f"cookiecutter=={minimum}", "cookiecutter",
        "--no-input", "--config-file", cookiecutter_config, TEMPLATE, "-o", output_dir,
        cwd=output_dir.parent,
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    (project,) = output_dir.iterdir()
    return project


@ON_MIN_COOKIECUTTER_BAKE
def test_min_cookiecutter_bakes_the_same_files_as_the_current_one(
    min_cookiecutter_bake: Path, baker: Baker
) -> None:
    current = baker(DEFAULT_CASE)
    assert tree(min_cookiecutter_bake) == (current.files, current.empty_dirs)


@ON_MIN_COOKIECUTTER_BAKE
def test_min_cookiecutter_bakes_the_same_contents_as_the_current_one(
    min_cookiecutter_bake: Path, baker: Baker
) -> None:
    current = baker(DEFAULT_CASE)
    differ = [
        relative
        for relative in sorted(current.files)
        if (min_cookiecutter_bake / relative).is_file()
        and (min_cookiecutter_bake / relative).read_bytes()
        != (current.root / relative).read_bytes()
    ]
    assert not differ, f"the oldest cookiecutter allowed bakes these differently: {differ}"
