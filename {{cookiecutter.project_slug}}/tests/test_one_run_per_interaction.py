"""Every interaction costs exactly one script run: callbacks, never st.rerun().

The ``user`` fixture counts runs and fails any action that costs more or fewer
than one. These sweeps find every button and text input that each page shows on
a new session, so a widget added later is covered without a new test.
"""

from {{ cookiecutter.project_slug }}.pages import PAGES


def _widgets_on_every_page(new_user, kind):
    found = []
    for page in PAGES:
        widgets = getattr(new_user().open(page.path).at, kind)
        found += [(page, widget.key) for widget in widgets if widget.key]
    assert found, f"no {kind} found on any page"
    return found


def test_every_button_costs_one_run(new_user):
    for page, key in _widgets_on_every_page(new_user, "button"):
        new_user().open(page.path).click(key)


def test_every_text_input_costs_one_run(new_user):
    for page, key in _widgets_on_every_page(new_user, "text_input"):
        new_user().open(page.path).type(key, "typed")
