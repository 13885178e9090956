"""Home page: a counter whose buttons change state in callbacks, one script run per click."""

import streamlit as st

from {{ cookiecutter.project_slug }}.counter.callbacks import add_to_count
from {{ cookiecutter.project_slug }}.counter.state import COUNT, FEATURE, HISTORY, LABEL
from {{ cookiecutter.project_slug }}.state import reset_feature

st.title(f"{st.session_state[LABEL].strip() or 'Clicks'}: {st.session_state[COUNT]}")
st.text_input("What are you counting?", key=LABEL, max_chars=40)

add_one, add_ten, reset = st.columns(3)
add_one.button("Add 1", key="counter.add_1", on_click=add_to_count, args=(1,), width="stretch")
add_ten.button("Add 10", key="counter.add_10", on_click=add_to_count, args=(10,), width="stretch")
reset.button("Reset", key="counter.reset", on_click=reset_feature, args=(FEATURE,), width="stretch")

if st.session_state[HISTORY]:
    st.caption("Last changes: " + ", ".join(st.session_state[HISTORY]))
