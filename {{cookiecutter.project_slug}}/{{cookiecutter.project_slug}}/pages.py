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
    name: str  # the slice's folder, and the page's URL path
    title: str
    icon: str
    feature: Feature  # what "Reset this page" resets

    @property
    def path(self) -> str:
        """The page's script, relative to streamlit_app.py."""
        return f"{__package__}/{self.name}/page.py"


HOME = PageSpec("counter", "Counter", ":material/add:", counter.FEATURE)
ACCOUNT = PageSpec("account", "Account", ":material/person:", account.SIGN_IN_FORM)

PAGES = (HOME, ACCOUNT)
