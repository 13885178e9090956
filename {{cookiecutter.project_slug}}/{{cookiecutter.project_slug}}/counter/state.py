"""The counter's session-state keys and their defaults."""

from __future__ import annotations

from ..state import register

COUNT = "counter.count"
LABEL = "counter.label"  # the "What are you counting?" text input's key
HISTORY = "counter.history"
HISTORY_LENGTH = 5

FEATURE = register("counter", {COUNT: 0, LABEL: "Clicks", HISTORY: []})
