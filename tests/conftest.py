"""Bake the template the way a user does, once per combination of answers.

The questions ``_prune`` in cookiecutter.json lists own files: each yes/no option, and
each choice whose answers own files of their own. The matrix is every combination of
their answers (an add-on, see ADD_ONS, is switched off only at the corners): a new
option or choice is covered without editing a test.
"""

from __future__ import annotations

import ast
import importlib.util
import itertools
import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest
import yaml
from cookiecutter.main import cookiecutter
from markdown_it import MarkdownIt
from markdown_it.token import Token
from uv import find_uv_bin

TEMPLATE = Path(__file__).resolve().parent.parent
PROJECT_TEMPLATE = TEMPLATE / "{{cookiecutter.project_slug}}"
CONTEXT: dict[str, Any] = json.loads((TEMPLATE / "cookiecutter.json").read_text("utf-8"))
# The yes/no questions are cookiecutter booleans: the cases answer True or False.
OPTIONS = tuple(name for name, owned in CONTEXT["_prune"].items() if isinstance(owned, list))
# The choices _prune lists, each with its answers in the order cookiecutter offers them.
CHOICES = {
    name: tuple(CONTEXT[name])
    for name, owned in CONTEXT["_prune"].items()
    if isinstance(owned, dict)
}
# A choice's default is its first answer.
DEFAULTS = {**{name: CONTEXT[name] for name in OPTIONS}, **{n: a[0] for n, a in CHOICES.items()}}
# The uv binary of the dev group. Not `python -m uv`: that sets VIRTUAL_ENV to this
# suite's environment, and uv in a baked project would warn that it ignores it.
UV = (find_uv_bin(),)
SUBPROCESS_TIMEOUT = 900  # seconds: a cold uv cache downloads Streamlit and its dependencies


class Case(NamedTuple):
    """One way to answer the template: a name for reports and the answers given."""

    name: str
    answers: dict[str, Any]


class Owner(NamedTuple):
    """One owner in a manifest shaped like ``_prune``: a yes/no option, owning its items
    when answered yes, or one answer of a choice, owning them when given."""

    question: str
    answer: str | None  # None for a yes/no option
    items: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.question if self.answer is None else f"{self.question}={self.answer}"

    def chosen(self, answers: dict[str, Any]) -> bool:
        given = answers[self.question]
        return bool(given) if self.answer is None else given == self.answer


def owners(manifest: dict[str, Any]) -> list[Owner]:
    """Every owner of ``manifest`` (``_prune``, or the traces in test_bake.py)."""
    return [
        Owner(question, answer, tuple(items))
        for question, owned in manifest.items()
        for answer, items in (owned.items() if isinstance(owned, dict) else [(None, owned)])
    ]


def unowned(manifest: dict[str, Any], answers: dict[str, Any]) -> dict[str, list[str]]:
    """Each item that no chosen owner lists, with the owners that list it: what a bake
    with ``answers`` must not hold."""
    every = owners(manifest)
    kept = {item for owner in every if owner.chosen(answers) for item in owner.items}
    found: dict[str, list[str]] = {}
    for owner in every:
        for item in owner.items:
            if item not in kept:
                found.setdefault(item, []).append(owner.name)
    return found


def case_name(answers: dict[str, Any]) -> str:
    """The case's name: defaults, or what differs from them: the options switched off,
    then the other answers of choices (no-include_cart-demo)."""
    if answers == DEFAULTS:
        return "defaults"
    off = [name for name in OPTIONS if not answers[name]]
    others = [answers[name] for name in CHOICES if answers[name] != DEFAULTS[name]]
    return "-".join([*(["no", *off] if off else []), *others]) or "all-on"


# Add-ons: options whose files read other answers (the deployment installs the database
# driver and configures sign-in when the bake has them) but whose own answer no other
# file reads beyond the add-on's own lines. Its files vary with the other answers, so it
# is on in every combination of them; answered no, it takes away the same files and
# lines whatever the rest, so it is off only at the corners: every other option on, and
# every other option off, each with every answer of the choices. (Doubling the matrix
# for it would add 32 bakes that show nothing more.)
ADD_ONS = ("include_deploy",)
assert set(ADD_ONS) <= set(OPTIONS), "an add-on is a yes/no option of _prune"


