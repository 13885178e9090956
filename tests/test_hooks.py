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


def test_pre_hook_main_refuses_a_bad_slug_on_stderr(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    status = pre_hook.main({"project_slug": "json", "_min_cookiecutter": "0.0.0"})
    assert status != 0
    assert capsys.readouterr().err.startswith("ERROR: project_slug 'json'")


def test_pre_hook_main_refuses_a_too_old_cookiecutter(
    pre_hook: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    status = pre_hook.main({"project_slug": "my_app", "_min_cookiecutter": "999.0.0"})
    assert status != 0
    assert "needs 999.0.0 or newer" in capsys.readouterr().err


def test_pre_hook_main_accepts_good_answers(pre_hook: ModuleType) -> None:
    assert pre_hook.main({"project_slug": "my_app", "_min_cookiecutter": "0.0.0"}) == 0


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


def answers(**options: bool) -> dict:
    return {"project_slug": "demo", "_prune": MANIFEST, **options}


def test_unwanted_paths_are_those_of_options_switched_off(post_hook: ModuleType) -> None:
    assert post_hook.unwanted_paths(answers(wizard=False, cart=True)) == [
        "demo/wizard",
        "pages/wizard.py",
    ]


def test_unwanted_paths_are_none_when_every_option_is_on(post_hook: ModuleType) -> None:
    assert post_hook.unwanted_paths(answers(wizard=True, cart=True)) == []


def test_prune_removes_the_files_and_directories_of_an_option_off(
    post_hook: ModuleType, tmp_path: Path
) -> None:
    root = make_tree(tmp_path)
    post_hook.prune(root, post_hook.unwanted_paths(answers(wizard=False, cart=True)))
    assert files_under(root) == {"demo/cart.py", "demo/state.py"}
    assert not (root / "demo" / "wizard").exists()


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


def test_next_steps_enter_the_project_directory_wherever_it_is(post_hook: ModuleType) -> None:
    assert "cd '/tmp/my dir/my_app'" in post_hook.next_steps(Path("/tmp/my dir/my_app"))


def test_next_steps_say_how_to_run_the_app(post_hook: ModuleType) -> None:
    assert "uv run streamlit run streamlit_app.py" in post_hook.next_steps(Path("/tmp/my_app"))


def test_next_steps_say_how_to_run_the_tests(post_hook: ModuleType) -> None:
    assert "uv run pytest" in post_hook.next_steps(Path("/tmp/my_app"))
