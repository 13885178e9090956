"""A table of hostile answers, across every text question: each one is either baked
into a project that parses, lints, passes its own tests and shows the answer exactly
as typed, or refused with one clear line, an error status and nothing left behind.

Accepted answers share bakes: bake k carries the k-th accepted answer of every
question, so a few bakes cover the whole table, and the first of them (the most
hostile answer of each question) runs the baked project's own test suite.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import tempfile
import tomllib
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest
import yaml
from conftest import (
    CHOICES,
    CONTEXT,
    OPTIONS,
    OPTIONS_OFF,
    PLACES,
    TEMPLATE,
    UV,
    Baker,
    Case,
    cookiecutter_cli,
    misread_answers,
    output_of,
    run,
    tree,
    where_answers_land,
)
from cookiecutter.exceptions import FailedHookException
from cookiecutter.main import cookiecutter
from ruff.__main__ import find_ruff_bin

# An answer that runs code would create this file: at bake time through Jinja, or in
# a hook that pasted the answer into its source.
# Named for this process, so a file left by an earlier run cannot fail this one.
RAN = Path(tempfile.gettempdir()) / f"hostile-answer-ran-{os.getpid()}"
TOUCH = f"__import__('pathlib').Path({str(RAN)!r}).touch()"


class Answer(NamedTuple):
    id: str
    question: str
    value: str


ACCEPTED = [
    # project_name: the README heading and the browser tab's title (a Python string).
    Answer("name-closes-every-python-string", "project_name", f"\"\"\"'''\"'); {TOUCH}; ('"),
    Answer("name-quotes-emoji-trailing-backslash", "project_name", 'Zoë\'s "Best" App 🎈 \\'),
    Answer("name-jinja", "project_name", "{{ 7*7 }} {% raw %} {# note #} {%"),
    Answer("name-github-expression", "project_name", "${{ secrets.GITHUB_TOKEN }}"),
    Answer("name-right-to-left", "project_name", "تطبيق المبيعات שלום v2"),
    Answer("name-ruff-look-alikes", "project_name", "Sales \u2013 Europe ノート \u0397ello"),
    Answer("name-markup", "project_name", "# <b>Hi</b> **x** [a](b) | ~~s~~ $m$ &amp; `c` #"),
    Answer("name-ordered-list", "project_name", "1. First"),
    Answer("name-spaces-and-tabs", "project_name", "\t  Padded\tName  \t"),
    Answer("name-line-statement", "project_name", "# % if true"),
    # description: the README's first paragraph and pyproject.toml.
    Answer(
        "description-jinja-that-runs-code",
        "description",
        "{{ cycler.__init__.__globals__.__builtins__.__import__('os')"
        f".system('touch {RAN}') }}}}",
    ),
    Answer("description-trailing-backslash", "description", "Ends with a backslash \\"),
    Answer("description-escapes-as-text", "description", r"\n \t \x00 \N{BALLOON} \u0041 %s {0}"),
    Answer("description-raw-blocks", "description", "{% raw %} {% endraw %} {%- endraw %}"),
    Answer("description-bullet", "description", "- item [ ] --- > quote"),
    Answer("description-html", "description", '<script>alert("x")</script><!-- c -->'),
    Answer("description-emoji-marks", "description", "👩\u200d💻 dev\u200f café (e\u0301)"),
    Answer("description-scripts", "description", "Привет мир 日本語 Ελληνικά हिन्दी"),
    Answer("description-toml-and-yaml", "description", 'a = "b" # c\tkey: [1, 2]'),
    Answer("description-github-expression", "description", "${{ github.event.issue.title }}"),
    # Markdown reads a line that starts with a tab or four spaces as code: trimmed first.
    Answer("description-padded", "description", "\t    Padded description  "),
    # author_name and author_email: pyproject.toml.
    Answer("author-quotes-backslash", "author_name", 'Zoë O\'Brien "Łukasiewicz" \\'),
    Answer("author-jinja", "author_name", "{{ author }} {%"),
    Answer("author-right-to-left", "author_name", "محمد بن موسى"),
    Answer("author-cjk", "author_name", "山田 太郎"),
    Answer("author-empty", "author_name", ""),
    Answer("author-line-statement-prefix", "author_name", "# %"),
    Answer("author-padded", "author_name", "  Ada Lovelace\t"),
    Answer("email-plus-apostrophe", "author_email", "o'brien+tag@example.co.uk"),
    Answer("email-unicode", "author_email", "zoë@exämple.com"),
    Answer("email-padded", "author_email", "  you@example.com  "),
]


def bakes_of(answers: list[Answer]) -> tuple[list[Case], dict[str, Case]]:
    """Bake k holds the k-th accepted answer of each question; the defaults fill in."""
    by_question: dict[str, list[Answer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question, []).append(answer)
    count = max(len(group) for group in by_question.values())
    cases, case_of = [], {}
    for k in range(count):
        chosen = {group[k].question: group[k] for group in by_question.values() if k < len(group)}
        values = {question: answer.value for question, answer in chosen.items()}
        case = Case(f"hostile-{k}", {**OPTIONS_OFF, **values, "project_slug": f"hostile-{k}"})
        cases.append(case)
        case_of.update({answer.id: case for answer in chosen.values()})
    return cases, case_of


BAKES, BAKE_OF = bakes_of(ACCEPTED)


def on_its_bake(case: Case) -> pytest.MarkDecorator:
    return pytest.mark.xdist_group(f"hostile-bake-{case.name}")


BAKE_PARAMS = [pytest.param(case, id=case.name, marks=on_its_bake(case)) for case in BAKES]
ANSWER_PARAMS = [
    pytest.param(answer, id=answer.id, marks=on_its_bake(BAKE_OF[answer.id])) for answer in ACCEPTED
]


def test_the_table_tries_every_text_question() -> None:
    assert {answer.question for answer in ACCEPTED} == set(PLACES)


@pytest.mark.parametrize("answer", ANSWER_PARAMS)
def test_an_accepted_answer_reads_back_as_typed_where_it_lands(
    baker: Baker, answer: Answer
) -> None:
    bake = baker(BAKE_OF[answer.id])
    misread = misread_answers(bake.root, {answer.question: answer.value})
    assert not misread, "\n".join(misread)


@pytest.mark.parametrize("case", BAKE_PARAMS)
def test_no_answer_ran_as_code(baker: Baker, case: Case) -> None:
    baker(case)
    assert not RAN.exists(), f"an answer ran as code at bake time: {RAN} exists"


@pytest.mark.parametrize("case", BAKE_PARAMS)
def test_hostile_bake_parses_as_toml_yaml_and_python(baker: Baker, case: Case) -> None:
    bake = baker(case)
    for relative in ("pyproject.toml", ".streamlit/config.toml"):
        tomllib.loads((bake.root / relative).read_text(encoding="utf-8"))
    assert isinstance(yaml.safe_load((bake.root / ".github/workflows/ci.yml").read_text()), dict)
    for relative in sorted(f for f in bake.files if f.endswith(".py")):
        ast.parse((bake.root / relative).read_text(encoding="utf-8"), relative)


@pytest.mark.parametrize("case", BAKE_PARAMS)
def test_hostile_bake_passes_ruff_check_and_format(baker: Baker, case: Case) -> None:
    # The ruff of this suite is the version the baked project pins; it reads the
    # project's own settings from its pyproject.toml.
    bake = baker(case)
    for command in (("check", "--no-fix"), ("format", "--check")):
        result = run(find_ruff_bin(), *command, ".", cwd=bake.root)
        assert result.returncode == 0, output_of(result)


@pytest.mark.slow
@on_its_bake(BAKES[0])
def test_baked_test_suite_passes_with_the_most_hostile_answers(baker: Baker) -> None:
    result = run(*UV, "run", "pytest", cwd=baker(BAKES[0]).root)
    assert result.returncode == 0, output_of(result)


# Refused answers, through the real command line: the hook's one line, cookiecutter's
# two, an error status, no traceback and no directory.


class Refused(NamedTuple):
    id: str
    question: str
    value: str | bytes  # bytes: what a shell passes when they are not UTF-8
    said: str


# One answer per reason the hook gives, through the real command line; test_hooks.py
# tries many more against the hook's function.
REFUSED = [
    Refused("name-only-spaces", "project_name", "   ", "project_name is empty"),
    Refused("name-two-lines", "project_name", "two\nlines", "holds U+000A"),
    Refused("name-not-utf8", "project_name", b"caf\xe9", "holds U+DCE9 (not UTF-8)"),
    Refused("author-comma", "author_name", "Lovelace, Ada", "holds a comma"),
    Refused("email-no-dot", "author_email", "you@localhost", "is not an e-mail address"),
]
# What cookiecutter prints of its own on a refusal: test_cli.py checks it line by line.
COOKIECUTTER_LINES = 2


def assignment(question: str, value: str | bytes) -> str | bytes:
    if isinstance(value, bytes):
        return question.encode() + b"=" + value
    return f"{question}={value}"


class Refusal(NamedTuple):
    answer: Refused
    output_dir: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module", params=[pytest.param(r, id=r.id) for r in REFUSED])
def refused(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    cookiecutter_config: Path,
) -> Refusal:
    """One run of the command line per refused answer, shared by the tests that read it."""
    answer: Refused = request.param
    output_dir = tmp_path_factory.mktemp("refused") / "out"
    result = cookiecutter_cli(
        output_dir, cookiecutter_config, "--no-input", "project_slug=hostile_app",
        assignment(answer.question, answer.value),
    )  # fmt: skip
    return Refusal(answer, output_dir, result)


@pytest.mark.slow
def test_a_refused_answer_stops_with_an_error_status(refused: Refusal) -> None:
    assert refused.result.returncode == 1, output_of(refused.result)


@pytest.mark.slow
def test_a_refused_answer_is_said_in_one_line_with_what_is_accepted(refused: Refusal) -> None:
    answer, _, result = refused
    lines = result.stderr.splitlines()
    assert len(lines) == 1, output_of(result)
    assert lines[0].startswith(f"ERROR: {answer.question} "), output_of(result)
    assert answer.said in lines[0]
    assert "; give " in lines[0]


@pytest.mark.slow
def test_a_refused_answer_prints_no_traceback(refused: Refusal) -> None:
    result = refused.result
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stdout.splitlines()) == COOKIECUTTER_LINES, output_of(result)


@pytest.mark.slow
def test_a_refused_answer_leaves_no_directory(refused: Refusal) -> None:
    _, output_dir, result = refused
    assert not output_dir.exists() or not any(output_dir.iterdir()), output_of(result)


# Yes/no answers on the command line: cookiecutter reads the words of its yes/no prompt
# into booleans (2.7 on: the reason for _min_cookiecutter), and stops at any other word.


def owned_left(root: Path, option: str, answer: str | None = None) -> list[bool]:
    """Whether each path the option, or this answer of a choice, owns (its _prune
    entries) is in the baked project."""
    owned = CONTEXT["_prune"][option]
    return [(root / entry).exists() for entry in (owned if answer is None else owned[answer])]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("word", "on"),
    # What a user types; cookiecutter's own tests cover the rest of its words.
    [(word, True) for word in ("yes", "y", "true")]
    + [(word, False) for word in ("no", "n", "false")],
)
def test_each_yes_no_word_on_the_command_line_switches_its_option(
    tmp_path: Path, cookiecutter_config: Path, word: str, on: bool
) -> None:
    option, *others = OPTIONS
    output_dir = tmp_path / "out"
    result = cookiecutter_cli(
        output_dir, cookiecutter_config, "--no-input", "project_slug=words", f"{option}={word}",
        *(f"{other}=false" for other in others),
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    assert owned_left(output_dir / "words", option) == [on] * len(CONTEXT["_prune"][option])


@pytest.mark.slow
def test_the_oldest_cookiecutter_allowed_reads_a_no_on_the_command_line(
    tmp_path: Path, cookiecutter_config: Path
) -> None:
    # Before 2.7, cookiecutter passed a yes/no given on the command line through as text.
    option = OPTIONS[0]
    output_dir = tmp_path / "out"
    result = run(
        *UV, "tool", "run", "--from", f"cookiecutter=={CONTEXT['_min_cookiecutter']}",
        "cookiecutter", "--no-input", "--config-file", cookiecutter_config, TEMPLATE,
        "-o", output_dir, "project_slug=oldest", f"{option}=no", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    assert owned_left(output_dir / "oldest", option) == [False] * len(CONTEXT["_prune"][option])
    assert all(owned_left(output_dir / "oldest", other) for other in OPTIONS[1:])


@pytest.mark.parametrize(
    ("assignment", "said"),
    [
        pytest.param(
            f"{OPTIONS[-1]}=maybe",
            f"maybe provided for variable {OPTIONS[-1]} could not be converted to a boolean",
            id="yes-no-maybe",
        ),
        pytest.param(
            "license=GPL-3.0",
            "GPL-3.0 provided for choice variable license, but the choices are",
            id="license-not-a-choice",
        ),
        pytest.param(
            "sign_in=ldap",
            "ldap provided for choice variable sign_in, but the choices are ['oidc', 'demo']",
            id="sign-in-not-a-choice",
        ),
    ],
)
@pytest.mark.slow
def test_an_answer_cookiecutter_cannot_read_stops_it_and_leaves_nothing(
    tmp_path: Path, cookiecutter_config: Path, assignment: str, said: str
) -> None:
    # Cookiecutter's own error, a ValueError with its traceback: before any folder is made.
    output_dir = tmp_path / "out"
    result = cookiecutter_cli(output_dir, cookiecutter_config, "--no-input", assignment)
    assert result.returncode != 0, output_of(result)
    assert f"ValueError: {said}" in result.stderr, output_of(result)
    assert not output_dir.exists() or not any(output_dir.iterdir())


@pytest.mark.parametrize(("word", "on"), [("no", False), ("Yes", True)])
def test_the_python_api_reads_a_yes_no_word_as_the_command_line_does(
    baker: Baker, word: str, on: bool
) -> None:
    option = OPTIONS[0]
    bake = baker(Case(f"api-word-{word}", {**OPTIONS_OFF, option: word}))
    assert owned_left(bake.root, option) == [on] * len(CONTEXT["_prune"][option])


@pytest.mark.parametrize(
    ("answer", "seen"),
    [
        pytest.param(None, "None", id="none"),
        pytest.param(0, "'0'", id="a-number-cookiecutter-renders-as-text"),
    ],
)
def test_the_hook_refuses_a_yes_no_answer_that_is_no_boolean_from_the_python_api(
    tmp_path: Path,
    cookiecutter_config: Path,
    capfd: pytest.CaptureFixture[str],
    answer: object,
    seen: str,
) -> None:
    option = OPTIONS[-1]
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            output_dir=str(tmp_path),
            extra_context={**OPTIONS_OFF, option: answer},
            config_file=str(cookiecutter_config),
        )
    assert f"ERROR: {option} is {seen}; answer yes or no" in capfd.readouterr().err
    assert not any(tmp_path.iterdir())


@pytest.mark.slow
def test_the_oldest_cookiecutter_allowed_keeps_jinja_looking_answers_as_typed(
    tmp_path: Path, cookiecutter_config: Path
) -> None:
    answers = {"project_name": "{{ 7*7 }} 'x'", "description": "{% raw %} {{"}
    output_dir = tmp_path / "out"
    result = run(
        *UV, "tool", "run", "--from", f"cookiecutter=={CONTEXT['_min_cookiecutter']}",
        "cookiecutter", "--no-input", "--config-file", cookiecutter_config, TEMPLATE,
        "-o", output_dir, "project_slug=oldest", *(f"{k}={v}" for k, v in answers.items()),
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    assert not misread_answers(output_dir / "oldest", answers)


@pytest.mark.slow
def test_the_hook_refuses_a_replayed_choice_cookiecutter_does_not_check(
    tmp_path: Path, cookiecutter_config: Path
) -> None:
    # A replay file reaches the hooks as it is: an answer edited into it is the hook's to
    # refuse, before a project missing the files of every sign-in is baked.
    first = cookiecutter_cli(tmp_path / "first", cookiecutter_config, "--no-input")
    assert first.returncode == 0, output_of(first)
    replay_dir = cookiecutter_config.parent / "replay"
    replayed = json.loads((replay_dir / f"{TEMPLATE.name}.json").read_text("utf-8"))
    replayed["cookiecutter"] |= {"sign_in": "ldap", "project_slug": "replayed"}
    replay_file = tmp_path / "edited.json"
    replay_file.write_text(json.dumps(replayed), encoding="utf-8")
    output_dir = tmp_path / "out"
    result = cookiecutter_cli(output_dir, cookiecutter_config, "--replay-file", replay_file)
    assert result.returncode == 1, output_of(result)
    assert result.stderr == "ERROR: sign_in is 'ldap'; answer one of demo, oidc.\n"
    assert not output_dir.exists() or not any(output_dir.iterdir())


# Answers typed at the prompts, the directory that exists, replay


# The questions in the order cookiecutter asks them: the text, the yes/no questions,
# the choices _prune lists, then the license (choices are answered by their number).
PROMPTED = ("project_name", "project_slug", "description", "author_name", "author_email")


def test_the_prompts_come_in_the_order_the_prompt_tests_type_them() -> None:
    asked = [name for name in CONTEXT if not name.startswith("_")]
    assert asked == [*PROMPTED, *OPTIONS, *CHOICES, "license"]


@pytest.mark.slow
def test_answers_typed_at_the_prompts_bake_as_typed(
    tmp_path: Path, cookiecutter_config: Path
) -> None:
    typed = {
        "project_name": '{{ 7*7 }} Zoë\'s "App" \\',
        "project_slug": "typed-app",
        "description": "{% raw %} ${{ secrets.X }} `code`",
        "author_name": "O'Brien {#",
        "author_email": "ob@example.com",
    }
    # Every option no, and the second answer of each choice: demo, BSD-3-Clause.
    lines = [typed[name] for name in PROMPTED] + ["n"] * len(OPTIONS) + ["2"] * len(CHOICES)
    lines += ["2"]
    output_dir = tmp_path / "out"
    result = cookiecutter_cli(output_dir, cookiecutter_config, input="\n".join(lines) + "\n")
    assert result.returncode == 0, output_of(result)
    root = output_dir / "typed-app"
    assert not misread_answers(root, typed)
    assert [any(owned_left(root, option)) for option in OPTIONS] == [False] * len(OPTIONS)
    for name, (first, second, *_) in CHOICES.items():
        assert all(owned_left(root, name, second))
        assert not any(owned_left(root, name, first))
    spdx = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["license"]
    assert spdx == CONTEXT["license"][1]  # the second choice, typed as 2


@pytest.mark.slow
def test_a_typo_at_a_yes_no_prompt_is_asked_again_and_replayed_as_a_boolean(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.yaml"  # of its own: the replay file is this bake's
    replay_dir = tmp_path / "replay"
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(tmp_path / 'cookiecutters'))}\n"
        f"replay_dir: {json.dumps(str(replay_dir))}\n",
        encoding="utf-8",
    )
    option, *others = OPTIONS
    text = ["Typo App", "typo-app", "", "", ""]  # an empty line takes the default
    lines = [*text, "yse", "n", *(["yes"] * len(others)), *([""] * len(CHOICES)), ""]
    output_dir = tmp_path / "out"
    result = cookiecutter_cli(output_dir, config, input="\n".join(lines) + "\n")
    assert result.returncode == 0, output_of(result)
    assert result.stdout.count("Please enter Y or N") == 1, output_of(result)
    root = output_dir / "typo-app"
    assert owned_left(root, option) == [False] * len(CONTEXT["_prune"][option])
    assert all(all(owned_left(root, other)) for other in others)
    replayed = json.loads((replay_dir / f"{TEMPLATE.name}.json").read_text("utf-8"))
    answers = replayed["cookiecutter"]
    assert answers[option] is False
    assert all(answers[other] is True for other in others)
    assert all(answers[name] == choices[0] for name, choices in CHOICES.items())


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    """A project folder that exists already, with a file of the user's in it."""
    project = tmp_path / "out" / "hostile_app"
    project.mkdir(parents=True)
    (project / "notes.md").write_text("mine\n", encoding="utf-8")
    return project


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.mark.slow
def test_baking_into_an_existing_directory_says_so_and_touches_nothing(
    existing: Path, cookiecutter_config: Path
) -> None:
    before = snapshot(existing)
    result = cookiecutter_cli(
        existing.parent, cookiecutter_config, "--no-input", "project_slug=hostile_app"
    )
    assert result.returncode == 1, output_of(result)
    assert f'Error: "{existing}" directory already exists' in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(existing) == before


