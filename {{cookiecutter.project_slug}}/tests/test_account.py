"""The demo sign-in on the Account page."""

from {{ cookiecutter.project_slug }}.account.state import TOKEN, USER
from {{ cookiecutter.project_slug }}.pages import ACCOUNT


def test_signing_in_shows_the_trimmed_name(user):
    user.open(ACCOUNT.path).sign_in("  Zoë  ")
    assert user.at.text[0].value == "Signed in as Zoë"
    assert user.at.sidebar.caption[0].value == "Signed in as Zoë"


def test_a_blank_name_is_refused_with_a_message(user):
    user.open(ACCOUNT.path).sign_in("   ")
    assert user.at.error[0].value == "Type a display name to sign in."
    assert user.state[USER] is None


def test_signing_in_issues_a_session_token(user):
    user.open(ACCOUNT.path).sign_in("Ada")
    assert len(user.state[TOKEN]) >= 16


def test_the_sidebar_shows_a_name_as_typed_not_as_markdown(user):
    user.open(ACCOUNT.path).sign_in("**Ada**")
    assert user.at.sidebar.caption[0].value == r"Signed in as \*\*Ada\*\*"
