"""The app's pages, in menu order: a slice joins the app with one line in PAGES.

A page's slice is the folder of that name beside this file. Its ``state.py``
registers the slice's keys and names the feature "Reset this page" resets as
``FEATURE``; PageSpec imports it, so every key is registered before init_state()
runs, whichever page the user opens first.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from .state import Feature


@dataclass(frozen=True)
class PageSpec:
    name: str  # the slice's folder, and the page's URL path
    title: str
    icon: str
    feature: Feature = field(init=False, compare=False)

    def __post_init__(self) -> None:
        state = importlib.import_module(f"{__package__}.{self.name}.state")
        object.__setattr__(self, "feature", state.FEATURE)

    @property
    def path(self) -> str:
        """The page's script, relative to streamlit_app.py."""
        return f"{__package__}/{self.name}/page.py"


HOME = PageSpec("counter", "Counter", ":material/add:")
ACCOUNT = PageSpec("account", "Account", ":material/person:")

PAGES = (
    HOME,
    # % if cookiecutter.include_wizard
    PageSpec("wizard", "Onboarding", ":material/checklist:"),
    # % endif
    # % if cookiecutter.include_cart
    PageSpec("cart", "Shop", ":material/shopping_cart:"),
    # % endif
    # % if cookiecutter.include_model_cache
    PageSpec("sentiment", "Sentiment", ":material/psychology:"),
    # % endif
    ACCOUNT,
)


def page_named(name: str) -> PageSpec:
    """The page whose slice folder is ``name``; a KeyError names the pages there are."""
    by_name = {spec.name: spec for spec in PAGES}
    if name not in by_name:
        raise KeyError(f"no page {name!r}; the pages are {sorted(by_name)}")
    return by_name[name]
