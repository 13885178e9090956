"""The sentiment model behind one small interface: ``predict(text) -> Prediction``.

This module is the only place that knows which model runs. To use your own, change
``load_model`` (build it: it runs once per server process) and ``predict`` (turn its
output into a ``Prediction``), and say what your labels and confidence mean in
``DESCRIPTION``; the page, its callbacks and its tests stay as they are.

The model here is VADER (the ``vaderSentiment`` package), a rule-based analyser whose
lexicon ships inside the package: nothing is downloaded when the app runs. VADER
scores a text with a ``compound`` value in [-1, 1] and with the proportions of the
text that read as positive, neutral and negative (``pos``, ``neu``, ``neg``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

POSITIVE, NEUTRAL, NEGATIVE = "Positive", "Neutral", "Negative"
# VADER's authors' thresholds on the compound score.
THRESHOLD = 0.05

DESCRIPTION = (
    "VADER, a rule-based model; its word list ships with the package, so it runs offline. "
    f"Label: a compound score of {THRESHOLD} or more is positive, -{THRESHOLD} or less "
    "negative, anything between neutral. Confidence: how deep the compound score sits "
    "inside its label's band, from 0% at the band's edge to 100% at its far end (1 for "
    "positive, -1 for negative, 0 for neutral): a strength, not a probability."
)


@dataclass(frozen=True)
class Prediction:
    label: str  # POSITIVE, NEUTRAL or NEGATIVE
    confidence: float  # 0.0 to 1.0, as DESCRIPTION defines it
    scores: dict[str, float] = field(default_factory=dict)  # the model's own numbers


@st.cache_resource(show_spinner="Loading the sentiment model…")
def load_model() -> SentimentIntensityAnalyzer:
    """Build the model, once per server process; every session shares this object.

    Shared means it must not hold per-user state, and must be safe to call from two
    sessions at once (VADER keeps nothing between calls). An exception is not cached:
    the next call tries again.
    """
    return SentimentIntensityAnalyzer()


def predict(text: str) -> Prediction:
    scores = load_model().polarity_scores(text)
    compound = scores["compound"]
    if compound >= THRESHOLD:
        label, depth = POSITIVE, (compound - THRESHOLD) / (1 - THRESHOLD)
    elif compound <= -THRESHOLD:
        label, depth = NEGATIVE, (-compound - THRESHOLD) / (1 - THRESHOLD)
    else:
        label, depth = NEUTRAL, 1 - abs(compound) / THRESHOLD
    return Prediction(label, depth, dict(scores))
