"""Sentiment page: a model loaded once per process, each user's results kept in session state.

The model runs only in the Analyse button's callback. Every other interaction redraws
what session state already holds: the display controls rerun the results' part of the
page alone; another page or a reset reruns the script.
"""

import html

import streamlit as st

from app.parts import part
from app.sentiment import model
from app.sentiment import state as sentiment
from app.sentiment.callbacks import analyse_text

# Confidence (model.DESCRIPTION) is how deep a score sits inside its label's band; a
# reader gets it as a word, and the number under "Show details".
SLIGHT, STRONG = 1 / 3, 2 / 3


def percent(fraction: float) -> str:
    # Not an f-string format spec: a percent sign before a closing brace reads as the
    # end of a Jinja tag in the template this file is baked from.
    return format(fraction, ".0%")


def reading(result: sentiment.Result) -> str:
    """The result in plain words: "Strongly positive", "Negative", "Slightly negative"."""
    label, confidence = result["label"], result["confidence"]
    if label == model.NEUTRAL or SLIGHT <= confidence < STRONG:
        return label
    return f"{'Strongly' if confidence >= STRONG else 'Slightly'} {label.lower()}"


st.title("Sentiment")
# The model is loaded once per server process and shared by every session (see
# model.py); each user's results live in their own session state.
st.caption("Your results stay in this browser tab until you close or refresh it.")
# No max_chars: Streamlit would cut a longer paste silently; the callback refuses it
# with a message instead.
st.text_area(
    f"Text to analyse (up to {sentiment.MAX_TEXT_LENGTH:,} characters)",
    key=sentiment.TEXT,
    persist_state="session",
    placeholder="A review, a message, a sentence…",
)
st.button("Analyse", key=sentiment.ANALYSE, on_click=analyse_text, type="primary")


# The display settings change only how the results look: a move of the slider or the
# toggle reruns this part alone (app/parts.py). Analyse, outside it, is a full run,
# which draws this part too.
@part(sentiment.PART)
def results_display() -> None:
    if sentiment.ERROR.get():
        st.error(sentiment.ERROR.get())
    size_column, details_column = st.columns(2)
    size_column.slider(
        "Text size",
        min_value=sentiment.MIN_FONT_SIZE,
        max_value=sentiment.MAX_FONT_SIZE,
        step=2,
        key=sentiment.FONT_SIZE,
        persist_state="session",
    )
    details_column.toggle("Show details", key=sentiment.SHOW_DETAILS, persist_state="session")
    results = sentiment.RESULTS.get()
    if not results:
        st.info("Type a text and click Analyse to see its sentiment.")
        return
    latest = results[-1]
    size = sentiment.FONT_SIZE.get()
    # Only the reading and a number go into HTML, the reading escaped in case a
    # swapped-in model's labels hold markup; the user's own text never does.
    st.html(
        f'<p style="font-size: {size}px; margin: 0"><strong>{html.escape(reading(latest))}'
        "</strong></p>"
    )
    st.text(latest["text"])  # what the user typed, shown as text, never as markup
    if sentiment.SHOW_DETAILS.get():
        st.json(latest["scores"])
        st.caption(f"Confidence {percent(latest['confidence'])}. {model.DESCRIPTION}")

    st.subheader(f"Your last {sentiment.HISTORY_LENGTH} results")
    st.dataframe(
        [{"Text": result["text"], "Sentiment": reading(result)} for result in reversed(results)],
        hide_index=True,
    )


results_display()
