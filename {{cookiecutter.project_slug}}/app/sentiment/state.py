"""The sentiment page's session-state keys, their defaults, and its button key.

Results live here, per session; the model itself does not (see model.py): it is
loaded once per server process and shared, so resetting or logging out drops a
user's results and leaves the model loaded.
"""

from __future__ import annotations

from typing import TypedDict

from ..state import Key, register

MAX_TEXT_LENGTH = 1000  # characters; a longer text is refused, never cut
HISTORY_LENGTH = 5
MIN_FONT_SIZE, DEFAULT_FONT_SIZE, MAX_FONT_SIZE = 14, 24, 48


class Result(TypedDict):
    """One analysis, as plain data the inspector can show."""

    text: str
    label: str
    confidence: float
    scores: dict[str, float]


TEXT = Key("sentiment.text", "")  # the text area
# This session's analyses, oldest first, at most HISTORY_LENGTH of them; the last one
# is the result on show.
RESULTS = Key[list[Result]]("sentiment.results", [])
ERROR = Key("sentiment.error", "")  # why the last click did not produce a new result, or ""
FONT_SIZE = Key("sentiment.font_size", DEFAULT_FONT_SIZE)  # display only: in pixels
SHOW_DETAILS = Key("sentiment.show_details", False)  # display only: the model's raw scores

FEATURE = register("sentiment", [TEXT, RESULTS, ERROR, FONT_SIZE, SHOW_DETAILS])

# Buttons hold no state worth keeping; their keys are named once for the page and tests.
ANALYSE = "sentiment.analyse"
PART = "sentiment.results"  # the fragment that draws the results and their display settings
