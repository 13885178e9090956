"""The quality gates every bake ships: Dependabot, pytest's warnings and coverage, the CI
workflow's jobs, the pre-commit hooks; read as data here, then run the way their tools
run them (slow): GitHub's schemas, zizmor, pre-commit-hooks, and scientific-python's
repo-review, each offline and as pinned in the dev group."""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import (
    DEFAULT_CASE,
    ON_DEFAULT_BAKE,
    Bake,
    Baker,
    dev_tool,
    has_database,
    output_of,
    run,
    uv_runs,
    workflow_steps,
)
from identify.identify import tags_from_path
from pre_commit.clientlib import InvalidConfigError, load_config

WORKFLOW = ".github/workflows/ci.yml"
DEPENDABOT = ".github/dependabot.yml"
PRE_COMMIT = ".pre-commit-config.yaml"
PRE_COMMIT_HOOKS = "https://github.com/pre-commit/pre-commit-hooks"
ZIZMOR_HOOKS = "https://github.com/zizmorcore/zizmor-pre-commit"
# The test runs that serve the app in other processes, which coverage does not see.
SERVED_MARKS = {"browser", "deploy"}


def yaml_of(bake: Bake, relative: str) -> dict[str, Any]:
    return yaml.safe_load((bake.root / relative).read_text(encoding="utf-8"))


