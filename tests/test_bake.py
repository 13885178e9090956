"""Every option combination bakes a project that is complete, clean, and works."""

from __future__ import annotations

import ast
import fnmatch
import importlib.metadata
import json
import re
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import (
    CONTEXT,
    DEFAULT_CASE,
    PROJECT_TEMPLATE,
    SUITE_CASES,
    UV,
    Bake,
    Baker,
    Case,
    output_of,
    owners,
    run,
    unowned,
    uv_runs,
    workflow_steps,
)
from packaging.requirements import Requirement
from ruff.__main__ import find_ruff_bin
from validate_pyproject import api
from validate_pyproject.errors import ValidationError

# Where braces belong after baking: (glob over project-relative paths, what may stay).
# GitHub Actions expressions are `${{ … }}`, and the Go templates of `docker inspect
# --format` `{{.State.Health.Status}}`; {% raw %} keeps both in the template.
BRACES_ALLOWED = [(".github/workflows/*.yml", re.compile(r"\$\{\{.*?\}\}|\{\{\.[\w.]+\}\}"))]
# A closing "}}" alone is not looked for: nested dicts and inline tables close that way
# in Python, TOML and YAML, and an unrendered expression still leaves its "{{".
JINJA_MARKERS = ("{{", "{%", "%}", "{#")


def expected_files(bake: Bake) -> set[str]:
    """Every file of the project template, minus what ``_prune`` gives only to options
    this bake switched off and to answers it did not give."""
    files = {
        path.relative_to(PROJECT_TEMPLATE).as_posix()
        for path in PROJECT_TEMPLATE.rglob("*")
        if path.is_file()
    }
    for entry in unowned(CONTEXT["_prune"], bake.case.answers):
        pruned = entry.rstrip("/")
        files = {f for f in files if f != pruned and not f.startswith(pruned + "/")}
    return files


def test_bake_has_every_expected_file(baked: Bake) -> None:
    missing = expected_files(baked) - baked.files
    assert not missing, f"baked project lacks {sorted(missing)}"


def test_bake_has_no_file_beyond_the_expected_ones(baked: Bake) -> None:
    extra = baked.files - expected_files(baked)
    assert not extra, f"baked project has unexpected {sorted(extra)}"


def test_bake_leaves_no_empty_directory(baked: Bake) -> None:
    # Git keeps no empty directory, so a fresh clone of the template would bake without it.
    assert not baked.empty_dirs


def test_every_file_is_utf8_text(baked: Bake) -> None:
    undecodable = []
    for relative in sorted(baked.files):
        try:
            (baked.root / relative).read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            undecodable.append(relative)
    assert not undecodable, f"binary or non-UTF-8 files baked: {undecodable}"


def test_no_jinja_is_left_in_any_file(baked: Bake) -> None:
    leftovers = []
    for relative in sorted(baked.files):
        text = (baked.root / relative).read_bytes().decode("utf-8", errors="replace")
        for pattern, allowed in BRACES_ALLOWED:
            if fnmatch.fnmatchcase(relative, pattern):
                text = allowed.sub("", text)
        for number, line in enumerate(text.splitlines(), start=1):
            if any(marker in line for marker in JINJA_MARKERS):
                leftovers.append(f"{relative}:{number}: {line.strip()}")
    assert not leftovers, "Jinja left after baking:\n" + "\n".join(leftovers)


def test_toml_files_parse(baked: Bake) -> None:
    toml_files = {"pyproject.toml", ".streamlit/config.toml"} | {
        f for f in baked.files if f.endswith((".toml", ".toml.example"))
    }
    for relative in sorted(toml_files):
        text = (baked.root / relative).read_text(encoding="utf-8")
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise AssertionError(f"{relative} is not valid TOML: {error}\n{text}") from error


