"""Sign-in with st.login: the Account page in each state, and log out through st.logout.

AppTest's ``at.user`` stands in for the identity provider: User.sign_in() sets it as
the provider's answer would, and st.user reads it.
"""

import pytest
import streamlit

from app.account.state import LOG_IN, LOG_OUT
from app.counter.state import ADD_TEN
from app.pages import ACCOUNT, HOME
from app.session import LOG_OUT as SIDEBAR_LOG_OUT

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "app",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
}


class Calls:
    """Stands in for st.login / st.logout, or wraps them, and counts the calls."""

    def __init__(self, wrapped=None) -> None:
        self.calls = 0
        self.wrapped = wrapped

    def __call__(self, *args, **kwargs) -> None:
        self.calls += 1
        if self.wrapped is not None:
            self.wrapped(*args, **kwargs)


def test_without_auth_settings_the_account_page_says_how_to_set_sign_in_up(user):
    user.open(ACCOUNT.path)
    (notice,) = user.at.main.info
    assert "Sign-in is not set up" in notice.value
    assert "[auth]" in notice.value
    assert ".streamlit/secrets.toml" in notice.value
    assert not user.at.main.button  # no Log in that could only fail
    assert user.at.sidebar.caption[0].value == "Not signed in"


def test_with_auth_settings_a_guest_gets_log_in_which_calls_st_login(user, monkeypatch):
    login = Calls()
    monkeypatch.setattr(streamlit, "login", login)
    user.at.secrets["auth"] = AUTH
    user.open(ACCOUNT.path)
    assert "a refresh or a new tab starts over" in user.at.main.markdown[0].value
    user.click(LOG_IN)
    assert login.calls == 1


def test_a_signed_in_user_sees_their_name_and_log_out(user):
    user.open(ACCOUNT.path).sign_in("Ada")
    assert user.at.main.text[0].value == "Signed in as Ada"
    assert LOG_OUT in [button.key for button in user.at.main.button]
    assert user.at.sidebar.caption[0].value == "Signed in as Ada"


def test_a_user_without_a_name_is_shown_by_their_email(user):
    user.at.user = {"is_logged_in": True, "sub": "u-1", "email": "ada@example.com"}
    user.open(ACCOUNT.path)
    assert user.at.main.text[0].value == "Signed in as ada@example.com"


def test_the_sidebar_shows_a_name_as_written_not_as_markdown(user):
    user.sign_in("**Ada**")
    assert user.at.sidebar.caption[0].value == r"Signed in as \*\*Ada\*\*"


@pytest.mark.parametrize(("page", "button"), [(HOME, SIDEBAR_LOG_OUT), (ACCOUNT, LOG_OUT)])
def test_log_out_clears_the_session_and_calls_st_logout(user, monkeypatch, page, button):
    logout = Calls(wrapped=streamlit.logout)  # the real one too: st.user forgets the user
    monkeypatch.setattr(streamlit, "logout", logout)
    user.sign_in("Ada").open(HOME.path).click(ADD_TEN).open(page.path).click(button)
    assert logout.calls == 1
    assert user.at.sidebar.caption[0].value == "Not signed in"
    assert user.open(HOME.path).count == "Clicks: 0"
