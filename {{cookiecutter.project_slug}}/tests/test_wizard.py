"""The onboarding wizard: answers kept both ways, checked on Next, no skipping ahead,
one submission per Submit, and resets that clear exactly what they say."""

import pytest

from app.counter.state import ADD_ONE, COUNT, LABEL
from app.pages import ACCOUNT, HOME, page_named
from app.session import LOG_OUT, RESET_ALL, RESET_PAGE
from app.wizard import callbacks
from app.wizard import state as wizard
from app.wizard.rules import check, shown_step

WIZARD = page_named("wizard")
A_NAME, A_ROLE, A_GOAL = "Ada", "Developer", "Build a dashboard for the lab"
THANKS = "Thank you, {}: your answers are recorded."


@pytest.fixture
def on_wizard(user):
    return user.open(WIZARD.path)


@pytest.fixture
def submit_calls(monkeypatch):
    """Counts calls of the Submit callback; the page imports it afresh on every run."""
    calls = []
    original = callbacks.submit

    def counted_submit():
        calls.append(True)
        original()

    monkeypatch.setattr(callbacks, "submit", counted_submit)
    return calls


def step_shown(user) -> str:
    (progress,) = user.at.get("progress")
    return progress.proto.text


def message_shown(user) -> str:
    (error,) = user.at.main.error
    return error.value


def buttons_shown(user) -> list[str]:
    return [button.key for button in user.at.main.button]


def answer_name(user, name=A_NAME):
    return user.type(wizard.NAME, name).click(wizard.NEXT[1])


def answer_role(user, role=A_ROLE):
    return user.set("selectbox", wizard.ROLE, role).click(wizard.NEXT[2])


def answer_goal(user, goal=A_GOAL):
    return user.set("text_area", wizard.GOAL, goal).click(wizard.NEXT[3])


def reach_review(user, name=A_NAME, role=A_ROLE, goal=A_GOAL):
    return answer_goal(answer_role(answer_name(user, name), role), goal)


def back_to_step_one(user):
    for step in range(wizard.REVIEW, 1, -1):
        user.click(wizard.BACK[step])
    return user


def submit(user, name=A_NAME, role=A_ROLE, goal=A_GOAL):
    return reach_review(user, name, role, goal).click(wizard.SUBMIT)


def submissions_shown(user) -> list[dict]:
    if not user.at.main.dataframe:
        return []
    return user.at.main.dataframe[0].value.to_dict("records")


def hand_set_step(user, step):
    """Write STEP the way code or a curious developer could, then show the page again."""
    user.state[wizard.STEP] = step
    return user.open(WIZARD.path)


# Opening the page


def test_the_page_opens_on_step_one_of_four_with_an_empty_name(on_wizard):
    assert on_wizard.title == "Onboarding"
    assert step_shown(on_wizard) == "Step 1 of 4"
    assert on_wizard.at.text_input(key=wizard.NAME).value == ""


def test_step_one_offers_next_and_no_back(on_wizard):
    assert buttons_shown(on_wizard) == [wizard.NEXT[1]]


def test_the_role_starts_unchosen(on_wizard):
    answer_name(on_wizard)
    assert on_wizard.at.selectbox(key=wizard.ROLE).value is None


# Forward and back keep every answer


def test_next_with_a_name_moves_to_step_two(on_wizard):
    answer_name(on_wizard)
    assert step_shown(on_wizard) == "Step 2 of 4"


def test_back_keeps_the_name_typed_on_step_one(on_wizard):
    answer_name(on_wizard).click(wizard.BACK[2])
    assert step_shown(on_wizard) == "Step 1 of 4"
    assert on_wizard.at.text_input(key=wizard.NAME).value == A_NAME


def test_every_answer_is_as_last_typed_after_two_steps_forward_and_back(on_wizard):
    user = back_to_step_one(reach_review(on_wizard))
    user.type(wizard.NAME, "Grace").click(wizard.NEXT[1]).click(wizard.NEXT[2])
    assert user.at.text_area(key=wizard.GOAL).value == A_GOAL
    user.click(wizard.BACK[3])
    assert user.at.selectbox(key=wizard.ROLE).value == A_ROLE
    user.click(wizard.BACK[2])
    assert user.at.text_input(key=wizard.NAME).value == "Grace"


