"""The hooks' functions, called directly: what they accept, refuse, remove and print."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import pytest

# The slug names the project's folder and its distribution; the code lives in app/,
# so a slug that Python or pytest gives meaning to shadows nothing.


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("my_app", id="underscore"),
        pytest.param("my-app", id="hyphen"),
        pytest.param("my.app", id="dot"),
        pytest.param("sales-dashboard2", id="hyphen-and-digit"),
        pytest.param("1app", id="leading-digit"),
        pytest.param("a", id="one-letter"),
        pytest.param("7", id="one-digit"),
        pytest.param("x1_y2-z.3", id="every-separator"),
    ],
)
def test_slug_problem_accepts_lowercase_distribution_names(pre_hook: ModuleType, slug: str) -> None:
    assert pre_hook.slug_problem(slug) is None


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("json", id="stdlib-json"),
        pytest.param("random", id="stdlib-random"),
        pytest.param("types", id="stdlib-types"),
        pytest.param("class", id="keyword"),
        pytest.param("tests", id="tests"),
        pytest.param("test", id="test"),
        pytest.param("conftest", id="conftest"),
        pytest.param("app", id="the-package-folder"),
    ],
)
def test_slug_problem_accepts_names_python_and_pytest_give_meaning_to(
    pre_hook: ModuleType, slug: str
) -> None:
    assert pre_hook.slug_problem(slug) is None


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("starlette", id="streamlit-dependency-starlette"),
        pytest.param("pandas", id="streamlit-dependency-pandas"),
        pytest.param("narwhals", id="streamlit-dependency-narwhals"),
        pytest.param("python-dateutil", id="pandas-dependency"),
        pytest.param("iniconfig", id="pytest-dependency"),
    ],
)
def test_slug_problem_leaves_names_deeper_in_the_dependency_tree_to_uv(
    pre_hook: ModuleType, slug: str
) -> None:
    assert pre_hook.slug_problem(slug) is None


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("sql_alchemy", id="sql-alchemy-is-not-sqlalchemy"),
        pytest.param("vader.sentiment", id="vader-sentiment-is-not-vadersentiment"),
        pytest.param("streamlit-app", id="streamlit-app"),
        pytest.param("pytest2", id="pytest2"),
    ],
)
def test_slug_problem_accepts_names_that_only_look_like_a_dependency(
    pre_hook: ModuleType, slug: str
) -> None:
    assert pre_hook.normalized(slug) not in pre_hook.DEPENDENCIES
    assert pre_hook.slug_problem(slug) is None


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("My-App", id="uppercase"),
        pytest.param("Streamlit", id="uppercase-dependency"),
        pytest.param("vaderSentiment", id="mixed-case-dependency"),
        pytest.param("my app", id="space"),
        pytest.param("-app", id="leading-hyphen"),
        pytest.param("app-", id="trailing-hyphen"),
        pytest.param("_app", id="leading-underscore"),
        pytest.param("app_", id="trailing-underscore"),
        pytest.param(".app", id="leading-dot"),
        pytest.param("app.", id="trailing-dot"),
        pytest.param("a/b", id="slash"),
        pytest.param("my+app", id="plus"),
        pytest.param("café", id="non-ascii"),
        pytest.param("", id="empty"),
    ],
)
def test_slug_problem_refuses_what_is_no_lowercase_distribution_name(
    pre_hook: ModuleType, slug: str
) -> None:
    assert pre_hook.slug_problem(slug).startswith(
        f"project_slug {slug!r} is not a distribution name"
    )


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("streamlit", id="streamlit"),
        pytest.param("pytest", id="pytest"),
        pytest.param("ruff", id="ruff"),
        pytest.param("sqlalchemy", id="sqlalchemy"),
        pytest.param("vadersentiment", id="vadersentiment"),
        pytest.param("playwright", id="playwright"),
        pytest.param("oidc-provider-mock", id="oidc-provider-mock"),
        pytest.param("oidc_provider_mock", id="oidc-provider-mock-underscored"),
    ],
)
def test_slug_problem_refuses_a_package_the_app_depends_on(pre_hook: ModuleType, slug: str) -> None:
    assert pre_hook.slug_problem(slug).startswith(
        f"project_slug {slug!r} is the name of a package the app depends on"
    )


@pytest.mark.parametrize(
    ("name", "compared"),
    [
        ("pytest_xdist", "pytest-xdist"),
        ("Pytest.XDist", "pytest-xdist"),
        ("zope__-.interface", "zope-interface"),
        ("sql_alchemy", "sql-alchemy"),
    ],
)
def test_names_are_compared_as_pip_and_uv_compare_them(
    pre_hook: ModuleType, name: str, compared: str
) -> None:
    assert pre_hook.normalized(name) == compared


def test_slug_problem_refuses_every_direct_dependency(pre_hook: ModuleType) -> None:
    accepted = [name for name in pre_hook.DEPENDENCIES if pre_hook.slug_problem(name) is None]
    assert accepted == []


@pytest.mark.parametrize(
    "slug",
    [
        "con", "prn", "aux", "nul", "com0", "com1", "com9", "lpt1", "lpt9",
        pytest.param("con.app", id="con-with-an-extension"),
        pytest.param("nul.tar.gz", id="nul-with-two-extensions"),
    ],
)  # fmt: skip
def test_slug_problem_refuses_a_device_name_windows_reserves(
    pre_hook: ModuleType, slug: str
) -> None:
    problem = pre_hook.slug_problem(slug)
    assert problem.startswith(f"project_slug {slug!r} is a device name that Windows reserves")


@pytest.mark.parametrize(
    "slug", ["console", "nullable", "com10", "lpt", "auxiliary", "con_app", "con-app", "app.con"]
)
def test_slug_problem_accepts_names_that_only_start_like_a_windows_device(
    pre_hook: ModuleType, slug: str
) -> None:
    assert pre_hook.slug_problem(slug) is None


def test_slug_problem_accepts_a_slug_as_long_as_a_file_name_may_be(pre_hook: ModuleType) -> None:
    slug = "a" * 255
    assert pre_hook.MAX_SLUG_LENGTH == 255
    assert pre_hook.slug_problem(slug) is None


def test_slug_problem_refuses_one_character_more_and_says_the_limit(pre_hook: ModuleType) -> None:
    problem = pre_hook.slug_problem("a" * 256)
    assert problem is not None
    assert "is 256 characters long, over the limit of 255" in problem


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("My-App", id="not-a-distribution-name"),
        pytest.param("a" * 256, id="too-long"),
        pytest.param("con", id="windows-device"),
        pytest.param("streamlit", id="dependency"),
    ],
)
def test_every_slug_refusal_ends_with_what_is_accepted(pre_hook: ModuleType, slug: str) -> None:
    assert pre_hook.slug_problem(slug).endswith(f"; {pre_hook.ACCEPTED}.")


def test_what_is_accepted_names_the_separators_and_what_is_reserved(pre_hook: ModuleType) -> None:
    accepted = pre_hook.ACCEPTED
    assert "lowercase letters and digits, with - _ or . inside" in accepted
    assert "con, nul" in accepted
    assert "streamlit or pytest" in accepted


def test_an_empty_slug_says_to_give_one(pre_hook: ModuleType) -> None:
    assert "give project_slug" in pre_hook.slug_problem("")


@pytest.mark.parametrize("value", [None, 7, True, ["a"]])
def test_slug_problem_refuses_a_slug_that_is_not_text(pre_hook: ModuleType, value: object) -> None:
    assert pre_hook.slug_problem(value).startswith(
        f"project_slug {value!r} is not a distribution name"
    )


def test_version_problem_refuses_an_older_cookiecutter(pre_hook: ModuleType) -> None:
    problem = pre_hook.version_problem("2.6.0", "2.7.0")
    assert problem is not None
    assert "cookiecutter 2.6.0 is too old" in problem
    assert "pip install -U 'cookiecutter>=2.7.0'" in problem


@pytest.mark.parametrize("installed", ["2.7.0", "2.7.1", "2.10.0", "3.0.0"])
def test_version_problem_accepts_the_minimum_and_newer(
    pre_hook: ModuleType, installed: str
) -> None:
    assert pre_hook.version_problem(installed, "2.7.0") is None


GOOD_ANSWERS = {
    "project_name": "My App",
    "project_slug": "my-app",
    "description": "An app.",
    "author_name": "Ada Lovelace",
    "author_email": "ada@example.com",
    "include_wizard": True,
    "include_cart": False,
    "sign_in": "demo",
    "_prune": {"include_wizard": [], "include_cart": [], "sign_in": {"oidc": [], "demo": []}},
    "_min_cookiecutter": "0.0.0",
}


def test_pre_hook_main_refuses_a_bad_slug_on_stderr(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    status = pre_hook.main({**GOOD_ANSWERS, "project_slug": "streamlit"})
    assert status != 0
    assert capsys.readouterr().err.startswith("ERROR: project_slug 'streamlit'")


def test_pre_hook_main_refuses_a_too_old_cookiecutter(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    status = pre_hook.main({**GOOD_ANSWERS, "_min_cookiecutter": "999.0.0"})
    assert status != 0
    assert "needs 999.0.0 or newer" in capsys.readouterr().err


def test_pre_hook_main_accepts_good_answers(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pre_hook.main(GOOD_ANSWERS) == 0
    assert capsys.readouterr().err == ""


def test_pre_hook_main_says_every_problem_on_its_own_line(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {
        **GOOD_ANSWERS,
        "project_slug": "con",
        "author_email": "ada",
        "description": "\n",
        "include_cart": "no",
        "sign_in": "ldap",
    }
    assert pre_hook.main(answers) != 0
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" ")[1] for line in lines] == [
        "description",
        "author_email",
        "include_cart",
        "sign_in",
        "project_slug",
    ]
    assert all(line.startswith("ERROR: ") for line in lines)


def test_a_too_old_cookiecutter_is_said_alone(pre_hook: ModuleType) -> None:
    answers = {
        **GOOD_ANSWERS,
        "_min_cookiecutter": "2.7.0",
        "include_cart": "no",  # what cookiecutter 2.6 passes for a no on the command line
        "project_slug": "streamlit",
    }
    (problem,) = pre_hook.problems(answers, "2.6.0")
    assert "2.6.0 is too old" in problem


# The yes/no questions are cookiecutter booleans: the prompt and the command line give
# True or False, and only the Python API (extra_context) can give anything else.


@pytest.mark.parametrize("answer", [True, False])
def test_option_problem_accepts_a_boolean(pre_hook: ModuleType, answer: bool) -> None:
    assert pre_hook.option_problem("include_cart", answer) is None


@pytest.mark.parametrize("answer", ["no", "yes", "maybe", "", 0, 1, None, ["no"]])
def test_option_problem_refuses_what_is_not_a_boolean_and_names_it(
    pre_hook: ModuleType, answer: object
) -> None:
    assert pre_hook.option_problem("include_cart", answer) == (
        f"include_cart is {answer!r}; answer yes or no (true or false from Python)."
    )


@pytest.mark.parametrize("option", ["include_wizard", "include_cart"])
def test_pre_hook_main_refuses_any_option_the_manifest_lists_that_is_not_a_boolean(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    assert pre_hook.main({**GOOD_ANSWERS, option: None}) != 0
    assert capsys.readouterr().err == (
        f"ERROR: {option} is None; answer yes or no (true or false from Python).\n"
    )


# A choice's answer is one of the answers its _prune entry lists. Cookiecutter stops at
# any other from the prompt, the command line and the Python API; a replay file it
# hands to the hooks unchecked.


@pytest.mark.parametrize("answer", ["oidc", "demo"])
def test_choice_problem_accepts_each_answer(pre_hook: ModuleType, answer: str) -> None:
    assert pre_hook.choice_problem("sign_in", answer, ["oidc", "demo"]) is None


@pytest.mark.parametrize("answer", ["ldap", "OIDC", " demo", "", None, True, ["oidc"]])
def test_choice_problem_refuses_any_other_answer_and_says_which_are_accepted(
    pre_hook: ModuleType, answer: object
) -> None:
    assert pre_hook.choice_problem("sign_in", answer, ["oidc", "demo"]) == (
        f"sign_in is {answer!r}; answer one of demo, oidc."
    )


def test_pre_hook_main_checks_a_choice_against_the_answers_its_manifest_lists(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pre_hook.main({**GOOD_ANSWERS, "sign_in": "oidc"}) == 0
    assert pre_hook.main({**GOOD_ANSWERS, "sign_in": True}) != 0
    assert capsys.readouterr().err == "ERROR: sign_in is True; answer one of demo, oidc.\n"


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


# A manifest like _prune: the wizard owns a folder and a file, the cart a file.
MANIFEST = {"include_wizard": ["app/wizard", "pages/wizard.py"], "include_cart": ["app/cart.py"]}
TREE = [
    "app/wizard/__init__.py",
    "app/wizard/steps.py",
    "pages/wizard.py",
    "app/cart.py",
    "app/state.py",
]


def make_tree(root: Path) -> Path:
    for relative in TREE:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("", encoding="utf-8")
    return root


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def answers(*, wizard: bool, cart: bool) -> dict:
    return {
        "project_slug": "my-app",
        "include_wizard": wizard,
        "include_cart": cart,
        "_prune": MANIFEST,
    }


def test_unwanted_paths_are_those_of_options_switched_off(post_hook: ModuleType) -> None:
    assert post_hook.unwanted_paths(answers(wizard=False, cart=True)) == [
        "app/wizard",
        "pages/wizard.py",
    ]


def test_unwanted_paths_are_those_of_every_option_switched_off(post_hook: ModuleType) -> None:
    assert post_hook.unwanted_paths(answers(wizard=False, cart=False)) == [
        "app/wizard",
        "pages/wizard.py",
        "app/cart.py",
    ]


def test_unwanted_paths_are_none_when_every_option_is_on(post_hook: ModuleType) -> None:
    assert post_hook.unwanted_paths(answers(wizard=True, cart=True)) == []


def test_prune_removes_the_files_and_directories_of_an_option_off(
    post_hook: ModuleType, tmp_path: Path
) -> None:
    root = make_tree(tmp_path)
    post_hook.prune(root, post_hook.unwanted_paths(answers(wizard=False, cart=True)))
    assert files_under(root) == {"app/cart.py", "app/state.py"}
    assert not (root / "app" / "wizard").exists()


def test_prune_keeps_everything_when_every_option_is_on(
    post_hook: ModuleType, tmp_path: Path
) -> None:
    root = make_tree(tmp_path)
    post_hook.prune(root, post_hook.unwanted_paths(answers(wizard=True, cart=True)))
    assert files_under(root) == set(TREE)


def test_prune_refuses_a_stale_manifest_entry(post_hook: ModuleType, tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"pages/gone\.py"):
        post_hook.prune(root, ["pages/gone.py"])


# A manifest with a choice and a shared path: each sign-in answer owns its own file, and
# the database belongs both to the cart and to the oidc sign-in.
SHARED = {
    "include_cart": ["app/cart.py", "app/database.py"],
    "sign_in": {"oidc": ["app/oidc.py", "app/database.py"], "demo": ["app/demo.py"]},
}
SHARED_TREE = ["app/cart.py", "app/database.py", "app/oidc.py", "app/demo.py", "app/state.py"]


def shared_answers(*, cart: bool, sign_in: str) -> dict:
    return {"include_cart": cart, "sign_in": sign_in, "_prune": SHARED}


def test_unwanted_paths_are_those_of_the_answers_of_a_choice_not_given(
    post_hook: ModuleType,
) -> None:
    assert post_hook.unwanted_paths(shared_answers(cart=True, sign_in="oidc")) == ["app/demo.py"]
    assert post_hook.unwanted_paths(shared_answers(cart=True, sign_in="demo")) == ["app/oidc.py"]


@pytest.mark.parametrize(
    ("cart", "sign_in"),
    [
        pytest.param(True, "oidc", id="both-owners"),
        pytest.param(True, "demo", id="the-option-alone"),
        pytest.param(False, "oidc", id="the-choice-alone"),
    ],
)
def test_a_shared_path_is_kept_while_any_of_its_owners_is_chosen(
    post_hook: ModuleType, cart: bool, sign_in: str
) -> None:
    unwanted = post_hook.unwanted_paths(shared_answers(cart=cart, sign_in=sign_in))
    assert "app/database.py" not in unwanted


def test_a_shared_path_goes_once_when_none_of_its_owners_is_chosen(post_hook: ModuleType) -> None:
    assert post_hook.unwanted_paths(shared_answers(cart=False, sign_in="demo")) == [
        "app/cart.py",
        "app/database.py",
        "app/oidc.py",
    ]


@pytest.mark.parametrize(
    ("cart", "sign_in", "left"),
    [
        pytest.param(True, "demo", {"app/cart.py", "app/database.py", "app/demo.py"}, id="cart"),
        pytest.param(False, "oidc", {"app/database.py", "app/oidc.py"}, id="oidc"),
        pytest.param(False, "demo", {"app/demo.py"}, id="neither"),
    ],
)
def test_prune_keeps_exactly_what_a_chosen_owner_lists(
    post_hook: ModuleType, tmp_path: Path, cart: bool, sign_in: str, left: set[str]
) -> None:
    for relative in SHARED_TREE:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("", encoding="utf-8")
    post_hook.prune(tmp_path, post_hook.unwanted_paths(shared_answers(cart=cart, sign_in=sign_in)))
    assert files_under(tmp_path) == left | {"app/state.py"}


def test_prune_refuses_a_stale_path_of_an_answer_not_given(
    post_hook: ModuleType, tmp_path: Path
) -> None:
    root = make_tree(tmp_path)
    manifest = {"sign_in": {"oidc": ["app/cart.py"], "demo": ["app/gone.py"]}}
    with pytest.raises(FileNotFoundError, match=r"app/gone\.py"):
        post_hook.prune(root, post_hook.unwanted_paths({"sign_in": "oidc", "_prune": manifest}))


def test_post_hook_main_prunes_the_project_it_runs_in_and_says_what_next(
    post_hook: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_tree(tmp_path)
    monkeypatch.chdir(root)  # cookiecutter runs the hook inside the new project
    assert post_hook.main(answers(wizard=True, cart=False)) == 0
    assert files_under(root) == set(TREE) - {"app/cart.py"}
    assert capsys.readouterr().out.startswith(f"Baked {os.getcwd()}. Next:")


def test_next_steps_enter_the_project_directory_wherever_it_is(post_hook: ModuleType) -> None:
    assert "cd '/tmp/my dir/my-app'" in post_hook.next_steps(Path("/tmp/my dir/my-app"))


def test_next_steps_say_how_to_run_the_app(post_hook: ModuleType) -> None:
    assert "uv run streamlit run streamlit_app.py" in post_hook.next_steps(Path("/tmp/my-app"))


def test_next_steps_say_how_to_run_the_tests(post_hook: ModuleType) -> None:
    assert "uv run pytest" in post_hook.next_steps(Path("/tmp/my-app"))
