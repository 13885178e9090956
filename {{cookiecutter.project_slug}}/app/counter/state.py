"""The counter's session-state keys, their defaults, and its button keys."""

from __future__ import annotations

from ..state import register

COUNT = "counter.count"
LABEL = "counter.label"  # the "What are you counting?" text input
HISTORY = "counter.history"

DEFAULT_LABEL = "Clicks"
MAX_LABEL_LENGTH = 40
HISTORY_LENGTH = 5

FEATURE = register("counter", {COUNT: 0, LABEL: DEFAULT_LABEL, HISTORY: []})

# Buttons hold no state worth keeping; their keys are named once for the page and tests.
ADD_ONE = "counter.add_1"
ADD_TEN = "counter.add_10"
RESET = "counter.reset"
