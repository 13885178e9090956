"""The defaults-initialisation module: every session-state key, its type and its default.

Streamlit reruns the whole script on each interaction and only ``st.session_state``
survives. Each feature declares its keys as ``Key``s, each with its default, and
registers them here, once, at import. ``init_state`` runs first thing on every script
run and fills in only what is missing, so a value the user changed is never
overwritten. Defaults are deep-copied into each session: a list declared once at
module level is never shared between two users. This module is the one place that
reads st.session_state untyped; everywhere else, ``KEY.get()`` and ``KEY.set()``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar, cast

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


T = TypeVar("T")
Session = MutableMapping[str, Any]  # st.session_state, or a plain dict in a unit test


class Key(str, Generic[T]):
    """A session-state key that carries its value's type and its default.

    It is the key's name, a ``str``, so a widget takes it as its ``key=`` and a test
    reads ``at.session_state[KEY]``. ``get()`` and ``set()`` read and write this
    session's value with its type: an editor shows ``int`` where a count is read, and
    a type checker refuses a list written to it. The type comes from the default, or
    is given: ``Key[str | None]("palette.colour", None)``.
    """

    default: T

    def __new__(cls, name: str, default: T) -> Key[T]:
        key = super().__new__(cls, name)
        key.default = default
        return key

    def get(self) -> T:
        return cast(T, st.session_state[self])

    def set(self, value: T) -> None:
        st.session_state[self] = value

    def setdefault(self, value: T) -> None:
        """Give the key ``value`` unless this session holds one: for a widget key that
        no feature registers, started from what it shows."""
        st.session_state.setdefault(self, value)


@dataclass(frozen=True, eq=False)  # one object per feature, compared by identity
class Feature:
    """One feature's slice of session state: its name and its keys' defaults."""

    name: str
    keys: tuple[Key[Any], ...]
    # % if cookiecutter.sign_in == "oidc"
    saved: Saved | None = None  # kept for a signed-in user between visits (app/saved.py)
    # % endif
    keep_on_reset_all: bool = False

    @property
    def defaults(self) -> Mapping[str, Any]:
        return MappingProxyType({key: key.default for key in self.keys})


_FEATURES: dict[str, Feature] = {}


def register(
    name: str,
    keys: Iterable[Key[Any]],
    *,
    keep_on_reset_all: bool = False,
    # % if cookiecutter.sign_in == "oidc"
    saved: Saved | None = None,
    # % endif
) -> Feature:
    """Declare a feature's keys; refuse reserved names, a name twice, another's keys.

    Registering a name again replaces it, so a module that is imported again (a
    reload while developing) does not fail.
    """
    taken = {
        key: other.name for other in _FEATURES.values() if other.name != name for key in other.keys
    }
    keys = tuple(keys)
    for key in keys:
        if not isinstance(key, Key) or not key:
            raise ValueError(f"feature {name!r}: session-state keys are non-empty Keys")
        if key in RESERVED_NAMES:
            raise ValueError(f"feature {name!r}: key {key!r} clashes with st.session_state.{key}")
        if key in taken:
            raise ValueError(f"feature {name!r}: key {key!r} already belongs to {taken[key]!r}")
    if len(set(keys)) < len(keys):
        raise ValueError(f"feature {name!r}: a key is declared twice")
    # % if cookiecutter.sign_in == "oidc"
    if saved and (unknown := set(saved.keys) - set(keys)):
        raise ValueError(f"feature {name!r}: saved keys {sorted(unknown)} are not its keys")
    feature = Feature(name, keys, saved=saved, keep_on_reset_all=keep_on_reset_all)
    # % else
    feature = Feature(name, keys, keep_on_reset_all=keep_on_reset_all)
    # % endif
    _FEATURES[name] = feature
    return feature


def features() -> tuple[Feature, ...]:
    return tuple(_FEATURES.values())


def _session(state: Session | None) -> Session:
    # st.session_state behaves as a mutable mapping of names to values; its declared
    # type (a proxy) does not say so.
    return cast(Session, st.session_state) if state is None else state


def values_of(keys: Iterable[str]) -> dict[str, object]:
    """This session's values of ``keys``, for code that treats every key alike (saving
    a feature's keys); a page or a callback reads ``KEY.get()``, typed."""
    session = _session(None)
    return {key: session[key] for key in keys}


def assign(values: Mapping[str, object]) -> None:
    """Write each of ``values`` under its key: ``values_of`` the other way round."""
    _session(None).update(values)


def init_state(state: Session | None = None) -> None:
    """Give every registered key that the session lacks its default; touch no other.

    A key the session has is left alone, so a value the user changed is never
    overwritten. A widget whose value must outlive its page keeps it natively, with
    ``persist_state="session"``: Streamlit then holds the value while the page is closed.
    """
    session = _session(state)
    for feature in _FEATURES.values():
        for key in feature.keys:
            if key not in session:
                session[key] = copy.deepcopy(key.default)


def reset_feature(feature: Feature, state: Session | None = None) -> None:
    """Put one feature's keys, widget keys included, back to their defaults.

    Use it as a callback: widgets read their new values on the run that follows.
    """
    session = _session(state)
    for key in feature.keys:
        session[key] = copy.deepcopy(key.default)


def reset_all(state: Session | None = None) -> None:
    """Reset every feature except those that ask to be kept (the signed-in user)."""
    for feature in _FEATURES.values():
        if not feature.keep_on_reset_all:
            reset_feature(feature, state)
