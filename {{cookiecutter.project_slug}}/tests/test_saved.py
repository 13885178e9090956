"""A signed-in user's work outlives the browser tab: saved in the app's database,
restored in their next session, shared by their open tabs, and never shown to anyone
else. Each page's own cases, its merge rule's among them, are in its test file.

Each ``new_user()`` is a new session (a refresh, another tab, another day); the
``new_user`` fixture points every session of a test at one temporary database.
"""

import sqlite3
from contextlib import closing

import pytest

from app import saved, state
from app.merge import Outcome, Saved, newer_field_wins, saved_copy_wins
from app.pages import ACCOUNT, HOME

NOTES = state.Key("notes.text", "")


def saved_rows(user) -> int:
    """How many saved-state rows the test's database holds (0 if it has none yet)."""
    url = user.at.secrets["connections"]["app"]["url"]
    path = url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if "saved_state" not in tables:
            return 0
        return db.execute("SELECT count(*) FROM saved_state").fetchone()[0]


def notices(user) -> list[str]:
    return [notice.value for notice in user.at.main.info]


@pytest.fixture
def notes(isolated_registry):
    """A saved feature that names no merge rule: the copy saved first wins."""
    return state.register("notes", [NOTES], saved=Saved((NOTES,), "Your notes"))


def write_notes(user, text: str):
    """Change the notes before a run, as a callback does."""
    user.at.session_state[NOTES] = text
    user._interact(user.at.run)
    return user


def test_a_feature_can_only_save_its_own_keys(isolated_registry):
    with pytest.raises(ValueError, match="not its keys"):
        state.register("notes", [NOTES], saved=Saved(("notes.other",), "Your notes"))


def test_a_feature_without_a_rule_keeps_the_copy_saved_first_and_says_so(notes, new_user):
    first, second = new_user().sign_in("Ada"), new_user().sign_in("Ada")
    write_notes(first, "from the first tab")
    write_notes(second, "from the second tab")
    assert second.state[NOTES] == "from the first tab"
    (notice,) = notices(second)
    assert notice.startswith("Your notes changed in another tab first")
    assert "its own last change was not kept" in notice
    assert new_user().sign_in("Ada").state[NOTES] == "from the first tab"


def test_the_notice_shows_once_and_goes_with_the_next_run(notes, new_user):
    first, second = new_user().sign_in("Ada"), new_user().sign_in("Ada")
    write_notes(first, "one")
    write_notes(second, "two")
    assert notices(second)
    second.open(HOME.path)
    assert notices(second) == []


def test_a_tab_that_did_nothing_takes_the_other_tabs_copy_without_a_notice(notes, new_user):
    first, second = new_user().sign_in("Ada"), new_user().sign_in("Ada")
    write_notes(first, "one")
    second.open(HOME.path)
    assert second.state[NOTES] == "one"
    assert notices(second) == []


def test_a_write_refused_for_a_copy_saved_meanwhile_meets_that_copy(notes, new_user, monkeypatch):
    """Another tab saves between this tab's read and its write: the write is refused by
    the version it names, and the tab meets the newer copy instead of overwriting it."""
    first, second = new_user().sign_in("Ada"), new_user().sign_in("Ada")
    write_notes(first, "one")
    second.open(HOME.path)
    _, seen_version = second.state[saved.SEEN]["notes"]  # both tabs have seen this one
    compare_and_set = saved._compare_and_set
    raced = []

    def another_tab_writes_first(engine, who, name, change):
        if not raced:
            raced.append(name)
            assert compare_and_set(
                engine, who, name, saved.Copy({NOTES: "meanwhile"}, seen_version)
            )
        return compare_and_set(engine, who, name, change)

    monkeypatch.setattr(saved, "_compare_and_set", another_tab_writes_first)
    write_notes(second, "two")
    assert raced == ["notes"]
    assert second.state[NOTES] == "meanwhile"
    assert notices(second)[0].startswith("Your notes changed in another tab first")
    assert new_user().sign_in("Ada").state[NOTES] == "meanwhile"


def test_a_guest_changes_nothing_saved_and_sees_no_notice(notes, new_user):
    write_notes(new_user().sign_in("Ada"), "Ada's")
    guest = write_notes(new_user(), "a guest's")
    assert notices(guest) == []
    assert new_user().sign_in("Ada").state[NOTES] == "Ada's"


# The rules, as plain functions: base (what this tab last saw saved), mine, theirs.


def test_saved_copy_wins_keeps_theirs():
    merged = saved_copy_wins({"a": 1}, {"a": 2}, {"a": 3})
    assert (merged.state, merged.outcome) == ({"a": 3}, Outcome.OTHER_TAB_WON)


def test_newer_field_wins_keeps_each_tabs_change_to_different_fields():
    merged = newer_field_wins({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3})
    assert (merged.state, merged.outcome) == ({"a": 2, "b": 3}, Outcome.BOTH_KEPT)


def test_newer_field_wins_keeps_this_tabs_change_where_both_changed_one_field():
    merged = newer_field_wins({"a": 1}, {"a": 2}, {"a": 3})
    assert (merged.state, merged.outcome) == ({"a": 2}, Outcome.THIS_TAB_WON)


def test_newer_field_wins_merges_mappings_key_by_key():
    base = {"lines": {"x": 1, "y": 1}}
    mine = {"lines": {"x": 1, "y": 1, "new here": 1}}  # added one
    theirs = {"lines": {"x": 5}}  # changed x, removed y
    merged = newer_field_wins(base, mine, theirs)
    assert merged.state == {"lines": {"x": 5, "new here": 1}}
    assert merged.outcome is Outcome.BOTH_KEPT


def test_newer_field_wins_keeps_what_either_list_added_once_and_drops_what_either_removed():
    base = {"log": ["a", "b"]}
    mine = {"log": ["b", "c", "both"]}  # removed a, added c and both
    theirs = {"log": ["a", "b", "both", "d"]}  # added both and d
    assert newer_field_wins(base, mine, theirs).state == {"log": ["b", "both", "d", "c"]}


def test_newer_field_wins_returns_the_same_value_both_tabs_set_without_a_clash():
    merged = newer_field_wins({"a": 1}, {"a": 2}, {"a": 2})
    assert (merged.state, merged.outcome) == ({"a": 2}, Outcome.BOTH_KEPT)


def test_a_guest_writes_nothing(new_user):
    guest = new_user()
    guest.open(ACCOUNT.path).open(HOME.path)
    assert saved_rows(guest) == 0