def option_combinations() -> list[Case]:
    """Every combination of the other options' and the choices' answers, with the
    add-ons on; then each add-on off at the corners (see ADD_ONS)."""
    core = [name for name in OPTIONS if name not in ADD_ONS]
    values = [(True, False)] * len(core) + list(CHOICES.values())
    combinations = [
        {**dict(zip([*core, *CHOICES], answers, strict=True)), **dict.fromkeys(ADD_ONS, True)}
        for answers in itertools.product(*values)
    ]
    corners = [answers for answers in combinations if len({answers[n] for n in core}) == 1]
    combinations += [{**answers, add_on: False} for add_on in ADD_ONS for answers in corners]
    combinations.sort(key=lambda answers: answers != DEFAULTS)  # defaults first: they fail first
    return [Case(case_name(answers), answers) for answers in combinations]


DEFAULT_CASE = Case("defaults", DEFAULTS)
# Text with quotes, an apostrophe, a backslash, accents and an emoji must survive every
# language it lands in: TOML, Python, YAML, Markdown.
AWKWARD_CASE = Case(
    "awkward-text",
    {
        **DEFAULTS,
        "project_name": 'Zoë\'s "Best" App 🎈 \\ Co.',
        "description": 'Counts "clicks" & taps, C:\\temp\\ and all — even 🎈',
        "author_name": "Zoë O'Brien-Łukasiewicz",
    },
)
# Long answers (a name of 122 characters, a description of 206, an author of 59) must
# leave every file they land on passing ruff check and ruff format --check, and parsing.
# The slug is a long one: 40 characters.
LONG_CASE = Case(
    "long-names",
    {
        **DEFAULTS,
        "project_name": (
            "Quarterly Regional Sales Forecast Review Dashboard for the Northern Europe"
            " Operations and Logistics Team, Fiscal Year 2027"
        ),
        "project_slug": "quarterly_regional_sales_forecast_review",
        "description": (
            "Forecasts quarterly sales for every region of Northern Europe, compares them with"
            " the plan agreed at the start of the year, and lets the operations and logistics"
            " team review each figure before it is shared."
        ),
        "author_name": "Anna-Katharina Maximiliane Fitzgerald-Worthington-Lindqvist",
    },
)
CASES = [
    pytest.param(case, id=case.name) for case in [*option_combinations(), AWKWARD_CASE, LONG_CASE]
]
# The Baker keeps one bake per name: two cases of one name would share the first's bake.
assert len({param.id for param in CASES}) == len(CASES), "two cases share a name"


def covering_cases() -> list[Case]:
    """The combinations whose baked suites run here: the defaults (every option on,
    oidc sign-in), each starter alone, and every option on with each other answer of a
    choice (demo). A starter or an answer is a slice no other file names (the no-trace
    test checks that statically for every combination), so each starter alone shows it
    needs no other starter, and all on shows the starters live together with each
    sign-in; the oidc code that saves a starter's work runs with that starter alone too.
    Every option off, with the default sign-in, runs its suite in test_hostile_table.py
    with the most hostile answers. Every combination still gets the static checks (an
    add-on's no, at the corners)."""
    starters = [name for name in OPTIONS if name not in ("include_browser_tests", "include_deploy")]
    alone = [{**DEFAULTS, **dict.fromkeys(OPTIONS, False), s: True} for s in starters]
    others = [
        {**DEFAULTS, name: answer} for name, answers in CHOICES.items() for answer in answers[1:]
    ]
    return [Case(case_name(answers), answers) for answers in (DEFAULTS, *alone, *others)]


# The defaults are every option on: the first covering case.
assert all(DEFAULTS[name] for name in OPTIONS), "covering_cases() counts on every option on"
SUITE_CASES = [
    pytest.param(case, id=case.name, marks=pytest.mark.xdist_group(f"baked-{case.name}"))
    for case in covering_cases()
]


@dataclass(frozen=True)
class Bake:
    """A baked project, with what it held right after baking (before any tool ran)."""

    case: Case
    root: Path
    files: frozenset[str]  # project-relative POSIX paths
    empty_dirs: frozenset[str]

    @property
    def slug(self) -> str:
        return self.root.name


