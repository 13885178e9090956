"""A read-only view of st.session_state in the sidebar, for development.

Off unless the environment sets INSPECT_STATE=1. Values under names that suggest a
secret (token, password, api_key, Authorization, ...) are masked at every depth, in
mappings and in (name, value) pairs alike, so a screenshot or a screen share of the
inspector never shows them. Objects JSON cannot show are named by type only: their
repr could hold a secret.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Mapping
from typing import Any

import streamlit as st

ENV_VAR = "INSPECT_STATE"
MASK = "•••• (redacted)"
# Whole words of a key's name (api_key, apiKey, X-Api-Key all give "api", "key"), so
# "monkey_count", "keyboard" or "author" stay visible.
SENSITIVE_WORDS = frozenset(
    {
        "apikey",
        "auth",
        "authorization",
        "bearer",
        "cookie",
        "credential",
        "credentials",
        "jwt",
        "key",
        "passphrase",
        "passwd",
        "password",
        "pwd",
        "secret",
        "secrets",
        "session_id",
        "sessionid",
        "signature",
        "token",
        "tokens",
    }
)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def enabled() -> bool:
    return os.environ.get(ENV_VAR, "").strip().lower() in {"1", "true", "yes", "on"}


def is_sensitive(name: object) -> bool:
    words = [word.lower() for word in _WORD.findall(str(name))]
    pairs = {f"{first}_{second}" for first, second in itertools.pairwise(words)}
    return not SENSITIVE_WORDS.isdisjoint(words) or not SENSITIVE_WORDS.isdisjoint(pairs)


def redact(value: Any) -> Any:
    """A JSON-friendly copy of ``value`` with every sensitive name's value masked."""
    if isinstance(value, Mapping):
        return {
            str(name): MASK if is_sensitive(name) else redact(item)
            for name, item in sorted(value.items(), key=lambda pair: str(pair[0]))
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [_redact_item(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return f"<{type(value).__name__}>"


def _redact_item(item: Any) -> Any:
    # A (name, value) pair, as in a list of HTTP headers, is masked like a mapping entry.
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        return [item[0], MASK if is_sensitive(item[0]) else redact(item[1])]
    return redact(item)


def render_inspector() -> None:
    if not enabled():
        return
    with st.expander("Session state", icon=":material/data_object:"):
        # Drawn by full runs only: a part of the page that reruns alone (app/parts.py)
        # changes state that this view shows at the next full run.
        st.caption("As of the last full run of the page.")
        st.json(redact(st.session_state.to_dict()))