def test_the_review_step_shows_every_answer(on_wizard):
    reach_review(on_wizard)
    assert step_shown(on_wizard) == "Step 4 of 4"
    assert [text.value for text in on_wizard.at.main.text] == [
        f"Name: {A_NAME}",
        f"Role: {A_ROLE}",
        f"Goal: {A_GOAL}",
    ]
    assert buttons_shown(on_wizard) == [wizard.BACK[wizard.REVIEW], wizard.SUBMIT]


def test_answers_survive_a_visit_to_another_page(on_wizard):
    user = answer_name(on_wizard).set("selectbox", wizard.ROLE, A_ROLE)
    user.open(HOME.path).open(WIZARD.path)
    assert step_shown(user) == "Step 2 of 4"
    assert user.at.selectbox(key=wizard.ROLE).value == A_ROLE
    user.click(wizard.BACK[2])
    assert user.at.text_input(key=wizard.NAME).value == A_NAME


# A double click moves one step


def test_a_double_click_on_next_on_step_one_shows_step_two_though_it_is_answered(on_wizard):
    back_to_step_one(reach_review(on_wizard)).double_click(wizard.NEXT[1])
    assert step_shown(on_wizard) == "Step 2 of 4"


def test_a_double_click_on_back_on_the_review_shows_step_three(on_wizard):
    reach_review(on_wizard).double_click(wizard.BACK[wizard.REVIEW])
    assert step_shown(on_wizard) == "Step 3 of 4"


# Validation on Next


@pytest.mark.parametrize(
    "blank",
    [
        pytest.param("", id="empty"),
        pytest.param("    ", id="spaces"),
        pytest.param("\u3000\u00a0", id="ideographic-and-no-break-spaces"),
        pytest.param(" \u200b ", id="zero-width-space"),
    ],
)
def test_a_blank_name_keeps_the_user_on_step_one_with_a_message(on_wizard, blank):
    on_wizard.set("text_input", wizard.NAME, blank).click(wizard.NEXT[1])
    assert step_shown(on_wizard) == "Step 1 of 4"
    assert message_shown(on_wizard) == "Type your name: it cannot be empty or only spaces."


def test_a_refused_name_stays_in_the_field_as_typed(on_wizard):
    on_wizard.type(wizard.NAME, "   ").click(wizard.NEXT[1])
    assert on_wizard.at.text_input(key=wizard.NAME).value == "   "


def test_the_name_field_stops_typing_at_the_maximum_length(on_wizard):
    assert on_wizard.at.text_input(key=wizard.NAME).max_chars == wizard.MAX_NAME_LENGTH


def test_a_name_over_the_maximum_length_is_refused_with_a_message(on_wizard):
    # max_chars binds the browser only: code can put anything under the widget's key.
    reach_review(on_wizard).state[wizard.NAME] = "a" * (wizard.MAX_NAME_LENGTH + 1)
    on_wizard.click(wizard.SUBMIT)
    assert on_wizard.state[wizard.SUBMISSIONS] == []
    assert step_shown(on_wizard) == "Step 1 of 4"
    assert message_shown(on_wizard) == (
        f"Shorten your name to {wizard.MAX_NAME_LENGTH} characters or fewer"
        f" (it has {wizard.MAX_NAME_LENGTH + 1})."
    )


def test_next_refuses_a_name_over_the_maximum_length():
    # The field's max_chars stops the browser first (Streamlit 1.67 also cuts what
    # the browser sends): this is the rule Next applies to whatever reaches it.
    message = check(wizard.NAME, "a" * (wizard.MAX_NAME_LENGTH + 1))[1]
    assert message == "Shorten your name to 50 characters or fewer (it has 51)."


def test_a_name_of_exactly_the_maximum_length_is_accepted(on_wizard):
    answer_name(on_wizard, "a" * wizard.MAX_NAME_LENGTH)
    assert step_shown(on_wizard) == "Step 2 of 4"


def test_a_name_with_a_control_character_is_refused_with_a_message(on_wizard):
    on_wizard.set("text_input", wizard.NAME, "Ada\x1b[31m").click(wizard.NEXT[1])
    assert step_shown(on_wizard) == "Step 1 of 4"
    assert message_shown(on_wizard) == (
        "Remove the control characters (such as escape codes) from your name."
    )