def tree(root: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The files and the empty directories under ``root``, as relative POSIX paths."""
    paths = list(root.rglob("*"))
    files = {p.relative_to(root).as_posix() for p in paths if p.is_file()}
    empty = {p.relative_to(root).as_posix() for p in paths if p.is_dir() and not any(p.iterdir())}
    return frozenset(files), frozenset(empty)


def bake(output_dir: Path, config_file: Path, answers: dict[str, Any]) -> Path:
    """Bake the template with cookiecutter's Python API, as `cookiecutter --no-input` does."""
    project = cookiecutter(
        str(TEMPLATE),
        no_input=True,
        output_dir=str(output_dir),
        extra_context=answers,
        config_file=str(config_file),
    )
    return Path(project)


def run(
    *args: str | bytes | Path, cwd: Path, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command the way a user would in a shell at ``cwd``, typing ``input``.

    VIRTUAL_ENV is dropped: it names this suite's environment, and uv would warn
    that it is not the baked project's .venv. A bytes argument is passed as it is,
    as a shell passes bytes that are not UTF-8.
    """
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    return subprocess.run(
        [arg if isinstance(arg, bytes) else str(arg) for arg in args],
        cwd=cwd,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
    )


def output_of(result: subprocess.CompletedProcess[str]) -> str:
    """A command's exit status and whole output, for an assertion message."""
    return (
        f"$ {' '.join(map(os.fsdecode, result.args))}\nexit status {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )


def dev_tool(name: str) -> str:
    """A command of the template's dev group, from this environment's scripts."""
    found = shutil.which(name, path=sysconfig.get_path("scripts"))
    assert found, f"{name} comes with the dev group: python3 -m uv sync"
    return found


def has_database(case: Case) -> bool:
    """Whether the app keeps anything in a database: the cart's orders, or the oidc
    sign-in's saved work; the deployment then runs PostgreSQL and its driver."""
    return case.answers["include_cart"] or case.answers["sign_in"] == "oidc"


def workflow_steps(bake: Bake) -> list[dict]:
    """Every step of every job in the baked project's GitHub workflows."""
    return [
        step
        for path in sorted((bake.root / ".github" / "workflows").glob("*.yml"))
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values()
        for step in job["steps"]
    ]


def uv_runs(command: str) -> list[list[str]]:
    """Each `uv run` in a shell command, as the words that follow it."""
    words = shlex.split(command, comments=True)
    return [words[i + 2 :] for i in range(len(words) - 1) if words[i : i + 2] == ["uv", "run"]]


def load_module(path: Path) -> ModuleType:
    """Import a Python file of the template under its own name."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_hook(name: str) -> ModuleType:
    """Import a hook from its file; its Jinja sits under ``if __name__ == "__main__"``."""
    return load_module(TEMPLATE / "hooks" / f"{name}.py")


@pytest.fixture(scope="session")
def cookiecutter_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config of our own, so the user's ~/.cookiecutterrc neither changes the answers
    nor receives our replay files."""
    home = tmp_path_factory.mktemp("cookiecutter-home")
    config = home / "config.yaml"
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(home / 'cookiecutters'))}\n"
        f"replay_dir: {json.dumps(str(home / 'replay'))}\n",
        encoding="utf-8",
    )
    return config


