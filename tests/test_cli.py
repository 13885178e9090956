"""The real `cookiecutter` command refuses a bad slug with one clear line, no traceback,
and leaves nothing behind; a good slug names the project's folder, the code sits in app/."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest
from conftest import cookiecutter_cli, output_of

pytestmark = pytest.mark.slow

# One slug per reason the hook gives, through the real command line; test_hooks.py
# tries many more against the hook's function.
REFUSED_SLUGS = [
    pytest.param("streamlit", id="dependency-streamlit"),
    pytest.param("con.app", id="windows-device-with-an-extension"),
    pytest.param("My-App", id="not-a-lowercase-distribution-name"),
    # No single folder name: cookiecutter bakes into a stand-in folder the hook removes.
    pytest.param("a" * 256, id="256-characters"),
    # Into an output directory that does not exist yet: baking an empty slug into an
    # existing one stops earlier, at cookiecutter's own "directory already exists".
    pytest.param("", id="empty"),
]


def bake_with_cli(
    output_dir: Path, config_file: Path, slug: str
) -> subprocess.CompletedProcess[str]:
    return cookiecutter_cli(output_dir, config_file, "--no-input", f"project_slug={slug}")


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


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("sales-dashboard", id="hyphen"),
        pytest.param("json", id="stdlib-name"),
    ],
)
def test_cli_bakes_an_accepted_slug_into_its_folder_with_the_code_in_app(
    tmp_path: Path, cookiecutter_config: Path, slug: str
) -> None:
    output_dir = tmp_path / "out"
    result = bake_with_cli(output_dir, cookiecutter_config, slug)
    assert result.returncode == 0, output_of(result)
    root = output_dir / slug
    assert [p.name for p in output_dir.iterdir()] == [slug]
    assert (root / "app" / "__init__.py").is_file()
    packages = sorted(p.parent.name for p in root.glob("*/__init__.py"))
    assert packages == ["app"]  # the slug names no package
    assert tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["name"] == slug
    assert f"cd {root}" in result.stdout
