"""Every interaction costs exactly one script run: callbacks, never st.rerun().

The ``user`` fixture counts runs and fails any action that costs more or fewer
than one; this sweep clicks every button that each page shows, so a button added
later is covered without a new test.
"""

import pytest

from {{ cookiecutter.project_slug }}.pages import PAGES


def _button_keys(user):
    return [button.key for button in user.at.button if button.key]


@pytest.mark.parametrize("page", PAGES, ids=[spec.title for spec in PAGES])
def test_every_button_on_the_page_costs_one_run(new_user, page):
    keys = _button_keys(new_user().open(page.path))
    assert keys, f"no buttons found on {page.title}"
    for key in keys:
        new_user().open(page.path).click(key)


@pytest.mark.parametrize("page", PAGES, ids=[spec.title for spec in PAGES])
def test_every_text_input_on_the_page_costs_one_run(new_user, page):
    for text_input in new_user().open(page.path).at.text_input:
        new_user().open(page.path).type(text_input.key, "typed")


def test_counting_starts_from_the_first_run(script_runs, new_user):
    new_user()
    assert script_runs.count == 1
