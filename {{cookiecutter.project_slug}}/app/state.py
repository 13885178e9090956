"""The defaults-initialisation module: every session-state key and its default.

Streamlit reruns the whole script on each interaction and only ``st.session_state``
survives. Each feature registers its keys here, once, at import. ``init_state`` runs
first thing on every script run and fills in only what is missing, so a value the
user changed is never overwritten. Defaults are deep-copied into each session: a list
declared once at module level is never shared between two users.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import streamlit as st
from streamlit.runtime.state import SessionStateProxy

# % if cookiecutter.sign_in == "oidc"
from .merge import Saved

# % endif
# Names st.session_state already uses (items, keys, get, clear, update, to_dict, ...):
# a key spelled like one of them cannot be read with dot access and invites bugs.
RESERVED_NAMES = frozenset(
    name for name in dir(SessionStateProxy) + dir(dict) if not name.startswith("_")
)


@dataclass(frozen=True, eq=False)  # one object per feature, compared by identity
class Feature:
    """One feature's slice of session state: its name and its keys' defaults."""

    name: str
    defaults: Mapping[str, Any]
    # % if cookiecutter.sign_in == "oidc"
    saved: Saved | None = None  # kept for a signed-in user between visits (app/saved.py)
    # % endif
    keep_on_reset_all: bool = False


_FEATURES: dict[str, Feature] = {}


def register(
    name: str,
    defaults: Mapping[str, Any],
    *,
    keep_on_reset_all: bool = False,
    # % if cookiecutter.sign_in == "oidc"
    saved: Saved | None = None,
    # % endif
) -> Feature:
    """Declare a feature's keys and defaults; refuse reserved keys and another's keys.

    Registering a name again replaces it, so a module that is imported again (a
    reload while developing) does not fail.
    """
    taken = {
        key: other.name
        for other in _FEATURES.values()
        if other.name != name
        for key in other.defaults
    }
    for key in defaults:
        if not isinstance(key, str) or not key:
            raise ValueError(f"feature {name!r}: session-state keys are non-empty strings")
        if key in RESERVED_NAMES:
            raise ValueError(f"feature {name!r}: key {key!r} clashes with st.session_state.{key}")
        if key in taken:
            raise ValueError(f"feature {name!r}: key {key!r} already belongs to {taken[key]!r}")
    # % if cookiecutter.sign_in == "oidc"
    if saved and (unknown := set(saved.keys) - set(defaults)):
        raise ValueError(f"feature {name!r}: saved keys {sorted(unknown)} are not its keys")
    feature = Feature(
        name,
        MappingProxyType(dict(defaults)),
        saved=saved,
        keep_on_reset_all=keep_on_reset_all,
    )
    # % else
    feature = Feature(name, MappingProxyType(dict(defaults)), keep_on_reset_all=keep_on_reset_all)
    # % endif
    _FEATURES[name] = feature
    return feature


def features() -> tuple[Feature, ...]:
    return tuple(_FEATURES.values())


def _session(state: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
    return st.session_state if state is None else state


def init_state(state: MutableMapping[str, Any] | None = None) -> None:
    """Give every registered key that the session lacks its default; touch no other.

    A key the session has is left alone, so a value the user changed is never
    overwritten. A widget whose value must outlive its page keeps it natively, with
    ``persist_state="session"``: Streamlit then holds the value while the page is closed.
    """
    session = _session(state)
    for feature in _FEATURES.values():
        for key, default in feature.defaults.items():
            if key not in session:
                session[key] = copy.deepcopy(default)


def reset_feature(feature: Feature, state: MutableMapping[str, Any] | None = None) -> None:
    """Put one feature's keys, widget keys included, back to their defaults.

    Use it as a callback: widgets read their new values on the run that follows.
    """
    session = _session(state)
    for key, default in feature.defaults.items():
        session[key] = copy.deepcopy(default)


def reset_all(state: MutableMapping[str, Any] | None = None) -> None:
    """Reset every feature except those that ask to be kept (the signed-in user)."""
    for feature in _FEATURES.values():
        if not feature.keep_on_reset_all:
            reset_feature(feature, state)