def test_no_role_keeps_the_user_on_step_two_with_a_message(on_wizard):
    answer_name(on_wizard).click(wizard.NEXT[2])
    assert step_shown(on_wizard) == "Step 2 of 4"
    assert message_shown(on_wizard) == "Choose the role closest to yours."


def test_a_role_that_is_not_offered_is_refused():
    assert check(wizard.ROLE, "Pirate") == ("Pirate", "Choose the role closest to yours.")


def test_a_blank_goal_keeps_the_user_on_step_three_with_a_message(on_wizard):
    answer_goal(answer_role(answer_name(on_wizard)), " \n\n ")
    assert step_shown(on_wizard) == "Step 3 of 4"
    assert message_shown(on_wizard) == "Type your goal: it cannot be empty or only spaces."


def test_a_goal_over_the_maximum_length_is_refused_with_a_message(on_wizard):
    reach_review(on_wizard).state[wizard.GOAL] = "x" * (wizard.MAX_GOAL_LENGTH + 1)
    on_wizard.click(wizard.SUBMIT)
    assert on_wizard.state[wizard.SUBMISSIONS] == []
    assert step_shown(on_wizard) == "Step 3 of 4"
    assert message_shown(on_wizard).startswith(
        f"Shorten your goal to {wizard.MAX_GOAL_LENGTH} characters or fewer"
    )


def test_the_goal_field_stops_typing_at_the_maximum_length(on_wizard):
    answer_role(answer_name(on_wizard))
    assert on_wizard.at.text_area(key=wizard.GOAL).max_chars == wizard.MAX_GOAL_LENGTH


def test_a_goal_may_span_several_lines(on_wizard):
    answer_goal(answer_role(answer_name(on_wizard)), "Learn Streamlit\n\tthen ship")
    assert on_wizard.at.main.text[2].value == "Goal: Learn Streamlit\n\tthen ship"


def test_the_message_goes_once_the_answer_is_fixed(on_wizard):
    on_wizard.click(wizard.NEXT[1])
    assert on_wizard.at.main.error
    answer_name(on_wizard)
    assert step_shown(on_wizard) == "Step 2 of 4"
    assert not on_wizard.at.main.error


def test_a_message_stays_with_its_step(on_wizard):
    answer_name(on_wizard).click(wizard.NEXT[2]).click(wizard.BACK[2])
    assert not on_wizard.at.main.error


# Trimming and any script


def test_next_trims_spaces_around_the_name(on_wizard):
    answer_name(on_wizard, "   Ada Lovelace \u3000").click(wizard.BACK[2])
    assert on_wizard.at.text_input(key=wizard.NAME).value == "Ada Lovelace"
    assert on_wizard.state[wizard.NAME] == "Ada Lovelace"


def test_next_trims_blank_lines_around_the_goal(on_wizard):
    answer_goal(answer_role(answer_name(on_wizard)), "\n  Ship it\nsoon  \n\n")
    assert on_wizard.state[wizard.GOAL] == "Ship it\nsoon"


def test_the_length_limit_counts_the_trimmed_name(on_wizard):
    # Set by hand: Streamlit itself cuts what a field sends at max_chars.
    reach_review(on_wizard).state[wizard.NAME] = "  " + "a" * wizard.MAX_NAME_LENGTH + "  "
    on_wizard.click(wizard.SUBMIT)
    assert [row["Name"] for row in on_wizard.state[wizard.SUBMISSIONS]] == [
        "a" * wizard.MAX_NAME_LENGTH
    ]


def test_submit_records_the_answers_trimmed(on_wizard):
    reach_review(on_wizard).state[wizard.GOAL] = f"\n  {A_GOAL}  \n"
    on_wizard.click(wizard.SUBMIT)
    assert on_wizard.state[wizard.SUBMISSIONS][0]["Goal"] == A_GOAL
    assert on_wizard.at.main.text[2].value == f"Goal: {A_GOAL}"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Zoë 🎈", id="emoji-and-accent"),
        pytest.param("李小龍", id="chinese"),
        pytest.param("مريم الحسن", id="arabic-right-to-left"),
        pytest.param("👩🏽‍💻 Ада", id="joined-emoji-and-cyrillic"),
    ],
)
def test_emoji_and_non_latin_answers_are_kept_exactly(on_wizard, name):
    submit(on_wizard, name=name, goal=f"{name}: 学习 Streamlit 🚀")
    assert on_wizard.at.main.text[0].value == f"Name: {name}"
    assert on_wizard.state[wizard.SUBMISSIONS] == [
        {"Name": name, "Role": A_ROLE, "Goal": f"{name}: 学习 Streamlit 🚀"}
    ]