@pytest.mark.slow
def test_overwrite_if_exists_bakes_into_it_and_keeps_the_users_files(
    existing: Path, cookiecutter_config: Path
) -> None:
    result = cookiecutter_cli(
        existing.parent, cookiecutter_config, "--no-input", "--overwrite-if-exists",
        "project_slug=hostile_app", *(f"{k}=no" for k in OPTIONS),
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    assert (existing / "notes.md").read_text(encoding="utf-8") == "mine\n"
    assert (existing / "pyproject.toml").is_file()


@pytest.mark.slow
def test_replay_bakes_the_same_hostile_answers_again(
    tmp_path: Path, cookiecutter_config: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    answers = {answer.question: answer.value for answer in ACCEPTED[::-1]}  # the first of each
    result = cookiecutter_cli(
        first, cookiecutter_config, "--no-input", "project_slug=replayed",
        *(f"{k}={v}" for k, v in answers.items()), *(f"{k}=no" for k in OPTIONS),
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    replayed = cookiecutter_cli(second, cookiecutter_config, "--replay")
    assert replayed.returncode == 0, output_of(replayed)
    assert tree(second / "replayed") == tree(first / "replayed")
    assert where_answers_land(second / "replayed") == where_answers_land(first / "replayed")
    assert not misread_answers(second / "replayed", answers)


# Slugs that are no single folder name. Cookiecutter makes the project folder before
# the hook runs: local_extensions.project_folder gives it a stand-in name, which the
# hook's refusal removes, so neither a traceback nor a parent folder is left.
UNFIT_FOLDER_NAMES = [
    pytest.param("a" * 300, id="longer-than-a-file-name"),
    pytest.param("a/b", id="slash"),
    pytest.param("a\\b", id="backslash"),
    pytest.param("..", id="parent-folder"),
    pytest.param("/tmp/abs", id="absolute-path"),
]


@pytest.mark.slow
@pytest.mark.parametrize("slug", UNFIT_FOLDER_NAMES)
def test_a_slug_that_is_no_folder_name_is_refused_and_leaves_nothing(
    slug: str, tmp_path: Path, cookiecutter_config: Path
) -> None:
    output_dir = tmp_path / "out"
    output_dir.mkdir()
    result = cookiecutter_cli(
        output_dir, cookiecutter_config, "--no-input", f"project_slug={slug}",
        *(f"{k}=no" for k in OPTIONS),
    )  # fmt: skip
    assert result.returncode == 1, output_of(result)
    assert f"ERROR: project_slug {slug!r} " in result.stdout + result.stderr, output_of(result)
    assert "Traceback" not in result.stdout + result.stderr, output_of(result)
    assert not any(output_dir.iterdir()), sorted(output_dir.iterdir())


def test_the_hook_module_names_every_question_the_table_tries(pre_hook: ModuleType) -> None:
    assert {r.question for r in REFUSED} <= set(pre_hook.TEXT_ANSWERS)
