"""The app's pages, in menu order: a slice joins the app with one entry here.

Naming a page's feature imports its state module, so the feature's keys are
registered before init_state() runs, whichever page the user opens first.
"""

from __future__ import annotations

from dataclasses import dataclass

from .account import state as account
from .counter import state as counter
from .state import Feature


@dataclass(frozen=True)
class PageSpec:
    path: str  # the page's script, relative to streamlit_app.py
    title: str
    icon: str
    feature: Feature


HOME = PageSpec(f"{__package__}/counter/page.py", "Counter", ":material/add:", counter.FEATURE)
ACCOUNT = PageSpec(
    f"{__package__}/account/page.py", "Account", ":material/person:", account.FEATURE
)

PAGES = (HOME, ACCOUNT)
