"""Analysing a text, as the Analyse button's callback, before the script reruns."""

from __future__ import annotations

import logging

import streamlit as st

from . import model
from .state import ERROR, HISTORY_LENGTH, MAX_TEXT_LENGTH, RESULTS, TEXT, Result

logger = logging.getLogger(__name__)

EMPTY_TEXT = "Type some text to analyse."
MODEL_FAILED = "The model could not analyse this text; your last result is kept. Try again."


def too_long(length: int) -> str:
    return (
        f"The text is {length:,} characters long; the limit is {MAX_TEXT_LENGTH:,}. "
        "Shorten it and try again."
    )


def analyse_text() -> None:
    """Show the typed text's sentiment, calling the model only for a text not seen yet.

    On bad input or a model error the last result stays on show and a message says why.
    """
    text = TEXT.get().strip()
    if not text:
        ERROR.set(EMPTY_TEXT)
        return
    if len(text) > MAX_TEXT_LENGTH:
        ERROR.set(too_long(len(text)))
        return
    results = RESULTS.get()
    result = next((earlier for earlier in results if earlier["text"] == text), None)
    if result is None:
        try:
            # model.predict is looked up on each call, so a test can spy on it.
            with st.spinner("Analysing…"):
                prediction = model.predict(text)
        except Exception:
            # The user gets a message; the traceback goes to the server's log.
            logger.exception("the sentiment model failed")
            ERROR.set(MODEL_FAILED)
            return
        result = Result(
            text=text,
            label=prediction.label,
            confidence=prediction.confidence,
            scores=prediction.scores,
        )
    else:
        results.remove(result)  # it moves to the end: the result on show
    results.append(result)
    del results[:-HISTORY_LENGTH]
    ERROR.set("")
