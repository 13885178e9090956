"""The sidebar's session-state inspector: off by default, and it never shows a secret."""

import json

import pytest

from {{ cookiecutter.project_slug }}.inspector import ENV_VAR, MASK, redact
from {{ cookiecutter.project_slug }}.pages import ACCOUNT


def _inspected(user):
    return json.loads(user.at.sidebar.json[0].value)


def test_the_inspector_is_off_by_default(monkeypatch, user):
    monkeypatch.delenv(ENV_VAR, raising=False)
    user.click("counter.add_1")
    assert not user.at.sidebar.json


def test_the_setting_shows_the_session_state(monkeypatch, user):
    monkeypatch.setenv(ENV_VAR, "1")
    user.click("counter.add_10")
    shown = _inspected(user)
    assert shown["counter.count"] == 10
    assert shown["counter.history"] == ["+10"]


def test_the_session_token_is_masked(monkeypatch, user):
    monkeypatch.setenv(ENV_VAR, "1")
    user.open(ACCOUNT.path).type("account.name_input", "Ada").click("account.sign_in")
    token = user.state["account.token"]
    shown = _inspected(user)
    assert shown["account.token"] == MASK
    assert token not in user.at.sidebar.json[0].value


@pytest.mark.parametrize(
    "name", ["api_key", "password", "db_passwd", "auth", "client_secret", "refresh_token"]
)
def test_sensitive_names_are_masked(name):
    assert redact({name: "hunter2"}) == {name: MASK}


def test_sensitive_names_are_masked_at_any_depth():
    nested = {"settings": {"service": [{"Api-Key": "hunter2", "region": "eu"}]}}
    assert redact(nested) == {"settings": {"service": [{"Api-Key": MASK, "region": "eu"}]}}


def test_values_json_cannot_show_are_described_not_dropped():
    assert redact({"when": object}) == {"when": repr(object)}
