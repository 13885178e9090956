"""What a complete answer is, and which step may show: pure functions, no Streamlit."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .state import ANSWERS, GOAL, MAX_GOAL_LENGTH, MAX_NAME_LENGTH, NAME, REVIEW, ROLE, ROLES


@dataclass(frozen=True)
class TextRule:
    called: str  # how a message names the answer
    max_length: int
    allowed_controls: str  # control characters the answer may hold


TEXT_RULES: dict[str, TextRule] = {
    NAME: TextRule("your name", MAX_NAME_LENGTH, ""),
    GOAL: TextRule("your goal", MAX_GOAL_LENGTH, "\n\r\t"),  # a text area has lines
}
CHOOSE_A_ROLE = "Choose the role closest to yours."


def check(key: str, value: Any) -> tuple[Any, str]:
    """``(value trimmed, "")`` for a complete answer, or ``(value, why it is refused)``."""
    if key == ROLE:
        return (value, "") if value in ROLES else (value, CHOOSE_A_ROLE)
    rule = TEXT_RULES[key]
    text = value.strip() if isinstance(value, str) else ""
    if _is_blank(text):
        return value, f"Type {rule.called}: it cannot be empty or only spaces."
    if len(text) > rule.max_length:
        return value, (
            f"Shorten {rule.called} to {rule.max_length} characters or fewer (it has {len(text)})."
        )
    if any(unicodedata.category(c) == "Cc" and c not in rule.allowed_controls for c in text):
        return value, f"Remove the control characters (such as escape codes) from {rule.called}."
    return text, ""


def _is_blank(text: str) -> bool:
    # Zero-width and direction marks (category Cf) show nothing on their own.
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def first_incomplete_step(answers: Mapping[str, object]) -> int:
    """The first step whose answer ``check`` refuses; REVIEW when every answer is complete."""
    for step, key in enumerate(ANSWERS, start=1):
        if check(key, answers.get(key))[1]:
            return step
    return REVIEW


def shown_step(requested: object, answers: Mapping[str, object]) -> int:
    """The step to show: the one asked for, but never past the first incomplete one.

    ``requested`` is whatever session state holds; anything but a whole number from
    1 up (a value set by hand) shows the first incomplete step.
    """
    limit = first_incomplete_step(answers)
    if isinstance(requested, bool) or not isinstance(requested, int):
        return limit
    return min(max(requested, 1), limit)
