"""A signed-in user's work outlives the browser tab: saved in the app's database,
restored in their next session, and never shown to anyone else. Each page's own
cases are in its test file.

Each ``new_user()`` is a new session (a refresh, another tab, another day); the
``new_user`` fixture points every session of a test at one temporary database.
"""

import sqlite3
from contextlib import closing

import pytest

from app import state
from app.pages import ACCOUNT, HOME


def saved_rows(user) -> int:
    """How many saved-state rows the test's database holds (0 if it has none yet)."""
    url = user.at.secrets["connections"]["app"]["url"]
    path = url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if "saved_state" not in tables:
            return 0
        return db.execute("SELECT count(*) FROM saved_state").fetchone()[0]


def test_a_feature_can_only_save_its_own_keys(isolated_registry):
    with pytest.raises(ValueError, match="not its keys"):
        state.register("notes", {"notes.text": ""}, saved=("notes.other",))


def test_a_guest_writes_nothing(new_user):
    guest = new_user()
    guest.open(ACCOUNT.path).open(HOME.path)
    assert saved_rows(guest) == 0
