"""Every page is titled with its name in the menu, under the app's name in the sidebar."""

import pytest

from app import TITLE
from app.pages import PAGES


@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.name)
def test_every_page_shows_its_title_and_the_apps_name(user, spec):
    user.open(spec.path)
    assert user.title == spec.title
    assert user.at.sidebar.subheader[0].value == TITLE