def test_readme_stays_short(baked: Bake) -> None:
    # Each starter's design notes sit in its folder, not here. 1,100 words held the app,
    # its tests and its state rules; sign-in and deploy, each a short section, add 100;
    # the type checker, the gates and the fragment rule, a few lines each, 100.
    words = len((baked.root / "README.md").read_text(encoding="utf-8").split())
    assert words <= 1300, f"README.md has {words} words"


@pytest.fixture(scope="session")
def validate_pyproject() -> api.Validator:
    """validate-pyproject's validator with every plugin, as its command line builds it;
    made once per worker rather than a process per bake (0.4 s each)."""
    return api.Validator()


def test_pyproject_passes_validate_pyproject(
    baked: Bake, validate_pyproject: api.Validator
) -> None:
    # The PyPA schemas, with PEP 639's license expression checked as SPDX.
    text = (baked.root / "pyproject.toml").read_text(encoding="utf-8")
    try:
        validate_pyproject(tomllib.loads(text))
    except ValidationError as error:
        raise AssertionError(f"pyproject.toml is invalid: {error}\n{text}") from error


def test_yaml_files_parse_to_mappings(baked: Bake) -> None:
    # deploy/kubernetes.yaml holds several documents, each a mapping.
    yaml_files = sorted(f for f in baked.files if f.endswith((".yml", ".yaml")))
    assert yaml_files, "the project ships at least .pre-commit-config.yaml"
    for relative in yaml_files:
        documents = list(yaml.safe_load_all((baked.root / relative).read_text(encoding="utf-8")))
        assert documents, f"{relative} is empty"
        assert all(isinstance(d, dict) for d in documents), f"{relative}: not YAML mappings"


def test_a_bake_with_a_database_offers_its_postgresql_driver_as_an_extra(baked: Bake) -> None:
    project = tomllib.loads((baked.root / "pyproject.toml").read_text("utf-8"))["project"]
    answers = baked.case.answers
    database = answers["include_cart"] or answers["sign_in"] == "oidc"
    extras = {"postgres": ["psycopg[binary]>=3.2"]} if database else None
    assert project.get("optional-dependencies") == extras