def pyproject(bake: Bake) -> dict[str, Any]:
    return tomllib.loads((bake.root / "pyproject.toml").read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """A workflow's `on:`, which YAML 1.1 reads as the key True."""
    return workflow.get("on", workflow.get(True)) or {}


def runs_of(job: dict[str, Any]) -> list[str]:
    """The shell commands of a job's steps."""
    return [step["run"] for step in job["steps"] if "run" in step]


# Dependabot


@ON_DEFAULT_BAKE
def test_dependabot_updates_the_actions_and_uv_weekly_each_in_one_group(baker: Baker) -> None:
    updates = yaml_of(baker(DEFAULT_CASE), DEPENDABOT)["updates"]
    assert [update["package-ecosystem"] for update in updates] == ["github-actions", "uv"]
    for update in updates:
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
        (group,) = update["groups"].values()  # one pull request for all its updates
        assert group["patterns"] == ["*"]


# pytest's settings


def test_a_warning_fails_the_baked_suite_but_for_narrow_named_exceptions(baked: Bake) -> None:
    first, *exceptions = pyproject(baked)["tool"]["pytest"]["ini_options"]["filterwarnings"]
    assert first == "error"
    # An exception names a message and a category: "ignore:<message>:<Category>[:...]".
    broad = [entry for entry in exceptions if not re.match(r"ignore:[^:]+:\w+", entry)]
    assert not broad, f"filterwarnings that ignore more than one named warning: {broad}"


def test_pytest_shows_logs_of_a_failing_test_and_needs_the_dev_group_s_pytest(
    baked: Bake,
) -> None:
    project = pyproject(baked)
    options = project["tool"]["pytest"]["ini_options"]
    assert options["log_level"] == "INFO"
    (pytest_pin,) = [d for d in project["dependency-groups"]["dev"] if d.startswith("pytest>=")]
    assert options["minversion"] == pytest_pin.removeprefix("pytest>=")


def test_the_suite_measures_the_app_against_a_coverage_floor(baked: Bake) -> None:
    project = pyproject(baked)
    assert "--cov" in project["tool"]["pytest"]["ini_options"]["addopts"]
    coverage = project["tool"]["coverage"]
    assert coverage["run"]["source"] == ["."]
    assert "tests/*" in coverage["run"]["omit"]
    assert coverage["report"]["fail_under"] > 0


def test_every_run_of_the_served_tests_leaves_coverage_out(baked: Bake) -> None:
    # `pytest -m browser` or `-m deploy` measures nothing of the app and would fail the
    # floor: the workflow and the README say --no-cov; the plain suite keeps coverage.
    readme = (baked.root / "README.md").read_text(encoding="utf-8")
    # The README's commands: lines of its code blocks, and code in its prose.
    typed = re.findall(r"^uv run .*$", readme, flags=re.MULTILINE)
    typed += re.findall(r"`(uv run [^`]*)`", readme)
    commands = [step.get("run", "") for step in workflow_steps(baked)] + typed
    pytests = [words[1:] for c in commands for words in uv_runs(c) if "pytest" in words[:2]]
    served = [words for words in pytests if SERVED_MARKS & set(words)]
    assert len(served) >= baked.case.answers["include_browser_tests"]
    assert all("--no-cov" in words for words in served), served
    assert not [words for words in pytests if words not in served and "--no-cov" in words]


# The CI workflow


def test_ci_can_be_run_by_hand(baked: Bake) -> None:
    assert "workflow_dispatch" in triggers(yaml_of(baked, WORKFLOW))


def test_ci_builds_the_image_and_waits_a_bounded_time_for_it_to_be_healthy(baked: Bake) -> None:
    jobs = yaml_of(baked, WORKFLOW)["jobs"]
    assert ("docker" in jobs) == baked.case.answers["include_deploy"]
    if "docker" not in jobs:
        return
    build, start, wait = runs_of(jobs["docker"])
    assert build == "docker build -t app ."
    assert start == "docker run -d --name app app"
    assert "docker inspect --format '{{.State.Health.Status}}' app" in wait
    assert '[ "$status" = healthy ] && exit 0' in wait
    (polls,) = re.findall(r"for _ in \$\(seq (\d+)\)", wait)
    (pause,) = re.findall(r"sleep (\d+)", wait)
    assert int(polls) * int(pause) < jobs["docker"]["timeout-minutes"] * 60


def test_ci_runs_the_deploy_tests_with_their_servers_installed_and_required(
    baked: Bake,
) -> None:
    jobs = yaml_of(baked, WORKFLOW)["jobs"]
    assert ("deploy" in jobs) == baked.case.answers["include_deploy"]
    if "deploy" not in jobs:
        return
    conftest = (baked.root / "tests" / "deploy" / "conftest.py").read_text(encoding="utf-8")
    (required,) = re.findall(r'^REQUIRE = "(\w+)"', conftest, flags=re.MULTILINE)
    assert jobs["deploy"]["env"] == {required: "1"}
    install, chromium, tests = runs_of(jobs["deploy"])
    packages = install.partition("apt-get install -y --no-install-recommends ")[2].split()
    assert packages == ["nginx", *(["postgresql"] if has_database(baked.case) else [])]
    assert chromium == "uv run --locked playwright install --with-deps chromium"
    assert tests == "uv run --locked pytest -m deploy --no-cov"


# pre-commit


def test_pre_commit_config_is_valid(baked: Bake) -> None:
    try:
        load_config(str(baked.root / PRE_COMMIT))
    except InvalidConfigError as error:
        raise AssertionError(str(error)) from error


def hooks(bake: Bake) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each hook of the bake's pre-commit config by id, with its repository."""
    config = yaml_of(bake, PRE_COMMIT)
    return {hook["id"]: (repo["repo"], hook) for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_ruff_shows_the_fixes_it_makes(baked: Bake) -> None:
    _, ruff = hooks(baked)["ruff-check"]
    assert "--fix" not in ruff.get("args", []) or "--show-fixes" in ruff["args"]


@ON_DEFAULT_BAKE
def test_pre_commit_pins_the_hooks_the_template_runs_on_bakes(baker: Baker) -> None:
    # The slow tests below run these releases from the dev group, as the hooks would.
    repos = yaml_of(baker(DEFAULT_CASE), PRE_COMMIT)["repos"]
    revs = {repo["repo"]: repo["rev"] for repo in repos if repo["repo"] != "local"}
    assert revs[PRE_COMMIT_HOOKS] == f"v{importlib.metadata.version('pre-commit-hooks')}"
    assert revs[ZIZMOR_HOOKS] == f"v{importlib.metadata.version('zizmor')}"
    assert all(re.fullmatch(r"v\d+(\.\d+)+", rev) for rev in revs.values()), revs


# The tools, run on bakes (slow)


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with one of the schemas it ships (no download)."""
    return run(dev_tool("check-jsonschema"), "--builtin-schema", schema, path, cwd=path.parent)


@pytest.mark.slow
def test_the_workflow_passes_github_s_schema(baked: Bake) -> None:
    result = check_jsonschema("vendor.github-workflows", baked.root / WORKFLOW)
    assert result.returncode == 0, output_of(result)


@pytest.mark.slow
@ON_DEFAULT_BAKE
def test_the_dependabot_config_passes_its_schema(baker: Baker) -> None:
    result = check_jsonschema("vendor.dependabot", baker(DEFAULT_CASE).root / DEPENDABOT)
    assert result.returncode == 0, output_of(result)


@pytest.mark.slow
def test_zizmor_finds_nothing_in_the_workflow_dependabot_or_pre_commit(baked: Bake) -> None:
    # The auditor persona reports everything it suspects; --offline skips the audits
    # that ask GitHub's API.
    files = (WORKFLOW, DEPENDABOT, PRE_COMMIT)
    result = run(dev_tool("zizmor"), "--offline", "--persona=auditor", *files, cwd=baked.root)
    assert result.returncode == 0, output_of(result)
    assert "No findings to report" in result.stdout, output_of(result)


def fresh_copy(bake: Bake, folder: Path) -> Path:
    """The bake's files as baked (none a tool left since), in a new folder."""
    for relative in bake.files:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(bake.root / relative, target)
    return folder


def committed_files(folder: Path) -> list[str]:
    """What `git add -A` takes in ``folder``, made a repository: the files pre-commit
    runs on with --all-files (.gitignore honoured)."""
    for command in (("init", "-q"), ("add", "-A")):
        result = run("git", *command, cwd=folder)
        assert result.returncode == 0, output_of(result)
    return run("git", "ls-files", "-z", cwd=folder).stdout.split("\0")[:-1]


# pre-commit-hooks' hooks as its .pre-commit-hooks.yaml declares them: (command, the file
# type they run on), and the argument pre-commit's own merge check stands for here.
HOOKS = {
    "check-merge-conflict": ("check-merge-conflict", "text", ["--assume-in-merge"]),
    "check-toml": ("check-toml", "toml", []),
    "check-yaml": ("check-yaml", "yaml", []),
    "end-of-file-fixer": ("end-of-file-fixer", "text", []),
    "trailing-whitespace": ("trailing-whitespace-fixer", "text", []),
}


@pytest.mark.slow
def test_the_pre_commit_hooks_pass_and_change_nothing(baked: Bake, tmp_path: Path) -> None:
    # Every hook of the pre-commit-hooks repository the bake configures, on a fresh
    # commit of the bake: a check that fails, or a fixer that would change a file
    # (which it says by its exit status), fails the test.
    folder = fresh_copy(baked, tmp_path)
    files = committed_files(folder)
    configured = {i: hook for i, (repo, hook) in hooks(baked).items() if repo == PRE_COMMIT_HOOKS}
    assert set(configured) == set(HOOKS)
    for hook_id, hook in configured.items():
        command, kind, extra = HOOKS[hook_id]
        chosen = [f for f in files if kind in tags_from_path(str(folder / f))]
        assert chosen, f"{hook_id} finds no {kind} file"
        result = run(dev_tool(command), *hook.get("args", []), *extra, *chosen, cwd=folder)
        assert result.returncode == 0, output_of(result)


# scientific-python's repo-review, on the default bake. Each check it fails there is one
# that does not fit this project, with the reason; every other check passes or skips.
NOT_FOR_THIS_PROJECT = {
    "PY004": "no docs/ folder: an app's documentation is its README and each starter's notes",
    "PY007": "no nox or tox: `uv run` is the one entry point for the app, tests and tools",
    "PP002": "no [build-system]: an app, not a package (tool.uv.package = false)",
    "PP003": "no [build-system] for it to read, as for PP002",
    # It knows mypy, pyrefly and ty; the bake's checker is basedpyright ([tool.basedpyright],
    # a local hook that runs it with the project's own packages).
    "MY100": "the type checker is basedpyright, configured in [tool.basedpyright]",
    "PC140": "basedpyright runs from a local hook, in the project's own environment",
    "PC160": "no spell checker: an app's own words (names, products) need a list its authors keep",
    "PC170": "no pygrep hooks: they check reStructuredText, and the project has none",
    "PC180": "no Markdown formatter: a README and starter notes, hand-wrapped and tested here",
    "PC901": "no pre-commit.ci settings: CI is the GitHub Actions workflow",
    "PC902": "no pre-commit.ci settings, as for PC901",
    "PC903": "no pre-commit.ci settings, as for PC901",
}


@pytest.fixture(scope="module")
def repo_review(baker: Baker, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """sp-repo-review's results on a fresh copy of the default bake, by check."""
    folder = fresh_copy(baker(DEFAULT_CASE), tmp_path_factory.mktemp("repo-review"))
    result = run(dev_tool("sp-repo-review"), "--format", "json", folder, cwd=folder)
    try:
        return json.loads(result.stdout)["checks"]
    except (json.JSONDecodeError, KeyError) as error:
        raise AssertionError(output_of(result)) from error


def failed(checks: dict[str, Any]) -> dict[str, str]:
    """The checks that failed, with what each asks for."""
    return {name: c["description"] for name, c in checks.items() if c["result"] is False}


@pytest.mark.slow
@ON_DEFAULT_BAKE
def test_repo_review_fails_only_the_checks_that_do_not_fit_this_project(
    repo_review: dict[str, Any],
) -> None:
    unexplained = {n: d for n, d in failed(repo_review).items() if n not in NOT_FOR_THIS_PROJECT}
    assert not unexplained, f"fix these or list them with the reason: {unexplained}"


@pytest.mark.slow
@ON_DEFAULT_BAKE
def test_every_check_listed_as_not_fitting_still_fails(repo_review: dict[str, Any]) -> None:
    passing = sorted(set(NOT_FOR_THIS_PROJECT) - set(failed(repo_review)))
    assert not passing, f"these pass (or are gone) now: drop them from the table: {passing}"
