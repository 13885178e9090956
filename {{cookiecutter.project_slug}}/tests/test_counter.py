"""The home page's counter: buttons change state in callbacks, the title shows it."""


def test_a_new_session_starts_at_zero(user):
    assert user.title == "Clicks: 0"


def test_add_one_adds_one(user):
    user.click("counter.add_1")
    assert user.title == "Clicks: 1"


def test_add_ten_adds_ten(user):
    user.click("counter.add_10")
    assert user.title == "Clicks: 10"


def test_clicks_accumulate_across_reruns(user):
    user.click("counter.add_1").click("counter.add_10").click("counter.add_1")
    assert user.title == "Clicks: 12"
    assert user.state["counter.count"] == 12


def test_reset_brings_the_count_label_and_history_back_to_defaults(user):
    user.type("counter.label", "Cups of tea").click("counter.add_10").click("counter.reset")
    assert user.title == "Clicks: 0"
    assert user.at.text_input(key="counter.label").value == "Clicks"
    assert not user.at.main.caption


def test_reset_twice_in_a_row_stays_at_defaults(user):
    user.click("counter.add_1").click("counter.reset").click("counter.reset")
    assert user.title == "Clicks: 0"


def test_the_typed_label_is_kept_while_the_count_changes(user):
    user.type("counter.label", "Cups of tea").click("counter.add_1").click("counter.add_1")
    assert user.title == "Cups of tea: 2"
    assert user.at.text_input(key="counter.label").value == "Cups of tea"


def test_a_blank_label_falls_back_to_clicks(user):
    user.type("counter.label", "   ").click("counter.add_1")
    assert user.title == "Clicks: 1"


def test_history_lists_only_the_last_five_changes(user):
    for _ in range(6):
        user.click("counter.add_1")
    user.click("counter.add_10")
    assert user.at.main.caption[0].value == "Last changes: +1, +1, +1, +1, +10"
