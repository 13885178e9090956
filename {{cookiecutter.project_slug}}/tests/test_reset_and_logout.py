"""Reset one page, reset everything, log out: each restores defaults, state and widgets."""

import pytest

from {{ cookiecutter.project_slug }}.pages import ACCOUNT, HOME


def test_reset_this_page_restores_only_the_current_page(signed_in_user):
    user = signed_in_user.type("counter.label", "Laps").click("counter.add_10")
    user.click("session.reset_page")
    assert user.title == "Clicks: 0"
    assert user.at.text_input(key="counter.label").value == "Clicks"
    assert user.state["account.user"] == {"name": "Ada"}


def test_reset_this_page_on_the_account_page_signs_out(signed_in_user):
    user = signed_in_user.click("counter.add_1").open(ACCOUNT.path).click("session.reset_page")
    assert user.at.text_input(key="account.name_input").value == ""
    assert user.state["counter.count"] == 1


def test_reset_everything_restores_every_page_and_keeps_the_user_signed_in(signed_in_user):
    user = signed_in_user.type("counter.label", "Laps").click("counter.add_10")
    user.click("session.reset_all")
    assert user.title == "Clicks: 0"
    assert user.at.text_input(key="counter.label").value == "Clicks"
    assert user.at.sidebar.caption[0].value == "Signed in as Ada"


def test_log_out_clears_the_session_and_signs_out(signed_in_user):
    user = signed_in_user.type("counter.label", "Laps").click("counter.add_10")
    user.click("session.log_out")
    assert user.title == "Clicks: 0"
    assert user.at.text_input(key="counter.label").value == "Clicks"
    assert user.at.sidebar.caption[0].value == "Not signed in"
    assert user.state["account.token"] is None


def test_log_out_returns_to_the_home_page(signed_in_user):
    user = signed_in_user.open(ACCOUNT.path)
    assert user.title == "Account"
    user.click("session.log_out")
    assert user.title == "Clicks: 0"


def test_log_out_drops_keys_no_feature_registered(user):
    user.at.session_state["scratch"] = "left behind"
    user.click("counter.add_1").click("session.log_out")
    assert "scratch" not in user.state


@pytest.mark.parametrize("button", ["session.reset_page", "session.reset_all", "session.log_out"])
def test_works_on_a_fresh_session(user, button):
    user.click(button)
    assert user.title == "Clicks: 0"


@pytest.mark.parametrize("button", ["session.reset_page", "session.reset_all", "session.log_out"])
def test_works_twice_in_a_row(signed_in_user, button):
    user = signed_in_user.click("counter.add_10").click(button).click(button)
    assert user.title == "Clicks: 0"


def test_after_log_out_the_app_works_as_new(signed_in_user):
    user = signed_in_user.click("session.log_out").click("counter.add_1")
    assert user.title == "Clicks: 1"
    user.open(ACCOUNT.path).type("account.name_input", "Bo").click("account.sign_in")
    user.open(HOME.path)
    assert user.at.sidebar.caption[0].value == "Signed in as Bo"