def test_the_thanks_show_a_name_as_typed_not_as_markdown(on_wizard):
    submit(on_wizard, name="**Ada** [me](https://example.com)")
    assert on_wizard.at.success[0].value == THANKS.format(
        r"\*\*Ada\*\* \[me\]\(https\:\/\/example\.com\)"
    )


# No running ahead of the data


def test_a_step_set_by_hand_past_an_empty_name_shows_step_one(on_wizard):
    hand_set_step(on_wizard, wizard.REVIEW)
    assert step_shown(on_wizard) == "Step 1 of 4"
    assert message_shown(on_wizard) == "Type your name: it cannot be empty or only spaces."
    assert wizard.SUBMIT not in buttons_shown(on_wizard)


def test_a_step_set_by_hand_past_a_missing_role_shows_step_two(on_wizard):
    hand_set_step(answer_name(on_wizard), wizard.REVIEW)
    assert step_shown(on_wizard) == "Step 2 of 4"
    assert message_shown(on_wizard) == "Choose the role closest to yours."


def test_a_step_set_by_hand_within_the_answered_steps_is_shown(on_wizard):
    hand_set_step(reach_review(on_wizard), 2)
    assert step_shown(on_wizard) == "Step 2 of 4"
    assert on_wizard.at.selectbox(key=wizard.ROLE).value == A_ROLE


@pytest.mark.parametrize(
    ("step", "shown"),
    [
        pytest.param(0, "Step 1 of 4", id="zero"),
        pytest.param(-3, "Step 1 of 4", id="negative"),
        pytest.param(99, "Step 2 of 4", id="past-the-end"),
        pytest.param("4", "Step 2 of 4", id="text"),
        pytest.param(None, "Step 2 of 4", id="none"),
        pytest.param(2.5, "Step 2 of 4", id="fraction"),
        pytest.param(True, "Step 2 of 4", id="bool"),
    ],
)
def test_a_step_set_by_hand_to_no_step_number_shows_a_real_step(on_wizard, step, shown):
    hand_set_step(answer_name(on_wizard), step)
    assert step_shown(on_wizard) == shown


COMPLETE = {wizard.NAME: A_NAME, wizard.ROLE: A_ROLE, wizard.GOAL: A_GOAL}


@pytest.mark.parametrize(
    ("requested", "answers", "shown"),
    [
        pytest.param(4, {}, 1, id="nothing-answered"),
        pytest.param(4, {wizard.NAME: A_NAME}, 2, id="no-role"),
        pytest.param(4, {wizard.NAME: A_NAME, wizard.ROLE: A_ROLE}, 3, id="no-goal"),
        pytest.param(3, {**COMPLETE, wizard.NAME: " "}, 1, id="blank-name"),
        pytest.param(2, COMPLETE, 2, id="back-from-review"),
        pytest.param(4, COMPLETE, 4, id="review"),
        pytest.param(0, {wizard.NAME: A_NAME}, 1, id="below-one"),
        pytest.param("2", {wizard.NAME: A_NAME}, 2, id="text-goes-to-first-incomplete"),
    ],
)
def test_shown_step_never_passes_the_first_incomplete_answer(requested, answers, shown):
    assert shown_step(requested, answers) == shown


def test_submit_records_nothing_once_an_answer_is_emptied_by_hand(on_wizard):
    reach_review(on_wizard).state[wizard.NAME] = ""
    on_wizard.click(wizard.SUBMIT)
    assert on_wizard.state[wizard.SUBMISSIONS] == []
    assert step_shown(on_wizard) == "Step 1 of 4"


# Submit


def test_submit_thanks_the_user_and_shows_the_answers_back(on_wizard):
    submit(on_wizard)
    assert on_wizard.at.success[0].value == THANKS.format(A_NAME)
    assert [text.value for text in on_wizard.at.main.text] == [
        f"Name: {A_NAME}",
        f"Role: {A_ROLE}",
        f"Goal: {A_GOAL}",
    ]
    assert buttons_shown(on_wizard) == [wizard.START_OVER]


