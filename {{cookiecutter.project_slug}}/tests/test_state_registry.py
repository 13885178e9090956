"""The defaults-initialisation module, tested on plain dicts standing in for sessions."""

import pytest

from app import state
from app.counter.state import COUNT, HISTORY, LABEL
from app.counter.state import FEATURE as COUNTER


def test_init_state_gives_every_registered_key_its_default():
    session = {}
    state.init_state(session)
    expected = {key: value for f in state.features() for key, value in f.defaults.items()}
    assert session == expected


def test_init_state_never_overwrites_a_value_the_session_holds():
    session = {COUNT: 7, LABEL: "Cups of tea"}
    state.init_state(session)
    state.init_state(session)
    assert session[COUNT] == 7
    assert session[LABEL] == "Cups of tea"


class RecordingSession(dict):
    """A session that notes every key written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.written: list[str] = []

    def __setitem__(self, key, value) -> None:
        self.written.append(key)
        super().__setitem__(key, value)


def test_init_state_writes_no_key_the_session_already_holds():
    # Writing a widget's key marks its value as set by the app, which the browser then
    # shows in place of what the user typed: a full session must see no write at all.
    session = RecordingSession()
    state.init_state(session)
    assert set(session.written) == set(session)
    session.written.clear()
    session[COUNT] = 3
    del session[HISTORY]
    session.written.clear()
    state.init_state(session)
    assert session.written == [HISTORY]
    assert session[COUNT] == 3


def test_each_session_gets_its_own_copy_of_a_mutable_default():
    first, second = {}, {}
    state.init_state(first)
    state.init_state(second)
    first[HISTORY].append("+1")
    assert second[HISTORY] == []
    assert COUNTER.defaults[HISTORY] == []


@pytest.mark.parametrize("key", ["items", "keys", "values", "get", "update", "clear", "to_dict"])
@pytest.mark.usefixtures("isolated_registry")
def test_a_key_named_like_a_session_state_method_is_refused(key):
    with pytest.raises(ValueError, match=f"clashes with st.session_state.{key}"):
        state.register("clashing", [state.Key(key, 0)])


@pytest.mark.usefixtures("isolated_registry")
def test_a_key_that_belongs_to_another_feature_is_refused():
    with pytest.raises(ValueError, match="already belongs to 'counter'"):
        state.register("copycat", [state.Key(COUNT, 1)])


@pytest.mark.usefixtures("isolated_registry")
def test_a_key_declared_twice_in_one_feature_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        state.register("twice", [state.Key("twice.value", 0), state.Key("twice.value", 1)])


@pytest.mark.usefixtures("isolated_registry")
def test_a_plain_string_is_no_key():
    with pytest.raises(ValueError, match="non-empty Keys"):
        state.register("plain", ["plain.value"])  # pyright: ignore[reportArgumentType]


@pytest.mark.usefixtures("isolated_registry")
def test_registering_a_feature_again_replaces_it_as_a_reloaded_module_does():
    state.register("demo", [state.Key("demo.value", 1)])
    state.register("demo", [state.Key("demo.value", 2)])
    session = {}
    state.init_state(session)
    assert session["demo.value"] == 2


def test_reset_gives_each_session_a_fresh_copy_of_a_mutable_default():
    session = {}
    state.init_state(session)
    state.reset_feature(COUNTER, session)
    session[HISTORY].append("+1")
    assert COUNTER.defaults[HISTORY] == []


def test_reset_feature_restores_only_that_feature(isolated_registry):
    state.register("other", [state.Key("other.value", 0)])
    session = {}
    state.init_state(session)
    session.update({COUNT: 5, LABEL: "Laps", "other.value": 3})
    state.reset_feature(COUNTER, session)
    assert (session[COUNT], session[LABEL]) == (0, "Clicks")
    assert session["other.value"] == 3


def test_reset_all_keeps_a_feature_that_asks_to_be_kept(isolated_registry):
    state.register("kept", [state.Key("kept.user", None)], keep_on_reset_all=True)
    session = {}
    state.init_state(session)
    session.update({COUNT: 5, "kept.user": {"name": "Ada"}})
    state.reset_all(session)
    assert session[COUNT] == 0
    assert session["kept.user"] == {"name": "Ada"}
