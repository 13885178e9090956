"""Onboarding page: three questions and a review, one step at a time, then Submit.

The answers are the widgets' own registered keys, persisted for the session, so they
outlast the steps that do not draw them (see wizard/state.py). The step shown is worked out on each run and
never passes the first incomplete answer, whatever STEP holds.
"""

import streamlit as st

from app.account import identity
from app.state import reset_feature
from app.text import literal
from app.wizard import state as wizard
from app.wizard.callbacks import go_back, go_next, submit
from app.wizard.rules import check, shown_step

QUESTIONS = {
    wizard.NAME: "What should we call you?",
    wizard.ROLE: "Which role fits you best?",
    wizard.GOAL: "What would you like this app to help you do?",
}


def ask_name() -> None:
    st.text_input(
        wizard.LABELS[wizard.NAME],
        key=wizard.NAME,
        max_chars=wizard.MAX_NAME_LENGTH,
        persist_state="session",
    )


def ask_role() -> None:
    # No index=: the registered default, None, shows the placeholder and counts as no
    # answer, so "required" means something.
    st.selectbox(
        wizard.LABELS[wizard.ROLE],
        wizard.ROLES,
        placeholder="Choose a role",
        key=wizard.ROLE,
        persist_state="session",
    )


def ask_goal() -> None:
    st.text_area(
        wizard.LABELS[wizard.GOAL],
        key=wizard.GOAL,
        max_chars=wizard.MAX_GOAL_LENGTH,
        persist_state="session",
    )


ASK = {wizard.NAME: ask_name, wizard.ROLE: ask_role, wizard.GOAL: ask_goal}


def render_question(step: int, pulled_back: bool) -> None:
    key = wizard.ANSWERS[step - 1]
    st.subheader(QUESTIONS[key])
    ASK[key]()
    error = wizard.ERRORS.get().get(key)
    if not error and pulled_back:  # say why this step, not the one STEP asked for
        error = check(key, key.get())[1]
    if error:
        st.error(error)
    back, forward = st.columns(2)
    if step > 1:
        back.button("Back", key=wizard.BACK[step], on_click=go_back, args=(step,), width="stretch")
    forward.button(
        "Next",
        key=wizard.NEXT[step],
        on_click=go_next,
        args=(step,),
        type="primary",
        width="stretch",
    )


def render_answers() -> None:
    # st.text shows what the user typed as it is: no Markdown, line breaks kept.
    for key in wizard.ANSWERS:
        st.text(f"{wizard.LABELS[key]}: {check(key, key.get())[0]}")


def render_review(step: int) -> None:
    st.subheader("Check your answers")
    render_answers()
    back, forward = st.columns(2)
    back.button("Back", key=wizard.BACK[step], on_click=go_back, args=(step,), width="stretch")
    forward.button("Submit", key=wizard.SUBMIT, on_click=submit, type="primary", width="stretch")


def render_thanks() -> None:
    st.success(f"Thank you, {literal(wizard.NAME.get())}: your answers are recorded.")
    render_answers()
    st.button("Start over", key=wizard.START_OVER, on_click=reset_feature, args=(wizard.FORM,))


def render_submissions() -> None:
    if submissions := wizard.SUBMISSIONS.get():
        st.subheader("Your submissions")
        st.dataframe(submissions, hide_index=True)  # a grid: cells are never Markdown


st.title("Onboarding")
if identity.subject() is not None:
    st.caption("Your unfinished answers are kept for your next visit.")
else:
    st.caption("Your answers are kept while this tab stays open; a refresh starts over.")
if wizard.SUBMITTED.get():
    render_thanks()
else:
    requested = wizard.STEP.get()
    step = shown_step(requested, wizard.answers())
    st.progress(step / wizard.REVIEW, text=f"Step {step} of {wizard.REVIEW}")
    if step == wizard.REVIEW:
        render_review(step)
    else:
        render_question(step, pulled_back=step != requested)
render_submissions()
