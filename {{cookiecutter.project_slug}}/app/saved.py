"""A signed-in user's work, kept in the app's database between visits and across tabs.

Session state ends with its browser tab: a refresh starts a new session. A user signed
in with st.login keeps an identity cookie, though, so their work can outlive the tab.
Each feature names the keys worth keeping (``register(..., saved=Saved(...))``): what a
user was in the middle of, such as a basket of products or unsubmitted answers.

One row per user and feature, with a version that each write raises by one. A write
names the version it was made on and is refused if another tab (or another replica)
wrote since: no tab overwrites a copy it has not seen. Each run starts with ``sync()``:
it loads what the user saved, brings in what their other tabs saved since this tab
last looked, meets it with this tab's change by the feature's rule (app/merge.py), and
saves the result; the page then draws what the user will see in every tab.
``keep()`` runs after the page and saves what the page itself changed. A guest (nobody
signed in) keeps today's behaviour: nothing is read or written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from .database import ensure_schema, on_database
from .merge import Merged, Outcome, Saved
from .state import Feature, Key, assign, features, register, values_of

T = TypeVar("T")

METADATA = MetaData()
SAVED_STATE = Table(
    "saved_state",
    METADATA,
    Column("subject", String(255), primary_key=True),  # the user, as subject() names them
    Column("feature", String(100), primary_key=True),
    Column("state", JSON, nullable=False),  # {key: value} of the feature's saved keys
    Column("version", Integer, nullable=False),  # 1 for the first write, +1 for each next
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

# The user whose saved work this session has loaded.
RESTORED_FOR = Key[str | None]("saved.restored_for", None)
# {feature: [what this tab last saw saved, as JSON text, and its version, 0 for no row]}
SEEN = Key[dict[str, tuple[str, int]]]("saved.seen", {})
FAILED = Key("saved.failed", False)  # True while loading or writing fails: the sidebar says so
NOTICE = Key[str | None]("saved.notice", None)  # what meeting another tab dropped, this run
SESSION = register("saved", [RESTORED_FOR, SEEN, FAILED, NOTICE], keep_on_reset_all=True)
LOADING = "loading a signed-in user's saved work"
TRIES = 3  # writes refused for another tab's newer copy, before the next run takes over

NOTICES = {
    Outcome.THIS_TAB_WON: (
        "{what} also changed in another tab: both changes are here, and where both "
        "tabs changed the same thing, this tab's change was kept."
    ),
    Outcome.OTHER_TAB_WON: (
        "{what} changed in another tab first: this tab now shows that, and its own last "
        "change was not kept."
    ),
}


@dataclass(frozen=True)
class Copy:
    """A feature's saved keys as one tab or the database holds them."""

    state: dict[str, Any]
    version: int

    @property
    def text(self) -> str:
        return json.dumps(self.state, sort_keys=True)


def subject() -> str | None:
    """Who is signed in, as the identity provider names them (issuer and subject: two
    providers may both have a user "1"); None for a guest."""
    if not st.user.get("is_logged_in"):
        return None
    return f"{st.user.get('iss', '')} {st.user.get('sub', '')}"


def _saved_features() -> list[tuple[Feature, Saved]]:
    return [(feature, feature.saved) for feature in features() if feature.saved]


def _mine(saved: Saved) -> dict[str, Any]:
    """This tab's values of the saved keys, as JSON gives them back (tuples as lists)."""
    return json.loads(json.dumps(values_of(saved.keys)))


def _seen(feature: Feature) -> Copy:
    text, version = SEEN.get()[feature.name]
    return Copy(json.loads(text), version)


def _set_seen(feature: Feature, copy: Copy) -> None:
    SEEN.set({**SEEN.get(), feature.name: (copy.text, copy.version)})


def _apply(saved: Saved, state: dict[str, Any]) -> None:
    assign({key: state[key] for key in saved.keys})


def _in_database(action: str, work: Callable[[Engine], T]) -> T | None:
    """``work`` on the app's database, its table made; None if the database failed. The
    sidebar tells the user (render_notice) until a later try succeeds."""

    def with_schema(engine: Engine) -> T:
        ensure_schema(engine, METADATA)
        return work(engine)

    done = on_database(action, with_schema)
    FAILED.set(done is None)
    return done


def sync() -> None:
    """Before the page: load the signed-in user's saved work, or meet what their other
    tabs saved since this tab last looked with this tab's change, and save the result."""
    who = subject()
    if who is None:
        return
    NOTICE.set(None)
    rows = _in_database(LOADING, lambda db: _read_all(db, who))
    if rows is None:
        # Nothing is written until a load succeeds (the next run tries again): an empty
        # session must not overwrite what the user saved.
        return
    first_load = RESTORED_FOR.get() != who
    RESTORED_FOR.set(who)
    notices = []
    for feature, saved in _saved_features():
        row = rows.get(feature.name)
        if first_load:
            _restore(feature, saved, row)
        elif (outcome := _meet(feature, saved, who, row)) in NOTICES:
            notices.append(NOTICES[outcome].format(what=saved.what))
    NOTICE.set(" ".join(notices) or None)


