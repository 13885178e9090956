"""Every interaction costs exactly one script run: callbacks, never st.rerun().

The ``user`` fixture counts runs and fails any action that costs more or fewer
than one. These sweeps find every button and input that each page shows on a new
session, so a widget added later is covered without a new test.
"""

from app.pages import PAGES


def _another_number(widget):
    """One step up, or one step down where that would pass the maximum."""
    up = (widget.value or 0) + widget.step
    return up if widget.max is None or up <= widget.max else widget.value - widget.step


# For each kind of input: a value a user could give it that differs from its current one.
NEW_VALUE = {
    "text_input": lambda widget: "typed",
    "text_area": lambda widget: "typed",
    # AppTest sends format_func(value) as the choice: a label works where format_func
    # maps a label to itself (the identity, or a lookup that falls back to its input).
    "selectbox": lambda widget: next(
        o for o in widget.options if o != widget.format_func(widget.value)
    ),
    "number_input": _another_number,
    "slider": lambda widget: widget.min if widget.value == widget.max else widget.max,
    "toggle": lambda widget: not widget.value,
    "checkbox": lambda widget: not widget.value,
}


def _widgets_on_every_page(new_user, kinds):
    found = []
    for page in PAGES:
        at = new_user().open(page.path).at
        found += [(page, kind, w) for kind in kinds for w in getattr(at, kind) if w.key]
    return found


def test_every_button_costs_one_run(new_user):
    buttons = _widgets_on_every_page(new_user, ["button"])
    assert buttons, "no button found on any page"
    for page, _, button in buttons:
        new_user().open(page.path).click(button.key)


def test_every_input_costs_one_run(new_user):
    inputs = _widgets_on_every_page(new_user, NEW_VALUE)
    assert inputs, "no input found on any page"
    for page, kind, widget in inputs:
        new_user().open(page.path).set(kind, widget.key, NEW_VALUE[kind](widget))
