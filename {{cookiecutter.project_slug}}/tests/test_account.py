"""The demo sign-in on the Account page."""

from {{ cookiecutter.project_slug }}.pages import ACCOUNT


def test_signing_in_shows_the_trimmed_name(user):
    user.open(ACCOUNT.path).type("account.name_input", "  Zoë  ").click("account.sign_in")
    assert user.at.text[0].value == "Signed in as Zoë"
    assert user.at.sidebar.caption[0].value == "Signed in as Zoë"


def test_a_blank_name_is_refused_with_a_message(user):
    user.open(ACCOUNT.path).type("account.name_input", "   ").click("account.sign_in")
    assert user.at.error[0].value == "Type a display name to sign in."
    assert user.state["account.user"] is None


def test_signing_in_issues_a_session_token(user):
    user.open(ACCOUNT.path).type("account.name_input", "Ada").click("account.sign_in")
    assert len(user.state["account.token"]) >= 16