def test_pre_commit_runs_the_ruff_that_pyproject_pins(baked: Bake) -> None:
    pyproject = tomllib.loads((baked.root / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [
        re.fullmatch(r"ruff\s*~=\s*([\d.]+)", dependency)
        for dependency in pyproject["dependency-groups"]["dev"]
    ]
    (pinned,) = [match.group(1) for match in pins if match]
    config = yaml.safe_load((baked.root / ".pre-commit-config.yaml").read_text("utf-8"))
    (rev,) = [repo["rev"] for repo in config["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    assert rev == f"v{pinned}"


def test_ci_runs_uv_against_the_committed_lock_unchanged(baked: Bake) -> None:
    # Without --locked, `uv run` rewrites a stale uv.lock and CI passes on versions
    # nobody committed; with it, a uv.lock that pyproject.toml has outgrown fails.
    runs = [words for step in workflow_steps(baked) for words in uv_runs(step.get("run", ""))]
    assert runs, "the workflow runs the project's tools with uv run"
    unlocked = [" ".join(["uv", "run", *words]) for words in runs if words[:1] != ["--locked"]]
    assert not unlocked, f"uv run without --locked first: {unlocked}"


def test_ci_caches_uv_by_the_lock(baked: Bake) -> None:
    # setup-uv restores the cache built for this uv.lock, and builds a new one when it changes.
    setups = [
        step
        for step in workflow_steps(baked)
        if step.get("uses", "").startswith("astral-sh/setup-uv@")
    ]
    assert setups, "the workflow installs uv with astral-sh/setup-uv"
    assert [step["with"]["cache-dependency-glob"] for step in setups] == ["uv.lock"] * len(setups)


def test_the_template_runs_the_ruff_the_project_pins() -> None:
    # The static checks below run the template's ruff on every bake, rather than make
    # a uv environment in each: it must be the release the project's own would be.
    pyproject = tomllib.loads((PROJECT_TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))
    (pin,) = [d for d in pyproject["dependency-groups"]["dev"] if d.startswith("ruff")]
    assert Requirement(pin).specifier.contains(importlib.metadata.version("ruff"))


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The pinned ruff, on a bake, with the bake's own settings; no cache left in it."""
    return run(find_ruff_bin(), *args, "--no-cache", ".", cwd=cwd)


def test_ruff_check_passes_without_fixes(baked: Bake) -> None:
    result = ruff("check", "--no-fix", cwd=baked.root)
    assert result.returncode == 0, output_of(result)


def test_ruff_format_check_passes(baked: Bake) -> None:
    result = ruff("format", "--check", cwd=baked.root)
    assert result.returncode == 0, output_of(result)


@pytest.fixture(scope="session")
def baked_suite(baker: Baker) -> Callable[[Case], subprocess.CompletedProcess[str]]:
    """The user's own command, `uv run pytest`, in the bake's own uv environment: run
    once per case (and worker), read by each test of it."""
    done: dict[str, subprocess.CompletedProcess[str]] = {}

    def suite(case: Case) -> subprocess.CompletedProcess[str]:
        if case.name not in done:
            done[case.name] = run(*UV, "run", "pytest", cwd=baker(case).root)
        return done[case.name]

    return suite


@pytest.mark.slow
@pytest.mark.parametrize("case", SUITE_CASES)
def test_baked_test_suite_passes(baked_suite: Callable, case: Case) -> None:
    result = baked_suite(case)
    assert result.returncode == 0, output_of(result)


# What app/ may do with st.session_state outside app/state.py, whose Keys read and write
# each value with its type: empty it (Reset everything) and show it whole (the inspector).
UNTYPED_USES_ALLOWED = {"clear", "to_dict"}


def session_state_uses(source: str) -> list[str]:
    """Each use of ``st.session_state`` in ``source``, as what follows it: an attribute's
    name, "[...]" for an item, or "" when the proxy itself is passed on."""
    uses = []
    for node in ast.walk(ast.parse(source)):
        for child in ast.iter_child_nodes(node):
            if (
                isinstance(child, ast.Attribute)
                and child.attr == "session_state"
                and isinstance(child.value, ast.Name)
                and child.value.id == "st"
            ):
                if isinstance(node, ast.Attribute):
                    uses.append(node.attr)
                else:
                    uses.append("[...]" if isinstance(node, ast.Subscript) else "")
    return uses


def test_app_reads_session_state_only_through_typed_keys(baked: Bake) -> None:
    untyped = {
        name: sorted(set(uses) - UNTYPED_USES_ALLOWED)
        for name in sorted(baked.files)
        if name.endswith(".py") and name != "app/state.py" and not name.startswith("tests/")
        for uses in [session_state_uses((baked.root / name).read_text(encoding="utf-8"))]
        if set(uses) - UNTYPED_USES_ALLOWED
    }
    assert not untyped, f"st.session_state used untyped outside app/state.py: {untyped}"


@pytest.mark.slow
@pytest.mark.parametrize("case", SUITE_CASES)
def test_the_type_checker_finds_no_error(baker: Baker, case: Case) -> None:
    # The bake's own checker and settings in its own environment, as its CI job and
    # pre-commit run it.
    result = run(*UV, "run", "basedpyright", cwd=baker(case).root)
    assert result.returncode == 0, output_of(result)


@pytest.fixture(scope="session")
def every_package(baker: Baker) -> Path:
    """The Python of the default bake's environment: every option on, so it holds every
    package any combination imports (the suites above run each in its own)."""
    root = baker(DEFAULT_CASE).root
    result = run(*UV, "sync", "--quiet", cwd=root)
    assert result.returncode == 0, output_of(result)
    return root / ".venv" / "bin" / "python"


@pytest.mark.slow
def test_every_combination_passes_the_type_checker(baked: Bake, every_package: Path) -> None:
    # The bake's own settings and pinned checker, with the packages of every option.
    checker = every_package.parent / "basedpyright"
    result = run(checker, "--pythonpath", every_package, cwd=baked.root)
    assert result.returncode == 0, output_of(result)
    assert "0 errors, 0 warnings" in result.stdout, output_of(result)


def coverage_by_file(project: Path, report: Path) -> dict[str, float]:
    """The percentage of each file's lines and branches the bake's last run covered."""
    result = run(*UV, "run", "coverage", "json", "-o", report, cwd=project)
    assert report.exists(), output_of(result)
    files = json.loads(report.read_text("utf-8"))["files"]
    return {name: data["summary"]["percent_covered"] for name, data in files.items()}


@pytest.mark.slow
@pytest.mark.parametrize("case", SUITE_CASES)
def test_baked_suite_reaches_its_coverage_floor_on_the_code_it_drives(
    baker: Baker, baked_suite: Callable, case: Case, tmp_path: Path
) -> None:
    # AppTest runs the entrypoint and each page in the tests' own process, where
    # coverage counts their lines: none of them may read as unmeasured.
    bake = baker(case)
    result = baked_suite(case)
    coverage = tomllib.loads((bake.root / "pyproject.toml").read_text("utf-8"))["tool"]["coverage"]
    said = re.findall(r"^Required test coverage of ([\d.]+)% reached\.", result.stdout, re.M)
    assert list(map(float, said)) == [coverage["report"]["fail_under"]], output_of(result)
    covered = coverage_by_file(bake.root, tmp_path / "coverage.json")
    driven = ["streamlit_app.py", *sorted(f for f in bake.files if f.endswith("/page.py"))]
    assert {name: covered.get(name, 0.0) for name in driven if not covered.get(name)} == {}


# Words only an owner's files and lines use, by owner as in _prune: a starter's yes, or
# a choice's answer. A bake may hold a word only if it chose one of the word's owners:
# no page, state, test, dependency, setting or README section of anything else remains.
# As in _prune, a word two owners use is listed under both (sqlalchemy and psycopg: the
# cart's orders, and the oidc sign-in's saved work).
TRACES = {
    "include_wizard": ("wizard",),
    "include_cart": ("cart", "sqlalchemy", "orders", "psycopg"),
    "include_model_cache": ("sentiment", "vader"),
    "include_browser_tests": ("playwright", "chromium"),
    # tests/deploy drives its sessions in Chromium too
    "include_deploy": (
        "docker",
        "compose",
        "kubernetes",
        "nginx",
        "deploy/",
        "playwright",
        "chromium",
    ),
    "sign_in": {
        "oidc": (
            "st.login",
            "st.logout",
            "st.user",
            "[auth]",
            "streamlit[auth]",
            "oidc",
            "saved_state",
            "newer_field_wins",  # app/merge.py, and each saved feature's rule
            "sqlalchemy",
            "psycopg",
        ),
        "demo": ("account.name_input", "display name"),
    },
}


def test_traces_name_every_owner_of_the_manifest() -> None:
    def names(manifest: dict) -> set[str]:
        return {owner.name for owner in owners(manifest)}

    assert names(TRACES) == names(CONTEXT["_prune"])


def test_traces_are_lowercase_as_the_files_are_searched() -> None:
    assert [word for owner in owners(TRACES) for word in owner.items if word != word.lower()] == []


def test_what_a_bake_did_not_choose_leaves_no_trace(baked: Bake) -> None:
    words = unowned(TRACES, baked.case.answers)
    found = [
        f"{relative}: {word} ({' or '.join(owned_by)})"
        for relative in sorted(baked.files)
        for word, owned_by in words.items()
        if word in relative.lower() or word in (baked.root / relative).read_text("utf-8").lower()
    ]
    assert not found, f"traces of options switched off or answers not given: {found}"
