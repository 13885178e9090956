"""A signed-in user's work, kept in the app's database between visits.

Session state ends with its browser tab: a refresh starts a new session. A user signed
in with st.login keeps an identity cookie, though, so their work can outlive the tab.
Each feature names the keys worth keeping (``register(..., saved=(...))``): what a
user was in the middle of, such as a basket of products or unsubmitted answers; their
values must be JSON. ``restore()`` runs before each page and gives a new session of
that user what they left; ``keep()`` runs after it and writes a feature's keys when the
run changed them, whichever callback, widget or reset changed them. One row per user
and feature; no other user's session reads it. A guest (nobody signed in) keeps
today's behaviour: nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy import JSON, Column, DateTime, MetaData, String, Table, delete, insert, select
from sqlalchemy.engine import Engine

from .database import DATABASE_ERRORS, app_engine, ensure_schema, log_failure, recover
from .state import Feature, features, register

T = TypeVar("T")

METADATA = MetaData()
SAVED_STATE = Table(
    "saved_state",
    METADATA,
    Column("subject", String(255), primary_key=True),  # the user, as subject() names them
    Column("feature", String(100), primary_key=True),
    Column("state", JSON, nullable=False),  # {key: value} of the feature's saved keys
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

RESTORED_FOR = "saved.restored_for"  # the user whose saved work this session has loaded
WRITTEN = "saved.written"  # {feature: what was last loaded or written, as JSON text}
FAILED = "saved.failed"  # True while loading or writing fails: the sidebar says so
SESSION = register(
    "saved", {RESTORED_FOR: None, WRITTEN: {}, FAILED: False}, keep_on_reset_all=True
)


def subject() -> str | None:
    """Who is signed in, as the identity provider names them (issuer and subject: two
    providers may both have a user "1"); None for a guest."""
    if not st.user.get("is_logged_in"):
        return None
    return f"{st.user.get('iss', '')} {st.user.get('sub', '')}"


def _kept(feature: Feature) -> str:
    return json.dumps({key: st.session_state[key] for key in feature.saved}, sort_keys=True)


def _saved_features() -> dict[str, Feature]:
    return {feature.name: feature for feature in features() if feature.saved}


def _in_database(action: str, work: Callable[[Engine], T]) -> T | None:
    """Run ``work`` on the app's database, its table made; None if the database failed.

    A failure is logged for the operator, the engine reconnects on the next try, and
    the sidebar tells the user (render_notice) until a later try succeeds.
    """
    engine = None
    try:
        engine = app_engine()
        ensure_schema(engine, METADATA)
        done = work(engine)
    except DATABASE_ERRORS as failure:
        if engine is not None:
            recover(engine)
        log_failure(action, failure)
        st.session_state[FAILED] = True
        return None
    st.session_state[FAILED] = False
    return done


def restore() -> None:
    """Load the signed-in user's saved work into a session that has not loaded it yet."""
    who = subject()
    if who is None or st.session_state[RESTORED_FOR] == who:
        return
    rows = _in_database("loading a signed-in user's saved work", lambda db: _read(db, who))
    if rows is None:
        # Nothing is written until the load succeeds (the next run tries again): an
        # empty session must not overwrite what the user saved.
        return
    st.session_state[RESTORED_FOR] = who
    written = {}
    for name, feature in _saved_features().items():
        for key, value in rows.get(name, {}).items():
            if key in feature.saved:
                st.session_state[key] = value
        written[name] = _kept(feature)
    st.session_state[WRITTEN] = written


def keep() -> None:
    """Write each saved feature whose keys this run changed, for the signed-in user."""
    who = subject()
    if who is None or st.session_state[RESTORED_FOR] != who:
        return  # a guest, or a session that has not loaded this user's work
    written = st.session_state[WRITTEN]
    changed = {
        name: _kept(feature)
        for name, feature in _saved_features().items()
        if _kept(feature) != written.get(name)
    }
    states = {name: json.loads(text) for name, text in changed.items()}
    action = "saving a signed-in user's work (kept in the session)"
    if changed and _in_database(action, lambda db: _write(db, who, states)):
        st.session_state[WRITTEN] = {**written, **changed}


def render_notice() -> None:
    """A line in the sidebar while the user's work cannot be saved."""
    if st.session_state[FAILED]:
        st.warning(
            "Your work is kept in this tab, but it cannot be saved for your next visit "
            "just now; the app tries again with each click."
        )


def _read(engine: Engine, who: str) -> dict[str, dict[str, Any]]:
    query = select(SAVED_STATE.c.feature, SAVED_STATE.c.state).where(SAVED_STATE.c.subject == who)
    with engine.connect() as db:
        return dict(db.execute(query).all())


def _write(engine: Engine, who: str, states: dict[str, dict[str, Any]]) -> bool:
    """Replace the user's rows for these features, in one transaction."""
    now = datetime.now(UTC)
    with engine.begin() as db:
        db.execute(
            delete(SAVED_STATE).where(
                SAVED_STATE.c.subject == who, SAVED_STATE.c.feature.in_(list(states))
            )
        )
        db.execute(
            insert(SAVED_STATE),
            [
                {"subject": who, "feature": name, "state": state, "saved_at": now}
                for name, state in states.items()
            ],
        )
    return True
