"""Two browser tabs on one server process never see each other's state."""

from app.counter.state import ADD_ONE, ADD_TEN, HISTORY, RESET
from app.pages import ACCOUNT, HOME
from app.session import LOG_OUT


def test_one_session_counting_leaves_another_at_zero(new_user):
    first, second = new_user(), new_user()
    first.click(ADD_TEN)
    second.click(ADD_ONE)
    assert first.count == "Clicks: 10"
    assert second.count == "Clicks: 1"


def test_one_session_history_is_not_another_sessions_list(new_user):
    first, second = new_user(), new_user()
    first.click(ADD_ONE).click(ADD_TEN)
    assert second.state[HISTORY] == []
    assert second.state[HISTORY] is not first.state[HISTORY]


def test_a_reset_in_one_session_does_not_share_its_fresh_list_with_another(new_user):
    first, second = new_user(), new_user()
    first.click(RESET).click(ADD_ONE)
    second.click(RESET)
    assert second.state[HISTORY] == []


def test_signing_in_in_one_session_does_not_sign_in_another(new_user):
    first, second = new_user(), new_user()
    first.open(ACCOUNT.path).sign_in("Ada")
    second.click(ADD_ONE)
    assert second.at.sidebar.caption[0].value == "Not signed in"


def test_logging_out_one_session_leaves_another_untouched(new_user):
    first, second = new_user(), new_user()
    first.click(ADD_TEN)
    second.open(ACCOUNT.path).sign_in("Bo").open(HOME.path).click(ADD_ONE).click(LOG_OUT)
    first.click(ADD_ONE)
    assert first.count == "Clicks: 11"
