"""Entrypoint: ``uv run streamlit run streamlit_app.py``.

Streamlit runs this file top to bottom on every interaction. Order matters:
initialise state first, then build the navigation and the sidebar, then the page.
"""

import streamlit as st

from app import TITLE
from app.account import identity
from app.account.status import render_account_status
from app.inspector import render_inspector
from app.pages import HOME, PAGES
from app.session import render_session_controls
from app.state import init_state

init_state()
identity.sync_saved_work()  # before anything is drawn: the sidebar shows it too
st.set_page_config(page_title=TITLE, page_icon="🎈")

pages = {
    spec: st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.name) for spec in PAGES
}
page = st.navigation(list(pages.values()))  # the first page is the default
current = next(spec for spec, candidate in pages.items() if candidate is page)
with st.sidebar:
    st.subheader(TITLE, anchor=False)
    signed_in = render_account_status()
    render_session_controls(home=pages[HOME], feature=current.feature, signed_in=signed_in)
    render_inspector()
identity.run_page(page)  # the sign-in may save the user's work after it
