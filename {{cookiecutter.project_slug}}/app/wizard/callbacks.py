"""The wizard's moves, run as button callbacks before the script reruns.

Next and Back take the step the page showed, bound when the button was drawn under
that step's own key (see state.py), so a move acts on what the user saw whatever STEP
holds, even on the second click of a double click.
"""

from __future__ import annotations

from .rules import check, first_incomplete_step
from .state import ANSWERS, ERRORS, LABELS, REVIEW, STEP, SUBMISSIONS, SUBMITTED, answers


def go_next(step: int) -> None:
    """Keep the answer on ``step``, trimmed, and move on; or stay, with a message."""
    key = ANSWERS[step - 1]
    value, error = check(key, key.get())
    # A step is reached only through Next, which replaces every message: at most one
    # exists, for the step on screen (or one the user went Back from).
    ERRORS.set({key: error} if error else {})
    if error:
        return  # what was typed stays in the field, to be fixed
    key.set(value)  # a callback may write a widget's key: the widget shows it
    STEP.set(step + 1)


def go_back(step: int) -> None:
    STEP.set(max(step - 1, 1))


def submit() -> None:
    """Record the answers once.

    A double click sends Submit twice, the second time from a page not yet redrawn:
    that call finds the answers recorded and does nothing.
    """
    if SUBMITTED.get() or first_incomplete_step(answers()) != REVIEW:
        return
    for key in ANSWERS:
        key.set(check(key, key.get())[0])  # trimmed, as Next keeps them
    SUBMISSIONS.set([*SUBMISSIONS.get(), {LABELS[key]: str(key.get()) for key in ANSWERS}])
    SUBMITTED.set(True)
