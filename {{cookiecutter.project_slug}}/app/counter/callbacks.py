"""The counter's state changes. Each runs as a widget callback, before the script reruns."""

from __future__ import annotations

from .state import COUNT, HISTORY, HISTORY_LENGTH


def add_to_count(amount: int) -> None:
    COUNT.set(COUNT.get() + amount)
    HISTORY.set([*HISTORY.get(), f"+{amount}"][-HISTORY_LENGTH:])
