"""The default bake's deploy tests pass: PostgreSQL, two replicas and nginx with the
bake's deploy/nginx.conf, on loopback; and they leave no server running."""

from __future__ import annotations

import glob
import os
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import DEFAULT_CASE, UV, Baker, output_of, run

# .ci/run sets it: where the servers must be present, a missing one fails instead of
# skipping, here and in the bake's own tests (which read it from the environment).
REQUIRE_DEPLOY = "TEMPLATE_REQUIRE_DEPLOY"
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# The bake's PostgreSQL runs from a folder of this name (tests/deploy/conftest.py).
POSTGRES_FOLDER = "deploy-postgres-"
SUMMARY = "deploy summary"  # the property its report holds the test's figures in


def postgres_programs() -> bool:
    """initdb and pg_ctl on the PATH, or where Debian's postgresql package puts them."""
    folders = [os.path.dirname(p) for p in filter(None, [shutil.which("pg_ctl")])]
    folders += glob.glob("/usr/lib/postgresql/*/bin")
    return any(os.path.isfile(os.path.join(f, "initdb")) for f in folders)


def missing_prerequisites() -> list[str]:
    missing = []
    if not (shutil.which("nginx") or os.path.isfile("/usr/sbin/nginx")):
        missing.append("nginx (apt-get install nginx)")
    if not postgres_programs():
        missing.append("PostgreSQL's server programs (apt-get install postgresql)")
    if not any(map(shutil.which, CHROMIUMS)):
        missing.append("Chromium (apt-get install chromium)")
    return missing


def processes(project: Path) -> list[str]:
    """The command lines of running processes that work in ``project`` (the replicas,
    nginx) or run the bake's PostgreSQL."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if Path(os.readlink(proc / "cwd")) == project or POSTGRES_FOLDER in command:
                found.append(command)
        except OSError:  # it ended meanwhile, or it is not ours to read
            continue
    return found


def deploy_test_count(project: Path) -> int:
    return sum(
        len(re.findall(r"^def test_", path.read_text("utf-8"), flags=re.MULTILINE))
        for path in (project / "tests" / "deploy").glob("test_*.py")
    )


@pytest.mark.slow
@pytest.mark.xdist_group("deploy-bake")  # a bake of its own, for its servers
def test_deploy_tests_pass_on_loopback_and_stop_their_servers(baker: Baker, tmp_path: Path) -> None:
    if missing := missing_prerequisites():
        message = f"the deploy tests need {', '.join(missing)}"
        if os.environ.get(REQUIRE_DEPLOY):
            pytest.fail(f"{message}, and {REQUIRE_DEPLOY} says they must run")
        pytest.skip(message)
    project = baker(DEFAULT_CASE).root
    report = tmp_path / "deploy.xml"
    # The baked README's command: the dev group holds the PostgreSQL driver too.
    result = run(
        *UV, "run", "pytest", "-m", "deploy", "--no-cov", "-p", "no:cacheprovider",
        f"--junitxml={report}", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    suite = ElementTree.parse(report).getroot().find("testsuite")
    summaries = [p.get("value") for p in suite.iter("property") if p.get("name") == SUMMARY]
    print(*summaries, sep="\n")  # the figures the bake's test measured: seen with -s -n0
    counts = suite.attrib
    ran = {key: int(counts[key]) for key in ("tests", "failures", "errors", "skipped")}
    assert ran == {"tests": deploy_test_count(project), "failures": 0, "errors": 0, "skipped": 0}
    if not Path("/proc/self").exists():
        pytest.skip("no /proc here: cannot look for a server left running")
    assert not processes(project.resolve()), processes(project.resolve())
