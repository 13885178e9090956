"""The counter's session-state keys, their types and defaults, and its button keys."""

from __future__ import annotations

from ..state import Key, register

DEFAULT_LABEL = "Clicks"
MAX_LABEL_LENGTH = 40
HISTORY_LENGTH = 5

COUNT = Key("counter.count", 0)
LABEL = Key("counter.label", DEFAULT_LABEL)  # the "What are you counting?" text input
HISTORY = Key[list[str]]("counter.history", [])  # the last changes: "+1", "+10"

FEATURE = register("counter", [COUNT, LABEL, HISTORY])

# Buttons hold no state worth keeping; their keys are named once for the page and tests.
ADD_ONE = "counter.add_1"
ADD_TEN = "counter.add_10"
RESET = "counter.reset"
PART = "counter"  # the fragment that draws the count, the label and the buttons
