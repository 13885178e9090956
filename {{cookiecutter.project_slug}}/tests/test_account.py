"""The demo sign-in on the Account page."""

import json

from app.account.state import ERROR, NAME_INPUT, SIGN_IN, SIGN_IN_FORM_KEY, TOKEN, USER
from app.counter.state import ADD_ONE, COUNT
from app.inspector import ENV_VAR, MASK
from app.pages import ACCOUNT, HOME
from app.session import LOG_OUT, RESET_ALL, RESET_PAGE


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


def test_the_display_name_is_a_field_of_the_sign_in_form(user):
    # In a form, typing runs nothing and Enter signs in, as the button does.
    field = user.open(ACCOUNT.path).at.text_input(key=NAME_INPUT)
    assert field.form_id == SIGN_IN_FORM_KEY
    user.fill(NAME_INPUT, "Ada").click(SIGN_IN)
    assert user.state[USER] == {"name": "Ada"}


def test_a_name_sent_in_the_form_stays_in_it_after_a_visit_to_another_page(user):
    # The form's field is a registered key drawn with persist_state="session". Only what
    # the form sent is kept: a browser sends nothing of a field before its form is
    # submitted, so a name typed and never sent is gone with the page.
    user.open(ACCOUNT.path).sign_in("   ").open(HOME.path).open(ACCOUNT.path)
    assert user.at.text_input(key=NAME_INPUT).value == "   "
    assert user.at.error[0].value == "Type a display name to sign in."


def test_reset_this_page_on_the_account_page_clears_the_form_only(user):
    user.click(ADD_ONE).open(ACCOUNT.path).sign_in("  ")
    assert user.state[ERROR]
    assert user.at.text_input(key=NAME_INPUT).value == "  "
    user.click(RESET_PAGE)
    assert user.at.text_input(key=NAME_INPUT).value == ""
    assert not user.at.error
    assert user.state[COUNT] == 1


def test_reset_everything_clears_a_refused_sign_in(user):
    user.open(ACCOUNT.path).sign_in("  ").click(RESET_ALL)
    assert user.at.text_input(key=NAME_INPUT).value == ""
    assert not user.at.error


def test_the_inspector_masks_the_session_token(monkeypatch, user):
    monkeypatch.setenv(ENV_VAR, "1")
    user.open(ACCOUNT.path).sign_in("Ada")
    token = user.state[TOKEN]
    assert json.loads(user.at.sidebar.json[0].value)[TOKEN] == MASK
    assert token not in user.at.sidebar.json[0].value


def test_log_out_drops_the_user_and_the_token(signed_in_user):
    user = signed_in_user.click(LOG_OUT)
    assert user.state[USER] is None
    assert user.state[TOKEN] is None
