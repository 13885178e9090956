"""Parts of a page that rerun alone: Streamlit's fragments, with the app's rules.

A click on a widget drawn inside an ``@st.fragment`` reruns that function only, not the
whole script; so does ``st.rerun(key)`` from any callback. ``part(key)`` makes such a
fragment of a function that draws the part of a page an interaction changes (a count
and its buttons, display settings, the lines of a list), and adds what a full run does
around the page: when the part reruns alone, the sign-in saves what it changed.

The pitfall: what the rest of the page (and the sidebar) shows is not redrawn. An
interaction that changes it belongs outside the part, or its callback calls
``st.rerun()``, which makes that one interaction a full run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from app.account import identity


def part(key: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Decorate a function that draws one part of a page: it runs in every full run,
    and alone for an interaction inside it or an ``st.rerun(key)``."""

    def decorate(draw: Callable[[], None]) -> Callable[[], None]:
        @st.fragment(key=key)
        @functools.wraps(draw)
        def drawn() -> None:
            draw()
            if rerunning_alone():  # in a full run, the page saves after it has run
                identity.save_after_part()

        return drawn

    return decorate


def rerunning_alone() -> bool:
    """Whether this run is a part's own rerun rather than a full run of the script."""
    context = get_script_run_ctx()
    return bool(context and context.fragment_ids_this_run)