def test_submit_lists_the_answers_under_your_submissions(on_wizard):
    submit(on_wizard)
    record = {"Name": A_NAME, "Role": A_ROLE, "Goal": A_GOAL}
    assert on_wizard.state[wizard.SUBMISSIONS] == [record]
    assert submissions_shown(on_wizard) == [record]


def test_a_double_click_on_submit_records_one_submission(on_wizard, submit_calls):
    reach_review(on_wizard).double_click(wizard.SUBMIT)
    assert len(submit_calls) == 2  # both clicks reached the callback
    assert len(on_wizard.state[wizard.SUBMISSIONS]) == 1
    assert len(submissions_shown(on_wizard)) == 1
    assert on_wizard.at.success[0].value == THANKS.format(A_NAME)


def test_a_second_pass_adds_a_second_submission(on_wizard):
    submit(on_wizard).click(wizard.START_OVER)
    submit(on_wizard, name="Grace", role="Researcher")
    assert [row["Name"] for row in submissions_shown(on_wizard)] == [A_NAME, "Grace"]


# Start over


def test_start_over_shows_step_one_with_an_empty_name(on_wizard):
    submit(on_wizard).click(wizard.START_OVER)
    assert step_shown(on_wizard) == "Step 1 of 4"
    assert on_wizard.at.text_input(key=wizard.NAME).value == ""


def test_start_over_empties_every_answer(on_wizard):
    submit(on_wizard).click(wizard.START_OVER)
    assert on_wizard.state[wizard.NAME] == ""
    assert on_wizard.state[wizard.ROLE] is None
    assert on_wizard.state[wizard.GOAL] == ""
    hand_set_step(on_wizard, wizard.REVIEW)
    assert step_shown(on_wizard) == "Step 1 of 4"


def test_start_over_keeps_your_submissions(on_wizard):
    submit(on_wizard).click(wizard.START_OVER)
    assert submissions_shown(on_wizard) == [{"Name": A_NAME, "Role": A_ROLE, "Goal": A_GOAL}]


def test_start_over_leaves_other_pages_alone(user):
    user.type(LABEL, "Laps").click(ADD_ONE).open(WIZARD.path)
    submit(user).click(wizard.START_OVER).open(HOME.path)
    assert user.count == "Laps: 1"


# The sidebar's reset and log-out flow


def test_reset_this_page_clears_the_wizard_and_keeps_the_count(user):
    user.click(ADD_ONE).open(WIZARD.path)
    submit(user).click(wizard.START_OVER)
    answer_name(user).click(RESET_PAGE)
    assert step_shown(user) == "Step 1 of 4"
    assert user.at.text_input(key=wizard.NAME).value == ""
    assert submissions_shown(user) == []
    assert user.state[COUNT] == 1


def test_reset_everything_clears_the_wizard_and_keeps_the_user_signed_in(user):
    user.open(ACCOUNT.path).sign_in("Ada").open(WIZARD.path)
    submit(user).click(RESET_ALL)
    assert step_shown(user) == "Step 1 of 4"
    assert user.at.text_input(key=wizard.NAME).value == ""
    assert submissions_shown(user) == []
    assert user.at.sidebar.caption[0].value == "Signed in as Ada"


def test_log_out_clears_the_wizard(on_wizard):
    on_wizard.open(ACCOUNT.path).sign_in("Ada").open(WIZARD.path)
    submit(on_wizard).click(LOG_OUT).open(WIZARD.path)
    assert step_shown(on_wizard) == "Step 1 of 4"
    assert on_wizard.at.text_input(key=wizard.NAME).value == ""
    assert submissions_shown(on_wizard) == []


# % if cookiecutter.sign_in == "oidc"
# A signed-in user's unsubmitted answers follow them to their next session (app/saved.py).


def test_a_new_session_of_the_same_user_finds_their_unsubmitted_answers(new_user):
    first = new_user().sign_in("Ada").open(WIZARD.path)
    first.type(wizard.NAME, "Ada Lovelace").click(wizard.NEXT[1])
    first.set("selectbox", wizard.ROLE, "Researcher")
    later = new_user().sign_in("Ada").open(WIZARD.path)
    assert later.state[wizard.NAME] == "Ada Lovelace"
    assert later.at.selectbox(key=wizard.ROLE).value == "Researcher"
    (progress,) = later.at.get("progress")
    assert progress.proto.text == "Step 2 of 4"
    other = new_user().sign_in("Bo").open(WIZARD.path)
    assert other.at.text_input(key=wizard.NAME).value == ""


