"""The sidebar's session-state inspector: off by default, and it never shows a secret."""

import json
from dataclasses import dataclass

import pytest

from app.counter.state import ADD_ONE, ADD_TEN, COUNT, HISTORY
from app.inspector import ENV_VAR, MASK, redact


def _inspected(user):
    return json.loads(user.at.sidebar.json[0].value)


def test_the_inspector_is_off_by_default(monkeypatch, user):
    monkeypatch.delenv(ENV_VAR, raising=False)
    user.click(ADD_ONE)
    assert not user.at.sidebar.json


def test_the_setting_shows_the_session_state(monkeypatch, user):
    monkeypatch.setenv(ENV_VAR, "1")
    user.click(ADD_TEN)
    shown = _inspected(user)
    assert shown[COUNT] == 10
    assert shown[HISTORY] == ["+10"]


@pytest.mark.parametrize(
    "name",
    [
        *("api_key", "apiKey", "X-Api-Key", "Authorization", "password", "db_pwd"),
        *("passphrase", "client_secret", "refresh_token", "AUTH_TOKEN", "jwt", "session_id"),
    ],
)
def test_sensitive_names_are_masked(name):
    assert redact({name: "hunter2"}) == {name: MASK}


@pytest.mark.parametrize("name", ["monkey_count", "keyboard_layout", "book.author", "label"])
def test_names_that_merely_contain_a_sensitive_word_are_shown(name):
    assert redact({name: "visible"}) == {name: "visible"}


def test_sensitive_names_are_masked_at_any_depth():
    nested = {"settings": {"service": [{"Api-Key": "hunter2", "region": "eu"}]}}
    assert redact(nested) == {"settings": {"service": [{"Api-Key": MASK, "region": "eu"}]}}


def test_name_value_pairs_are_masked_like_a_mapping():
    headers = [("Accept", "text/html"), ("Authorization", "Bearer hunter2")]
    assert redact({"headers": headers}) == {
        "headers": [["Accept", "text/html"], ["Authorization", MASK]]
    }


def test_objects_are_named_by_type_never_by_repr():
    @dataclass
    class Credentials:
        user: str
        secret: str

    shown = redact({"login": Credentials("ada", "hunter2")})
    assert shown == {"login": "<Credentials>"}
