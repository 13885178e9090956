"""The real `cookiecutter` command refuses a bad slug with one clear line, no traceback,
and leaves nothing behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest
from conftest import TEMPLATE, output_of, run

REFUSED_SLUGS = [
    pytest.param("json", id="stdlib-json"),
    pytest.param("random", id="stdlib-random"),
    pytest.param("types", id="stdlib-types"),
    pytest.param("streamlit", id="streamlit"),
    pytest.param("starlette", id="uv-refuses-a-dependency-name"),
    pytest.param("quarterly_regional_sales_forecast_reviews", id="41-characters"),
    pytest.param("tests", id="tests"),
    pytest.param("test", id="test"),
    pytest.param("class", id="keyword"),
    pytest.param("con", id="windows-device-con"),
    pytest.param("lpt1", id="windows-device-lpt1"),
    pytest.param("My-App", id="uppercase-and-hyphen"),
    pytest.param("1app", id="leading-digit"),
    pytest.param("app_", id="trailing-underscore"),
    # Into an output directory that does not exist yet: baking an empty slug into an
    # existing one stops earlier, at cookiecutter's own "directory already exists".
    pytest.param("", id="empty"),
]


def bake_with_cli(
    output_dir: Path, config_file: Path, slug: str
) -> subprocess.CompletedProcess[str]:
    return run(
        sys.executable,
        "-m",
        "cookiecutter",
        "--no-input",
        "--config-file",
        config_file,
        TEMPLATE,
        "-o",
        output_dir,
        f"project_slug={slug}",
        cwd=output_dir.parent,
    )


class Refusal(NamedTuple):
    slug: str
    output_dir: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module", params=REFUSED_SLUGS)
def refusal(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    cookiecutter_config: Path,
) -> Refusal:
    """One CLI run per refused slug, shared by the tests that read it."""
    output_dir = tmp_path_factory.mktemp("refused") / "out"
    return Refusal(
        request.param, output_dir, bake_with_cli(output_dir, cookiecutter_config, request.param)
    )


def test_cli_exits_with_an_error_status(refusal: Refusal) -> None:
    assert refusal.result.returncode != 0, output_of(refusal.result)


def test_cli_prints_one_line_naming_the_slug_and_what_is_accepted(
    refusal: Refusal, pre_hook: ModuleType
) -> None:
    result = refusal.result
    errors = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.startswith(f"ERROR: project_slug {refusal.slug!r}")
    ]
    assert len(errors) == 1, output_of(result)
    assert pre_hook.ACCEPTED in errors[0]


# All that cookiecutter itself prints when the pre-generation hook refuses (on stdout;
# the hook's ERROR lines go to stderr). Cookiecutter 2.7 also logs its own traceback,
# which local_extensions.py drops: the hook's line has said what was wrong.
COOKIECUTTER_REFUSAL_LINES = [
    "ERROR: Stopping generation because pre_gen_project hook script didn't exit successfully",
    "Hook script failed (exit status: 1)",
]


def test_cli_adds_only_its_own_two_lines_and_no_traceback(refusal: Refusal) -> None:
    result = refusal.result
    assert result.stdout.splitlines() == COOKIECUTTER_REFUSAL_LINES, output_of(result)
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_leaves_no_directory_behind(refusal: Refusal) -> None:
    output_dir = refusal.output_dir
    assert not output_dir.exists() or not any(output_dir.iterdir()), output_of(refusal.result)


def test_cli_bakes_an_accepted_slug_into_its_directory(
    tmp_path: Path, cookiecutter_config: Path
) -> None:
    output_dir = tmp_path / "out"
    result = bake_with_cli(output_dir, cookiecutter_config, "sales_dashboard2")
    assert result.returncode == 0, output_of(result)
    assert (output_dir / "sales_dashboard2" / "sales_dashboard2" / "__init__.py").is_file()
    assert f"cd {output_dir / 'sales_dashboard2'}" in result.stdout
