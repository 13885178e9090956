"""The wizard's session-state keys, their defaults, its limits and its button keys.

Each answer lives under its widget's own key. Streamlit drops the value of a widget
that a run does not draw, so the name typed on step 1 would be gone by step 2; each
answer's widget is drawn with persist_state="session", which keeps the answers of the
steps that are not on screen, and of the page while another one is open.
"""

from __future__ import annotations

# % if cookiecutter.sign_in == "oidc"
from app.merge import Merged, Outcome, Saved, State, newer_field_wins

# % endif
from ..state import Feature, Key, register

NAME = Key("wizard.name", "")  # step 1: the text input
ROLE = Key[str | None]("wizard.role", None)  # step 2: the selectbox; None until chosen
GOAL = Key("wizard.goal", "")  # step 3: the text area
STEP = Key("wizard.step", 1)  # the step asked for; the page never passes an incomplete answer
ERRORS = Key[dict[str, str]]("wizard.errors", {})  # {answer key: message}, set by Next
SUBMITTED = Key("wizard.submitted", False)  # True once Submit has recorded the answers
# Every recorded submission, oldest first: {label: answer}.
SUBMISSIONS = Key[list[dict[str, str]]]("wizard.submissions", [])

ANSWERS = (NAME, ROLE, GOAL)  # step n asks for ANSWERS[n - 1]
REVIEW = len(ANSWERS) + 1  # the last step: check the answers, then Submit
LABELS = {NAME: "Name", ROLE: "Role", GOAL: "Goal"}  # on the widgets and in each submission
ROLES = ("Student", "Developer", "Data scientist", "Designer", "Researcher", "Other")
MAX_NAME_LENGTH = 50
MAX_GOAL_LENGTH = 500


def answers() -> dict[str, object]:
    """This session's answers, by key, as they stand (not yet checked)."""
    return {key: key.get() for key in ANSWERS}


# % if cookiecutter.sign_in == "oidc"
SENT_FORM = (*ANSWERS, STEP, SUBMITTED)  # what a submitted form fixes


def merge_drafts(base: State, mine: State, theirs: State) -> Merged:
    """Two tabs' answers meet field by field, the newer change winning (newer_field_wins),
    and both tabs' submissions are kept. A form submitted in one tab is final: its
    answers stay, and what the other tab typed into the draft since is not kept."""
    merged = newer_field_wins(base, mine, theirs)
    senders = [
        (side, other, outcome)
        for side, other, outcome in (
            (theirs, mine, Outcome.OTHER_TAB_WON),
            (mine, theirs, Outcome.THIS_TAB_WON),
        )
        if side[SUBMITTED] and not base[SUBMITTED]
    ]
    if len(senders) != 1:  # neither tab submitted, or both did: field by field
        return merged
    ((sent, other, outcome),) = senders
    state = {**merged.state, **{key: sent[key] for key in SENT_FORM}}
    typed_since = any(other[key] not in (base[key], sent[key]) for key in ANSWERS)
    return Merged(state, outcome if typed_since else Outcome.BOTH_KEPT)


# % endif
FEATURE = register(
    "wizard",
    [NAME, ROLE, GOAL, STEP, ERRORS, SUBMITTED, SUBMISSIONS],
    # % if cookiecutter.sign_in == "oidc"
    # A signed-in user's answers, submitted or not, for their next visit and their other
    # tabs: a submitted form comes back submitted, never as a draft to send again.
    saved=Saved((*ANSWERS, STEP, SUBMITTED, SUBMISSIONS), "Your answers", merge_drafts),
    # % endif
)
# What "Start over" resets: the form, not the list of past submissions. It is not
# registered (FEATURE already holds these keys); reset_feature() takes it as it is.
FORM = Feature("wizard.form", tuple(key for key in FEATURE.keys if key != SUBMISSIONS))

# A key per step for Next and Back. The second click of a double click comes from the
# page as it was drawn, and Streamlit runs whatever callback the latest run bound to
# that key: with one Next key for every step, a double click on step 1 ran step 2's Next
# and could skip a step. With a key per step it runs step 1's Next again, which changes
# nothing, or is dropped.
NEXT = {step: f"wizard.next.{step}" for step in range(1, REVIEW)}  # the review has Submit
BACK = {step: f"wizard.back.{step}" for step in range(2, REVIEW + 1)}  # step 1 has no Back
SUBMIT = "wizard.submit"
START_OVER = "wizard.start_over"
