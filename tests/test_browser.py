"""The baked project's browser tests pass in a real Chromium, and leave nothing running."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import DEFAULT_CASE, UV, Baker, output_of, run

# .ci/run sets it: where Chromium must be present, a missing one fails instead of skipping.
REQUIRE_CHROMIUM = "TEMPLATE_REQUIRE_CHROMIUM"
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def processes_in(folder: Path) -> list[str]:
    """The command lines of running processes whose working directory is ``folder``."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if Path(os.readlink(proc / "cwd")) == folder:
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:  # it ended meanwhile, or it is not ours to read
            continue
    return found


def browser_test_count(project: Path) -> int:
    return sum(
        len(re.findall(r"^def test_", path.read_text("utf-8"), flags=re.MULTILINE))
        for path in (project / "tests" / "browser").glob("test_*.py")
    )


@pytest.mark.slow
@pytest.mark.xdist_group("browser-bake")  # a bake of its own: runs beside the default's suite
def test_browser_tests_pass_in_chromium_and_stop_their_server(baker: Baker, tmp_path: Path) -> None:
    if not any(map(shutil.which, CHROMIUMS)):
        message = "no Chromium on the PATH (apt-get install chromium)"
        if os.environ.get(REQUIRE_CHROMIUM):
            pytest.fail(f"{message}, and {REQUIRE_CHROMIUM} says it must be there")
        pytest.skip(message)
    project = baker(DEFAULT_CASE).root
    report = tmp_path / "browser.xml"
    # The baked README's command (the server's code runs where coverage does not look).
    result = run(
        *UV, "run", "pytest", "-m", "browser", "--no-cov", "-p", "no:cacheprovider",
        f"--junitxml={report}", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    counts = ElementTree.parse(report).getroot().find("testsuite").attrib
    ran = {key: int(counts[key]) for key in ("tests", "failures", "errors", "skipped")}
    assert ran == {"tests": browser_test_count(project), "failures": 0, "errors": 0, "skipped": 0}
    if not Path("/proc/self").exists():
        pytest.skip("no /proc here: cannot look for a server left running")
    assert not processes_in(project.resolve()), processes_in(project.resolve())