class Baker:
    """Bakes each case once per test session (per worker under xdist)."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory, config_file: Path) -> None:
        self._tmp_path_factory = tmp_path_factory
        self._config_file = config_file
        self._bakes: dict[str, Bake] = {}

    def __call__(self, case: Case) -> Bake:
        if case.name not in self._bakes:
            output_dir = self._tmp_path_factory.mktemp(f"bake-{case.name}")
            root = bake(output_dir, self._config_file, case.answers)
            files, empty_dirs = tree(root)
            self._bakes[case.name] = Bake(case, root, files, empty_dirs)
        return self._bakes[case.name]


@pytest.fixture(scope="session")
def baker(tmp_path_factory: pytest.TempPathFactory, cookiecutter_config: Path) -> Baker:
    return Baker(tmp_path_factory, cookiecutter_config)


@pytest.fixture(scope="session", params=CASES)
def baked(request: pytest.FixtureRequest, baker: Baker) -> Bake:
    """The project baked for one case of the matrix."""
    return baker(request.param)


@pytest.fixture(scope="session")
def pre_hook() -> ModuleType:
    return load_hook("pre_gen_project")


@pytest.fixture(scope="session")
def post_hook() -> ModuleType:
    return load_hook("post_gen_project")


# `uv run` options that install the lowest versions pyproject.toml allows.
LOWEST_DIRECT = ("--resolution", "lowest-direct")
# Tests that share the lowest bake run on one xdist worker, which bakes it once.
ON_LOWEST_BAKE = pytest.mark.xdist_group("lowest-bake")
# Tests that use the matrix's default bake: in the group pytest_collection_modifyitems
# gives the matrix's own tests of it, so they reuse its bake and its .venv.
ON_DEFAULT_BAKE = pytest.mark.xdist_group(f"baked-{DEFAULT_CASE.name}")


@pytest.fixture(scope="session")
def lowest_bake(tmp_path_factory: pytest.TempPathFactory, cookiecutter_config: Path) -> Path:
    """A bake of its own, so its .venv holds the lowest versions the project allows."""
    return bake(tmp_path_factory.mktemp("lowest"), cookiecutter_config, DEFAULT_CASE.answers)


# Parametrized fixtures whose one value costs a bake: their tests share an xdist group.
SHARED_FIXTURES = ("baked", "refusal", "refused")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep the tests of one bake on one xdist worker (with --dist loadgroup), so the
    bake and the uv environment in it are made once rather than once per worker."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        for fixture in SHARED_FIXTURES:
            if fixture in params:
                value = params[fixture]
                name = value.name if isinstance(value, Case) else repr(value)
                item.add_marker(pytest.mark.xdist_group(f"{fixture}-{name}"))


# Answers as typed: where each one lands in a baked project, read back the way a
# reader or a tool sees it there.

# Every yes/no option off, the choices at their defaults: the answers land in the same
# files whatever the options, and the smaller project bakes and tests faster.
OPTIONS_OFF = dict.fromkeys(OPTIONS, False)
# Where each free-text answer lands, by the names where_answers_land gives the places.
PLACES = {
    "project_name": ("README heading", "page title (TITLE)"),
    "description": ("README first paragraph", "pyproject description"),
    "author_name": ("pyproject author name",),
    "author_email": ("pyproject author e-mail",),
}


def cookiecutter_cli(
    output_dir: Path, config_file: Path, *args: str | bytes, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real `cookiecutter` command on the template, baking into ``output_dir``."""
    return run(
        sys.executable, "-m", "cookiecutter", "--config-file", config_file, TEMPLATE,
        "-o", output_dir, *args, cwd=output_dir.parent, input=input,
    )  # fmt: skip


def shown_text(inline: Token) -> str:
    """The text a Markdown inline shows; any markup is named, as <em_open>, so that
    it cannot pass for the text."""
    assert inline.children is not None
    return "".join(
        child.content if child.type == "text" else f"<{child.type}>" for child in inline.children
    )


def readme_heading_and_paragraph(text: str) -> tuple[str, str]:
    """The README's first heading and the paragraph right under it ("" if none), as
    CommonMark with GitHub's tables and strikethrough shows them."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    start = next(i for i, token in enumerate(tokens) if token.type == "heading_open")
    heading = shown_text(tokens[start + 1])
    after = tokens[start + 3]  # heading_open, inline, heading_close, then the next block
    paragraph = shown_text(tokens[start + 4]) if after.type == "paragraph_open" else ""
    return heading, paragraph


def title_of(root: Path) -> str:
    """The value of TITLE in the baked package, as Python reads it."""
    module = ast.parse((root / "app" / "__init__.py").read_text(encoding="utf-8"))
    (value,) = [
        node.value
        for node in module.body
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["TITLE"]
    ]
    return ast.literal_eval(value)


def where_answers_land(root: Path) -> dict[str, str]:
    """What a reader of the baked project sees at each place an answer lands."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (author,) = project["authors"]
    heading, paragraph = readme_heading_and_paragraph(
        (root / "README.md").read_text(encoding="utf-8")
    )
    return {
        "README heading": heading,
        "page title (TITLE)": title_of(root),
        "README first paragraph": paragraph,
        "pyproject description": project["description"],
        "pyproject author name": author["name"],
        "pyproject author e-mail": author["email"],
    }


def misread_answers(root: Path, answers: dict[str, Any]) -> list[str]:
    """Each place where the baked project does not show an answer as typed, trimmed
    of the spaces around it."""
    landed = where_answers_land(root)
    return [
        f"{place}: {landed[place]!r}, typed {answers[name]!r}"
        for name, places in PLACES.items()
        if name in answers
        for place in places
        if landed[place] != answers[name].strip()
    ]