def _restore(feature: Feature, saved: Saved, row: Copy | None) -> None:
    """A new session of this user: take what they saved, key by key."""
    mine = _mine(saved)
    state = (
        {**mine, **{key: row.state[key] for key in saved.keys if key in row.state}} if row else mine
    )
    _apply(saved, state)
    _set_seen(feature, Copy(state, row.version if row else 0))


def _meet(feature: Feature, saved: Saved, who: str, row: Copy | None) -> Outcome:
    """Save this tab's change on the copy it was made on; where another tab saved first,
    merge the two by the feature's rule, show the result here and save it."""
    seen = _seen(feature)
    outcome = Outcome.BOTH_KEPT
    for _ in range(TRIES):
        latest = _as_saved(saved, seen, row)
        mine = _mine(saved)
        if latest.version == seen.version:
            merged = Merged(mine)
        elif mine == seen.state:  # nothing changed here: take the other tab's copy
            merged = Merged(latest.state)
        else:
            merged = saved.merge(seen.state, mine, latest.state)
            outcome = outcome if merged.outcome is Outcome.BOTH_KEPT else merged.outcome
        if merged.state != mine:  # a run with nothing to bring in writes no key
            _apply(saved, merged.state)
        if merged.state == latest.state:
            _set_seen(feature, latest)
            return outcome
        if written := _write(feature, who, Copy(merged.state, latest.version)):
            _set_seen(feature, written)
            return outcome
        # Refused (another tab wrote in between) or failed: meet the newest copy, if any.
        _set_seen(feature, latest)
        seen = latest
        rows = _in_database(LOADING, lambda db: _read_all(db, who))
        if rows is None:
            return outcome
        row = rows.get(feature.name)
    return outcome


def _as_saved(saved: Saved, seen: Copy, row: Copy | None) -> Copy:
    """The database's copy, every saved key filled in: a key the row lacks (the feature
    gained it since) counts as unchanged from what this tab saw; no row, as version 0."""
    if row is None:
        return Copy(seen.state, 0)
    return Copy({key: row.state.get(key, seen.state[key]) for key in saved.keys}, row.version)


def keep() -> bool:
    """After the page: save each feature that the page itself changed. A write refused
    for another tab's newer copy is left to the next full run's sync(), which merges it:
    widgets drawn by this run can no longer take a new value. Says whether one was."""
    # A session that has loaded nobody's work saves nothing. Asked first: st.user reads
    # the secrets file anew each time, a cost a guest's every click would pay.
    restored = RESTORED_FOR.get()
    if restored is None or subject() != restored:
        return False  # a guest, or a session that has not loaded this user's work
    who = restored
    refused = False
    for feature, saved in _saved_features():
        seen = _seen(feature)
        mine = _mine(saved)
        if mine == seen.state:
            continue
        if written := _write(feature, who, Copy(mine, seen.version)):
            _set_seen(feature, written)
        else:
            refused = refused or not FAILED.get()  # not the database failing: another tab
    return refused


def _write(feature: Feature, who: str, change: Copy) -> Copy | None:
    """Save ``change``, made on version ``change.version``, as the next version; None if
    another tab saved first, or the database failed (the sidebar then says so)."""
    action = "saving a signed-in user's work (kept in the session)"
    written = _in_database(action, lambda db: _compare_and_set(db, who, feature.name, change))
    return Copy(change.state, change.version + 1) if written else None


def render_notice() -> None:
    """A line in the sidebar while the user's work cannot be saved."""
    if FAILED.get():
        st.warning(
            "Your work is kept in this tab, but it cannot be saved for your next visit "
            "just now; the app tries again with each click."
        )


def render_merge_notice() -> None:
    """A line on the page when meeting another tab's copy dropped a change."""
    if NOTICE.get():
        st.info(NOTICE.get(), icon=":material/sync:")


def _read_all(engine: Engine, who: str) -> dict[str, Copy]:
    query = select(SAVED_STATE.c.feature, SAVED_STATE.c.state, SAVED_STATE.c.version).where(
        SAVED_STATE.c.subject == who
    )
    with engine.connect() as db:
        return {name: Copy(state, version) for name, state, version in db.execute(query)}


def _compare_and_set(engine: Engine, who: str, name: str, change: Copy) -> bool:
    """Write the next version of the user's row for ``name`` if the row is still at
    ``change.version`` (0: no row yet); False if another writer got there first."""
    values = {"state": change.state, "version": change.version + 1, "saved_at": datetime.now(UTC)}
    try:
        with engine.begin() as db:
            if change.version == 0:
                db.execute(insert(SAVED_STATE).values(subject=who, feature=name, **values))
                return True
            row = (SAVED_STATE.c.subject == who) & (SAVED_STATE.c.feature == name)
            current = SAVED_STATE.c.version == change.version
            return (
                db.execute(update(SAVED_STATE).where(row, current).values(**values)).rowcount == 1
            )
    except IntegrityError:  # another writer made the row first
        return False
