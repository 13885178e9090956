"""The wizard's moves, run as button callbacks before the script reruns.

Next and Back take the step the page showed, bound when the button was drawn under
that step's own key (see state.py), so a move acts on what the user saw whatever STEP
holds, even on the second click of a double click.
"""

from __future__ import annotations

import streamlit as st

from .rules import check, first_incomplete_step
from .state import ANSWERS, ERRORS, LABELS, REVIEW, STEP, SUBMISSIONS, SUBMITTED


def go_next(step: int) -> None:
    """Keep the answer on ``step``, trimmed, and move on; or stay, with a message."""
    key = ANSWERS[step - 1]
    value, error = check(key, st.session_state[key])
    # A step is reached only through Next, which replaces every message: at most one
    # exists, for the step on screen (or one the user went Back from).
    st.session_state[ERRORS] = {key: error} if error else {}
    if error:
        return  # what was typed stays in the field, to be fixed
    st.session_state[key] = value  # a callback may write a widget's key: the widget shows it
    st.session_state[STEP] = step + 1


def go_back(step: int) -> None:
    st.session_state[STEP] = max(step - 1, 1)


def submit() -> None:
    """Record the answers once.

    A double click sends Submit twice, the second time from a page not yet redrawn:
    that call finds the answers recorded and does nothing.
    """
    answers = {key: st.session_state[key] for key in ANSWERS}
    if st.session_state[SUBMITTED] or first_incomplete_step(answers) != REVIEW:
        return
    cleaned = {key: check(key, value)[0] for key, value in answers.items()}
    for key, value in cleaned.items():
        st.session_state[key] = value
    st.session_state[SUBMISSIONS] = [
        *st.session_state[SUBMISSIONS],
        {LABELS[key]: value for key, value in cleaned.items()},
    ]
    st.session_state[SUBMITTED] = True