def test_a_submitted_form_comes_back_submitted_not_as_a_draft(new_user, submit_calls):
    submit(new_user().sign_in("Ada").open(WIZARD.path))
    later = new_user().sign_in("Ada").open(WIZARD.path)
    assert later.state[wizard.SUBMITTED] is True
    assert wizard.SUBMIT not in buttons_shown(later)
    assert len(submissions_shown(later)) == 1
    assert len(submit_calls) == 1


# Two tabs of one signed-in user: their answers meet field by field.


@pytest.fixture
def two_tabs(new_user):
    """Two tabs of Ada's on the Onboarding page, both open before either answers."""
    return [new_user().sign_in("Ada").open(WIZARD.path) for _ in range(2)]


def notices(user) -> list[str]:
    return [notice.value for notice in user.at.main.info]


def test_answers_changed_in_two_tabs_keep_each_tabs_newer_field(two_tabs, new_user):
    first, second = two_tabs
    answer_role(answer_name(first))  # step 3
    second.open(WIZARD.path)
    first.set("text_area", wizard.GOAL, A_GOAL)
    second.click(wizard.BACK[3])  # drawn before the goal was typed
    assert (second.state[wizard.GOAL], step_shown(second)) == (A_GOAL, "Step 2 of 4")
    assert notices(second) == []
    third = new_user().sign_in("Ada").open(WIZARD.path)
    assert (third.state[wizard.GOAL], step_shown(third)) == (A_GOAL, "Step 2 of 4")


def test_one_answer_changed_in_two_tabs_keeps_the_later_and_says_so(two_tabs):
    first, second = two_tabs
    first.type(wizard.NAME, "Ada L.")
    second.type(wizard.NAME, "Ada Lovelace")
    assert second.at.text_input(key=wizard.NAME).value == "Ada Lovelace"
    (notice,) = notices(second)
    assert notice.startswith("Your answers also changed in another tab")
    assert first.open(WIZARD.path).at.text_input(key=wizard.NAME).value == "Ada Lovelace"


def test_a_form_submitted_in_one_tab_stays_submitted_in_the_other(two_tabs, new_user):
    first, second = two_tabs
    reach_review(first)
    second.open(WIZARD.path).click(wizard.BACK[4])  # on step 3, the goal on screen
    first.click(wizard.SUBMIT)  # drawn on the review before the second tab went back
    second.set("text_area", wizard.GOAL, "Something else")  # drawn before the submit
    assert second.state[wizard.GOAL] == A_GOAL
    assert second.state[wizard.SUBMITTED] is True
    assert wizard.START_OVER in buttons_shown(second)
    (notice,) = notices(second)
    assert notice.startswith("Your answers changed in another tab first")
    assert len(submissions_shown(new_user().sign_in("Ada").open(WIZARD.path))) == 1


def test_the_same_answers_submitted_in_two_tabs_are_one_submission(two_tabs, new_user):
    first, second = two_tabs
    reach_review(first)
    second.open(WIZARD.path)  # the review, as the first tab left it
    first.click(wizard.SUBMIT)
    second.click(wizard.SUBMIT)  # drawn before the first tab submitted
    assert len(submissions_shown(second)) == 1
    assert len(submissions_shown(new_user().sign_in("Ada").open(WIZARD.path))) == 1


def test_different_answers_submitted_in_two_tabs_are_both_kept(two_tabs, new_user):
    first, second = two_tabs
    submit(first)
    submit(second.open(WIZARD.path).click(wizard.START_OVER), name="Ada Lovelace")
    later = new_user().sign_in("Ada").open(WIZARD.path)
    assert [row["Name"] for row in submissions_shown(later)] == [A_NAME, "Ada Lovelace"]


# % endif
# Every interaction is one script run (the user fixture also checks each one)


def test_a_whole_pass_costs_one_script_run_per_interaction(on_wizard, script_runs):
    before = script_runs.count
    submit(on_wizard).click(wizard.START_OVER)
    # name, Next, role, Next, goal, Next, Submit, Start over
    assert script_runs.count - before == 8
