"""The home page's counter: buttons change state in callbacks, the title shows it."""

from app.counter.state import (
    ADD_ONE,
    ADD_TEN,
    COUNT,
    HISTORY,
    LABEL,
    RESET,
)
from app.pages import ACCOUNT, HOME


def test_a_new_session_starts_at_zero(user):
    assert user.count == "Clicks: 0"


def test_add_one_adds_one(user):
    user.click(ADD_ONE)
    assert user.count == "Clicks: 1"


def test_add_ten_adds_ten(user):
    user.click(ADD_TEN)
    assert user.count == "Clicks: 10"


def test_clicks_accumulate_across_reruns(user):
    user.click(ADD_ONE).click(ADD_TEN).click(ADD_ONE)
    assert user.count == "Clicks: 12"
    assert user.state[COUNT] == 12


def test_reset_brings_the_count_label_and_history_back_to_defaults(user):
    user.type(LABEL, "Cups of tea").click(ADD_TEN).click(RESET)
    assert user.count == "Clicks: 0"
    assert user.at.text_input(key=LABEL).value == "Clicks"
    assert user.state[HISTORY] == []
    assert not user.at.main.caption


def test_reset_twice_in_a_row_stays_at_defaults(user):
    user.click(ADD_ONE).click(RESET).click(RESET)
    assert user.count == "Clicks: 0"


def test_the_typed_label_is_kept_while_the_count_changes(user):
    user.type(LABEL, "Cups of tea").click(ADD_ONE).click(ADD_ONE)
    assert user.count == "Cups of tea: 2"
    assert user.at.text_input(key=LABEL).value == "Cups of tea"


def test_the_typed_label_survives_a_visit_to_another_page(user):
    user.type(LABEL, "Laps").click(ADD_ONE).open(ACCOUNT.path).open(HOME.path)
    assert user.count == "Laps: 1"
    assert user.at.text_input(key=LABEL).value == "Laps"


def test_a_blank_label_falls_back_to_clicks(user):
    user.type(LABEL, "   ").click(ADD_ONE)
    assert user.count == "Clicks: 1"


def test_a_label_is_shown_as_typed_not_as_markdown(user):
    user.type(LABEL, "[laps](https://example.com) *fast*")
    assert user.count == r"\[laps\]\(https\:\/\/example\.com\) \*fast\*: 0"


def test_history_lists_only_the_last_five_changes(user):
    for _ in range(6):
        user.click(ADD_ONE)
    user.click(ADD_TEN)
    assert user.at.main.caption[0].value == "Last changes: +1, +1, +1, +1, +10"
