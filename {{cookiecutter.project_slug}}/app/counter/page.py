"""Home page: a counter whose buttons change state in callbacks; a click reruns the counter alone."""

import streamlit as st

from app.counter import state as counter
from app.counter.callbacks import add_to_count
from app.parts import part
from app.state import reset_feature
from app.text import literal

st.title("Counter")


# Everything a click here changes is drawn inside this part, so a click reruns the
# part alone (app/parts.py); the page around it and the sidebar are not redrawn.
@part(counter.PART)
def count_and_buttons() -> None:
    label = counter.LABEL.get().strip() or counter.DEFAULT_LABEL
    st.header(f"{literal(label)}: {counter.COUNT.get()}", anchor=False)
    st.text_input(
        f"What are you counting? (up to {counter.MAX_LABEL_LENGTH} characters)",
        key=counter.LABEL,
        max_chars=counter.MAX_LABEL_LENGTH,
        persist_state="session",  # the label outlives a visit to another page
    )
    add_one, add_ten, reset = st.columns(3)
    add_one.button("Add 1", key=counter.ADD_ONE, on_click=add_to_count, args=(1,), width="stretch")
    add_ten.button(
        "Add 10", key=counter.ADD_TEN, on_click=add_to_count, args=(10,), width="stretch"
    )
    reset.button(
        "Reset", key=counter.RESET, on_click=reset_feature, args=(counter.FEATURE,), width="stretch"
    )
    if history := counter.HISTORY.get():
        st.caption("Last changes: " + ", ".join(history))


count_and_buttons()
