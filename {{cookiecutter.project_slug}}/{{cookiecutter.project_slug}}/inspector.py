"""A read-only view of st.session_state in the sidebar, for development.

Off unless the environment sets INSPECT_STATE=1. Values under keys whose names
suggest a secret (token, password, key, ...) are masked at every depth, so a
screenshot or a screen share of the inspector never shows them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st

ENV_VAR = "INSPECT_STATE"
SENSITIVE_WORDS = ("token", "secret", "password", "passwd", "key", "auth", "credential", "cookie")
MASK = "•••• (redacted)"


def enabled() -> bool:
    return os.environ.get(ENV_VAR, "").strip().lower() in {"1", "true", "yes", "on"}


def is_sensitive(name: object) -> bool:
    lowered = str(name).lower()
    return any(word in lowered for word in SENSITIVE_WORDS)


def redact(value: Any) -> Any:
    """A JSON-friendly copy of ``value`` with every sensitive key's value masked."""
    if isinstance(value, Mapping):
        return {
            str(name): MASK if is_sensitive(name) else redact(item)
            for name, item in sorted(value.items(), key=lambda pair: str(pair[0]))
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [redact(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


def render_inspector() -> None:
    if not enabled():
        return
    with st.expander("Session state", icon=":material/data_object:"):
        st.json(redact(st.session_state.to_dict()))
