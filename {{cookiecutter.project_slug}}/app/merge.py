"""How two tabs' changes to one saved feature meet: plain Python, no Streamlit.

A signed-in user may have the app open in two tabs. Each tab is a session of its own,
and each saves its features' keys (app/saved.py). When a tab saves a change made on a
copy that another tab has since replaced, the feature's rule decides what is kept. A
rule takes three ``{key: value}`` states, as JSON gives them back: ``base``, what this
tab last saw saved; ``mine``, what it holds now; ``theirs``, what the other tab saved.
It returns the state both tabs go on from, and whose change won where they clashed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

State = Mapping[str, Any]


class Outcome(Enum):
    BOTH_KEPT = "both kept"  # the changes touched different things, or made the same one
    THIS_TAB_WON = "this tab won"  # both changed one thing: this tab's change, the latest, is kept
    OTHER_TAB_WON = "other tab won"  # this tab's change is dropped for the other tab's copy


@dataclass(frozen=True)
class Merged:
    state: dict[str, Any]
    outcome: Outcome = Outcome.BOTH_KEPT


Rule = Callable[[State, State, State], Merged]

_ABSENT = object()  # a key one of the states does not hold


def saved_copy_wins(base: State, mine: State, theirs: State) -> Merged:
    """For a feature that cannot say how changes combine: the copy saved first stays,
    and the tab is told that its own change was not kept."""
    return Merged(dict(theirs), Outcome.OTHER_TAB_WON)


@dataclass(frozen=True)
class Saved:
    """What of a feature a signed-in user keeps between visits, for register(saved=...):
    its keys (their values must be JSON), how the page names them to the user, and the
    rule that meets a change made in a tab that had not seen the latest saved copy."""

    keys: tuple[str, ...]
    what: str  # "Your notes": the start of a sentence on the page
    merge: Rule = saved_copy_wins


def newer_field_wins(base: State, mine: State, theirs: State) -> Merged:
    """Each tab's changes are kept where the other left a value as it was; where both
    changed one value, this tab's change, the later one, is kept. Mappings merge key by
    key, to any depth; lists keep what either tab added and drop what either removed, an
    item both added once."""
    value, clash = _merge(base, mine, theirs)
    return Merged(dict(value), Outcome.THIS_TAB_WON if clash else Outcome.BOTH_KEPT)


def _merge(base: Any, mine: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value, and whether both sides changed one value differently."""
    if mine == theirs or theirs == base:
        return mine, False
    if mine == base:
        return theirs, False
    if isinstance(mine, Mapping) and isinstance(theirs, Mapping):
        return _merge_mappings(base if isinstance(base, Mapping) else {}, mine, theirs)
    if isinstance(mine, list) and isinstance(theirs, list):
        return _merge_lists(base if isinstance(base, list) else [], mine, theirs), False
    return mine, True


def _merge_mappings(base: State, mine: State, theirs: State) -> tuple[dict[str, Any], bool]:
    merged: dict[str, Any] = {}
    clashed = False
    for key in [*theirs, *(key for key in mine if key not in theirs)]:
        value, clash = _merge(
            base.get(key, _ABSENT), mine.get(key, _ABSENT), theirs.get(key, _ABSENT)
        )
        clashed = clashed or clash
        if value is not _ABSENT:
            merged[key] = value
    return merged, clashed


def _without(items: list[Any], removed: list[Any]) -> list[Any]:
    """``items`` less one occurrence of each of ``removed`` that it holds."""
    left = list(items)
    for item in removed:
        if item in left:
            left.remove(item)
    return left


def _merge_lists(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
    removed_here = _without(base, mine)
    added_here = _without(mine, base)
    added_there = _without(theirs, base)
    return _without(theirs, removed_here) + _without(added_here, added_there)
