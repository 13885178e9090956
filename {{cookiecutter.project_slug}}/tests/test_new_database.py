"""Every page is clean on a new database: one with no tables yet, as on the first day of
a deployment, before anybody has saved anything. A table not made yet is no failure:
the page says nothing is there, and the server's log stays quiet."""

import logging
from pathlib import Path

import pytest

from app.pages import ACCOUNT, PAGES

VISITORS = [pytest.param(False, id="guest"), pytest.param(True, id="signed-in")]


def on_a_new_database(new_user, tmp_path: Path, signed_in: bool):
    """A new session whose database is a SQLite file that does not exist yet (its first
    use creates it, with no tables), signed in the way this app signs in, if asked."""
    user = new_user()
    url = f"sqlite:///{(tmp_path / 'new.sqlite').as_posix()}"
    user.at.secrets["connections"] = {"app": {"url": url}}  # as secrets.toml names it
    return user.open(ACCOUNT.path).sign_in("Ada") if signed_in else user


@pytest.mark.parametrize("signed_in", VISITORS)
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.name)
def test_every_page_shows_no_warning_or_error_on_a_new_database(
    new_user, tmp_path, caplog, spec, signed_in
):
    # Every interaction of a User already fails on an exception.
    user = on_a_new_database(new_user, tmp_path, signed_in).open(spec.path)
    assert [warning.value for warning in user.at.warning] == []
    assert [error.value for error in user.at.error] == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
