"""Two browser tabs on one server process never see each other's state."""

from {{ cookiecutter.project_slug }}.pages import ACCOUNT


def test_one_session_counting_leaves_another_at_zero(new_user):
    first, second = new_user(), new_user()
    first.click("counter.add_10")
    second.click("counter.add_1")
    assert first.title == "Clicks: 10"
    assert second.title == "Clicks: 1"


def test_one_session_history_is_not_another_sessions_list(new_user):
    first, second = new_user(), new_user()
    first.click("counter.add_1").click("counter.add_10")
    assert second.state["counter.history"] == []
    assert second.state["counter.history"] is not first.state["counter.history"]


def test_signing_in_in_one_session_does_not_sign_in_another(new_user):
    first, second = new_user(), new_user()
    first.open(ACCOUNT.path).type("account.name_input", "Ada").click("account.sign_in")
    second.click("counter.add_1")
    assert second.state["account.user"] is None
    assert second.at.sidebar.caption[0].value == "Not signed in"


def test_logging_out_one_session_leaves_another_untouched(new_user):
    first, second = new_user(), new_user()
    first.click("counter.add_10")
    second.click("counter.add_1").click("session.log_out")
    first.click("counter.add_1")
    assert first.title == "Clicks: 11"
