"""Reset one page, reset everything, log out: each restores defaults, state and widgets."""

import pytest

from app.account import state as account
from app.counter.state import ADD_ONE, ADD_TEN, LABEL
from app.pages import ACCOUNT, HOME
from app.session import LOG_OUT, RESET_ALL, RESET_PAGE

SESSION_BUTTONS = [RESET_PAGE, RESET_ALL, LOG_OUT]


def test_reset_this_page_restores_only_the_current_page(signed_in_user):
    user = signed_in_user.type(LABEL, "Laps").click(ADD_TEN).click(RESET_PAGE)
    assert user.count == "Clicks: 0"
    assert user.at.text_input(key=LABEL).value == "Clicks"
    assert user.at.sidebar.caption[0].value == "Signed in as Ada"


def test_reset_everything_restores_every_page_and_keeps_the_user_signed_in(signed_in_user):
    user = signed_in_user.type(LABEL, "Laps").click(ADD_TEN).click(RESET_ALL)
    assert user.count == "Clicks: 0"
    assert user.at.text_input(key=LABEL).value == "Clicks"
    assert user.at.sidebar.caption[0].value == "Signed in as Ada"


def test_log_out_clears_the_session_and_signs_out(signed_in_user):
    user = signed_in_user.type(LABEL, "Laps").click(ADD_TEN).click(LOG_OUT)
    assert user.count == "Clicks: 0"
    assert user.at.text_input(key=LABEL).value == "Clicks"
    assert user.at.sidebar.caption[0].value == "Not signed in"


def test_log_out_drops_keys_no_feature_registered(signed_in_user):
    signed_in_user.at.session_state["scratch"] = "left behind"
    signed_in_user.click(ADD_ONE).click(LOG_OUT)
    assert "scratch" not in signed_in_user.state


def test_log_out_shows_only_while_someone_is_signed_in(user):
    def sidebar_buttons():
        return [button.key for button in user.at.sidebar.button]

    assert sidebar_buttons() == [RESET_PAGE, RESET_ALL]
    user.open(ACCOUNT.path).sign_in("Ada")
    assert sidebar_buttons() == SESSION_BUTTONS
    user.click(LOG_OUT)
    assert sidebar_buttons() == [RESET_PAGE, RESET_ALL]


# % if cookiecutter.sign_in == "oidc"
@pytest.mark.parametrize("button", [LOG_OUT, account.LOG_OUT], ids=["sidebar", "account-page"])
def test_log_out_leaves_the_way_home_to_the_sign_out_redirect(signed_in_user, button):
    """st.logout() sends the browser through the provider's sign-out page and home, to a
    new session (tests/browser checks it). A page switch in the same click would start a
    rerun that can drop the redirect before it is sent: the session stays on its page."""
    user = signed_in_user.click(ADD_ONE).open(ACCOUNT.path).click(button)
    assert user.title == "Account"
    assert user.at.sidebar.caption[0].value == "Not signed in"
    assert user.open(HOME.path).count == "Clicks: 0"


# % else
def test_log_out_returns_to_the_home_page(signed_in_user):
    user = signed_in_user.open(ACCOUNT.path)
    assert user.title == "Account"
    user.click(LOG_OUT)
    assert user.count == "Clicks: 0"


def test_the_account_page_logs_out_and_stays_on_the_account_page(signed_in_user):
    user = signed_in_user.click(ADD_ONE).open(ACCOUNT.path).click(account.LOG_OUT)
    assert user.title == "Account"
    assert user.at.sidebar.caption[0].value == "Not signed in"
    assert user.open(HOME.path).count == "Clicks: 0"


# % endif
def test_the_account_page_has_no_log_out_while_nobody_is_signed_in(user):
    user.open(ACCOUNT.path)
    assert account.LOG_OUT not in [button.key for button in user.at.main.button]


@pytest.mark.parametrize("button", [RESET_PAGE, RESET_ALL])
def test_works_on_a_fresh_session(user, button):
    user.click(button)
    assert user.count == "Clicks: 0"


@pytest.mark.parametrize("button", [RESET_PAGE, RESET_ALL])
def test_works_twice_in_a_row(signed_in_user, button):
    user = signed_in_user.click(ADD_TEN).click(button).click(button)
    assert user.count == "Clicks: 0"


def test_after_log_out_the_app_works_as_new(signed_in_user):
    user = signed_in_user.click(LOG_OUT).click(ADD_ONE)
    assert user.count == "Clicks: 1"
    user.open(ACCOUNT.path).sign_in("Bo").open(HOME.path)
    assert user.at.sidebar.caption[0].value == "Signed in as Bo"
