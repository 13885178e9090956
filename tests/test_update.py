"""A bake made with cruft takes the template's later changes and keeps the user's own.

The template is a git copy of this one, as a user's cruft would clone it; cruft itself
does the work (create, update, check), as the README tells users to run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEMPLATE, output_of, run

pytestmark = pytest.mark.slow

# Git needs a name to commit; the user's own configuration is neither needed nor read.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
TEMPLATE_CHANGE = "# A setting the template added after the bake.\n"
USER_CHANGE = "A note of the user's own, kept through updates.\n"


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """For the git commands here and the ones cruft runs."""
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)


def git(*args: str, cwd: Path) -> None:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def commit_all(folder: Path, message: str) -> None:
    git("add", "-A", cwd=folder)
    git("commit", "-q", "-m", message, cwd=folder)


def cruft(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, "-m", "cruft", *args, cwd=cwd)


@pytest.fixture
def template_repository(tmp_path: Path) -> Path:
    """A git repository holding the template's files as they are in this work tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=TEMPLATE, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    copy = tmp_path / "template"
    for relative in filter(None, listed):
        source = TEMPLATE / relative
        if source.is_file():
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / relative)
    git("init", "-q", "-b", "main", cwd=copy)
    commit_all(copy, "the template")
    return copy


def test_cruft_update_brings_a_template_change_and_keeps_the_users_edit(
    template_repository: Path, tmp_path: Path, cookiecutter_config: Path
) -> None:
    out = tmp_path / "out"
    created = cruft(
        "create", "--no-input", "--config-file", cookiecutter_config, "--output-dir", out,
        f"file://{template_repository}", cwd=tmp_path,
    )  # fmt: skip
    assert created.returncode == 0, output_of(created)
    (project,) = out.iterdir()
    assert (project / ".cruft.json").is_file()
    git("init", "-q", "-b", "main", cwd=project)
    commit_all(project, "baked")

    with (project / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("\n" + USER_CHANGE)
    commit_all(project, "the user's edit")
    config = template_repository / "{{cookiecutter.project_slug}}" / ".streamlit" / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + TEMPLATE_CHANGE, "utf-8")
    commit_all(template_repository, "a later change to the template")

    stale = cruft("check", cwd=project)
    assert stale.returncode != 0, output_of(stale)
    updated = cruft("update", "--skip-apply-ask", cwd=project)
    assert updated.returncode == 0, output_of(updated)
    assert TEMPLATE_CHANGE in (project / ".streamlit" / "config.toml").read_text("utf-8")
    assert USER_CHANGE in (project / "README.md").read_text("utf-8")
    checked = cruft("check", cwd=project)
    assert checked.returncode == 0, output_of(checked)
