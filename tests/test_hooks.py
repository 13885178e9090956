"""The hooks' functions, called directly: what they accept, refuse, remove and print."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


@pytest.mark.parametrize("slug", ["my_app", "sales_dashboard2", "a", "x1_y2"])
def test_slug_problem_accepts_lowercase_identifiers(pre_hook: ModuleType, slug: str) -> None:
    assert pre_hook.slug_problem(slug) is None


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("json", id="stdlib-json"),
        pytest.param("random", id="stdlib-random"),
        pytest.param("types", id="stdlib-types"),
        pytest.param("streamlit", id="streamlit"),
        pytest.param("pandas", id="streamlit-dependency"),
        pytest.param("starlette", id="uv-refuses-a-dependency-name"),
        pytest.param("narwhals", id="would-shadow-a-dependency"),
        pytest.param("python_dateutil", id="distribution-name"),
        pytest.param("iniconfig", id="pytest-dependency"),
        pytest.param("tests", id="tests"),
        pytest.param("test", id="test"),
        pytest.param("conftest", id="conftest"),
        pytest.param("class", id="keyword"),
        pytest.param("My-App", id="uppercase-and-hyphen"),
        pytest.param("my app", id="space"),
        pytest.param("1app", id="leading-digit"),
        pytest.param("_app", id="leading-underscore"),
        pytest.param("app_", id="trailing-underscore"),
        pytest.param("café", id="non-ascii"),
        pytest.param("", id="empty"),
    ],
)
def test_slug_problem_refuses_and_names_the_slug(pre_hook: ModuleType, slug: str) -> None:
    problem = pre_hook.slug_problem(slug)
    assert problem is not None
    assert f"project_slug {slug!r}" in problem


def test_slug_problem_says_what_is_accepted(pre_hook: ModuleType) -> None:
    assert "lowercase letters, digits and underscores" in pre_hook.slug_problem("My-App")


def test_slug_problem_accepts_a_slug_of_the_maximum_length(pre_hook: ModuleType) -> None:
    slug = "quarterly_regional_sales_forecast_review"
    assert len(slug) == pre_hook.MAX_SLUG_LENGTH == 40
    assert pre_hook.slug_problem(slug) is None


def test_slug_problem_refuses_one_character_more_and_says_the_limit(pre_hook: ModuleType) -> None:
    slug = "quarterly_regional_sales_forecast_reviews"
    assert len(slug) == 41
    problem = pre_hook.slug_problem(slug)
    assert problem is not None
    assert "41 characters long, over the limit of 40" in problem
    assert "at most 40" in problem


def test_version_problem_refuses_an_older_cookiecutter(pre_hook: ModuleType) -> None:
    problem = pre_hook.version_problem("2.1.1", "2.2.0")
    assert problem is not None
    assert "2.1.1" in problem
    assert "2.2.0" in problem


@pytest.mark.parametrize("installed", ["2.2.0", "2.2.3", "2.10.0", "3.0.0"])
def test_version_problem_accepts_the_minimum_and_newer(
    pre_hook: ModuleType, installed: str
) -> None:
    assert pre_hook.version_problem(installed, "2.2.0") is None


GOOD_ANSWERS = {
    "project_name": "My App",
    "project_slug": "my_app",
    "description": "An app.",
    "author_name": "Ada Lovelace",
    "author_email": "ada@example.com",
    "include_wizard": True,
    "include_cart": False,
    "_prune": {"include_wizard": [], "include_cart": []},
    "_min_cookiecutter": "0.0.0",
}
# The yes/no answers as local_extensions.yes_no reads them for the hooks.
GOOD_OPTIONS = {"include_wizard": True, "include_cart": False}


def test_pre_hook_main_refuses_a_bad_slug_on_stderr(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    status = pre_hook.main({**GOOD_ANSWERS, "project_slug": "json"}, GOOD_OPTIONS)
    assert status != 0
    assert capsys.readouterr().err.startswith("ERROR: project_slug 'json'")


def test_pre_hook_main_refuses_a_too_old_cookiecutter(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    status = pre_hook.main({**GOOD_ANSWERS, "_min_cookiecutter": "999.0.0"}, GOOD_OPTIONS)
    assert status != 0
    assert "needs 999.0.0 or newer" in capsys.readouterr().err


def test_pre_hook_main_accepts_good_answers(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pre_hook.main(GOOD_ANSWERS, GOOD_OPTIONS) == 0
    assert capsys.readouterr().err == ""


def test_pre_hook_main_says_every_problem_on_its_own_line(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {**GOOD_ANSWERS, "project_slug": "con", "author_email": "ada", "description": "\n"}
    assert pre_hook.main(answers, GOOD_OPTIONS) != 0
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" ")[1] for line in lines] == ["description", "author_email", "project_slug"]
    assert all(line.startswith("ERROR: ") for line in lines)


def test_a_too_old_cookiecutter_is_said_alone(pre_hook: ModuleType) -> None:
    answers = {**GOOD_ANSWERS, "_min_cookiecutter": "2.2.0", "include_cart": "maybe"}
    (problem,) = pre_hook.problems(answers, {**GOOD_OPTIONS, "include_cart": None}, "2.1.1")
    assert "2.1.1 is too old" in problem


@pytest.mark.parametrize("slug", ["con", "prn", "aux", "nul", "com0", "com1", "com9", "lpt1"])
def test_slug_problem_refuses_a_device_name_windows_reserves(
    pre_hook: ModuleType, slug: str
) -> None:
    problem = pre_hook.slug_problem(slug)
    assert problem is not None
    assert "device name that Windows reserves" in problem
    assert pre_hook.ACCEPTED in problem


@pytest.mark.parametrize("slug", ["console", "nullable", "com10", "lpt", "auxiliary"])
def test_slug_problem_accepts_names_that_only_start_like_a_windows_device(
    pre_hook: ModuleType, slug: str
) -> None:
    assert pre_hook.slug_problem(slug) is None


def test_an_empty_slug_says_to_give_one(pre_hook: ModuleType) -> None:
    assert "give project_slug" in pre_hook.slug_problem("")


@pytest.mark.parametrize("value", [None, 7, True, ["a"]])
def test_slug_problem_refuses_a_slug_that_is_not_text(pre_hook: ModuleType, value: object) -> None:
    assert pre_hook.slug_problem(value) is not None


# Text that is merely unusual: every text answer accepts it.
UNUSUAL_TEXT = [
    pytest.param('Zoë\'s "Best" App 🎈', id="quotes-emoji"),
    pytest.param("ends with a backslash \\", id="trailing-backslash"),
    pytest.param("a\ttab inside", id="tab"),
    pytest.param("  spaces around  ", id="spaces-around"),
    pytest.param("{{ 7*7 }} {% raw %} ${{ secrets.X }}", id="jinja-and-github"),
    pytest.param("مرحبا بالعالم שלום", id="right-to-left"),
    pytest.param("日本語 ノート Ελληνικά", id="non-latin"),
    pytest.param("👩\u200d💻 zero\u200bwidth \u202etricky", id="format-characters"),
    pytest.param("x" * 500, id="long"),
]


@pytest.mark.parametrize("name", ["project_name", "description", "author_name"])
@pytest.mark.parametrize("value", UNUSUAL_TEXT)
def test_text_problem_accepts_unusual_text(pre_hook: ModuleType, name: str, value: str) -> None:
    assert pre_hook.text_problem(name, value) is None


@pytest.mark.parametrize(
    ("value", "said"),
    [
        pytest.param("two\nlines", "U+000A", id="line-feed"),
        pytest.param("carriage\rreturn", "U+000D", id="carriage-return"),
        pytest.param("nul\x00byte", "U+0000", id="nul"),
        pytest.param("\x1b[31mred", "U+001B", id="escape"),
        pytest.param("del\x7f", "U+007F", id="delete"),
        pytest.param("next\x85line", "U+0085", id="next-line"),
        pytest.param("a\u2028b", "U+2028 (LINE SEPARATOR)", id="line-separator"),
        pytest.param("a\u2029b", "U+2029 (PARAGRAPH SEPARATOR)", id="paragraph-separator"),
        pytest.param("bad\udcffbyte", "U+DCFF (not UTF-8)", id="undecodable-byte"),
    ],
)
@pytest.mark.parametrize("name", ["project_name", "description", "author_name", "author_email"])
def test_text_problem_refuses_what_cannot_stand_in_one_line(
    pre_hook: ModuleType, name: str, value: str, said: str
) -> None:
    problem = pre_hook.text_problem(name, value)
    assert problem is not None
    assert problem.startswith(f"{name} {value!r} holds {said}")
    assert "give it on one line" in problem


@pytest.mark.parametrize("value", [None, 7, False, ["a"], {"a": 1}])
def test_text_problem_refuses_an_answer_that_is_not_text(
    pre_hook: ModuleType, value: object
) -> None:
    assert "which is not text; give it as text" in pre_hook.text_problem("description", value)


@pytest.mark.parametrize("value", ["", "   ", "\t"])
def test_text_problem_refuses_an_empty_project_name(pre_hook: ModuleType, value: str) -> None:
    assert "project_name is empty; give the app a name" in pre_hook.text_problem(
        "project_name", value
    )


@pytest.mark.parametrize("name", ["description", "author_name"])
def test_text_problem_accepts_an_empty_description_or_author(
    pre_hook: ModuleType, name: str
) -> None:
    assert pre_hook.text_problem(name, "") is None


def test_text_problem_refuses_a_comma_in_the_author_name(pre_hook: ModuleType) -> None:
    problem = pre_hook.text_problem("author_name", "Lovelace, Ada")
    assert "holds a comma" in problem
    assert "give the name without one" in problem


@pytest.mark.parametrize(
    "email",
    [
        "you@example.com",
        "o'brien+tag@mail.example.co.uk",
        "zoë@exämple.com",
        "  padded@example.com  ",
        "a.b-c_d@x-y.io",
    ],
)
def test_text_problem_accepts_an_email_address(pre_hook: ModuleType, email: str) -> None:
    assert pre_hook.text_problem("author_email", email) is None


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("", id="empty"),
        pytest.param("you", id="no-at"),
        pytest.param("you@localhost", id="no-dot-after-at"),
        pytest.param("you@@example.com", id="two-ats"),
        pytest.param("you@example.", id="ends-with-dot"),
        pytest.param("you@.example.com", id="starts-with-dot"),
        pytest.param("you@example..com", id="two-dots"),
        pytest.param("y u@example.com", id="space"),
        pytest.param("Ada <ada@example.com>", id="display-name"),
        pytest.param('"ada"@example.com', id="quotes"),
        pytest.param("ada@example.com, bob@example.com", id="two-addresses"),
    ],
)
def test_text_problem_refuses_what_is_not_an_email_address(
    pre_hook: ModuleType, email: str
) -> None:
    problem = pre_hook.text_problem("author_email", email)
    assert problem is not None
    assert f"author_email {email!r} is not an e-mail address" in problem
    assert "such as you@example.com" in problem


@pytest.mark.parametrize("reading", [True, False])
def test_option_problem_accepts_what_reads_as_yes_or_no(
    pre_hook: ModuleType, reading: bool
) -> None:
    assert pre_hook.option_problem("include_cart", "whatever was typed", reading) is None


@pytest.mark.parametrize("answer", ["maybe", "", "yess", 2, None])
def test_option_problem_refuses_a_word_that_is_neither_yes_nor_no(
    pre_hook: ModuleType, answer: object
) -> None:
    problem = pre_hook.option_problem("include_cart", answer, None)
    assert problem is not None
    assert f"include_cart is {answer!r}, neither yes nor no; answer yes or no" in problem


def test_pre_hook_main_refuses_an_unknown_yes_no_word(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {**GOOD_ANSWERS, "include_cart": "maybe"}
    assert pre_hook.main(answers, {**GOOD_OPTIONS, "include_cart": None}) != 0
    assert capsys.readouterr().err.startswith("ERROR: include_cart is 'maybe', neither")


# A fake manifest: "wizard" owns a directory and a file, "cart" owns a file.
MANIFEST = {"wizard": ["{package}/wizard", "pages/wizard.py"], "cart": ["{package}/cart.py"]}
TREE = [
    "demo/wizard/__init__.py",
    "demo/wizard/steps.py",
    "pages/wizard.py",
    "demo/cart.py",
    "demo/state.py",
]


def make_tree(root: Path) -> Path:
    for relative in TREE:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("", encoding="utf-8")
    return root


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def answers() -> dict:
    return {"project_slug": "demo", "_prune": MANIFEST}


def test_unwanted_paths_are_those_of_options_switched_off(post_hook: ModuleType) -> None:
    assert post_hook.unwanted_paths(answers(), {"wizard": False, "cart": True}) == [
        "demo/wizard",
        "pages/wizard.py",
    ]


def test_unwanted_paths_are_none_when_every_option_is_on(post_hook: ModuleType) -> None:
    assert post_hook.unwanted_paths(answers(), {"wizard": True, "cart": True}) == []


def test_prune_removes_the_files_and_directories_of_an_option_off(
    post_hook: ModuleType, tmp_path: Path
) -> None:
    root = make_tree(tmp_path)
    post_hook.prune(root, post_hook.unwanted_paths(answers(), {"wizard": False, "cart": True}))
    assert files_under(root) == {"demo/cart.py", "demo/state.py"}
    assert not (root / "demo" / "wizard").exists()


def test_prune_keeps_everything_when_every_option_is_on(
    post_hook: ModuleType, tmp_path: Path
) -> None:
    root = make_tree(tmp_path)
    post_hook.prune(root, post_hook.unwanted_paths(answers(), {"wizard": True, "cart": True}))
    assert files_under(root) == set(TREE)


def test_prune_refuses_a_stale_manifest_entry(post_hook: ModuleType, tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"pages/gone\.py"):
        post_hook.prune(root, ["pages/gone.py"])


def test_next_steps_enter_the_project_directory_wherever_it_is(post_hook: ModuleType) -> None:
    assert "cd '/tmp/my dir/my_app'" in post_hook.next_steps(Path("/tmp/my dir/my_app"))


def test_next_steps_say_how_to_run_the_app(post_hook: ModuleType) -> None:
    assert "uv run streamlit run streamlit_app.py" in post_hook.next_steps(Path("/tmp/my_app"))


def test_next_steps_say_how_to_run_the_tests(post_hook: ModuleType) -> None:
    assert "uv run pytest" in post_hook.next_steps(Path("/tmp/my_app"))
