"""The app as a user meets it: served by `streamlit run`, driven in Chromium by Playwright.

AppTest runs the script without the server, the websocket or the frontend; these
tests go through all three. They are marked ``browser`` and left out of a plain
``uv run pytest``; run them with ``uv run pytest -m browser``.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import served
from playwright.sync_api import Browser, Locator, expect, sync_playwright
from served import (
    PROJECT,
    START_TIMEOUT,
    WAIT_MS,
    answers,
    free_port,
    launch_chromium,
    stop,
    streamlit_command,
)

HERE = Path(__file__).resolve().parent
NO_CHROMIUM = (
    "no Chromium found: run `uv run playwright install chromium`, install your "
    "system's chromium package, or set CHROMIUM_PATH to a Chromium executable"
)
# On CI (GitHub Actions sets CI=true) a missing Chromium fails: a job whose browser
# tests were all skipped would otherwise pass.
MISSING_CHROMIUM = pytest.fail if os.environ.get("CI", "").lower() in ("1", "true") else pytest.skip


@pytest.hookimpl(tryfirst=True)  # before -m deselects, so `-m "not browser"` sees the mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.resolve().is_relative_to(HERE):  # HERE is resolved: symlinks too
            item.add_marker(pytest.mark.browser)


def wait_until_healthy(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not answers(port, "/_stcore/health"):
        if server.poll() is not None or time.monotonic() > deadline:
            output = log.read_text("utf-8", errors="replace")
            pytest.fail(f"`streamlit run` did not answer on port {port}:\n{output}")
        time.sleep(0.1)


def secrets_file(folder: Path) -> Path:
    """A secrets file of the tests' own: the server reads it instead of the project's,
    so no test reaches a database or service a developer has configured."""
    secrets = folder / "secrets.toml"
    lines = []
    # % if cookiecutter.include_cart or cookiecutter.sign_in == "oidc"
    import json  # here, not at the top: only the database's URL needs quoting

    database = f"sqlite:///{(folder / 'app.sqlite').as_posix()}"
    # JSON's escapes are TOML's; ensure_ascii=False keeps an emoji in a path out of
    # surrogate pairs, which TOML rejects.
    lines += ["[connections.app]", f"url = {json.dumps(database, ensure_ascii=False)}"]
    # % endif
    secrets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return secrets


# % if cookiecutter.sign_in == "oidc"
@pytest.fixture(scope="session")
def provider_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The local identity provider, for the whole session: anyone signs in by name."""
    with served.identity_provider(tmp_path_factory.mktemp("provider")) as url:
        yield url


# % endif
@pytest.fixture(scope="session")
def app_url(
    tmp_path_factory: pytest.TempPathFactory,
    # % if cookiecutter.sign_in == "oidc"
    provider_url: str,
    # % endif
) -> Iterator[str]:
    """The URL of the app, served on a free port for the whole session, then stopped."""
    folder = tmp_path_factory.mktemp("server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    secrets = secrets_file(folder)
    # % if cookiecutter.sign_in == "oidc"
    from local_sign_in import auth_secrets

    # The browser opens 127.0.0.1: the sign-in cookie is only sent back to that host.
    with secrets.open("a", encoding="utf-8") as more:
        more.write(auth_secrets(url, provider_url))
    # % endif
    command = streamlit_command(port, secrets)
    log = folder / "streamlit.log"
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=PROJECT, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            wait_until_healthy(server, port, log)
            yield url
        finally:
            stop(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        if chromium is None:
            MISSING_CHROMIUM(NO_CHROMIUM)
        yield chromium
        chromium.close()


class Tab(served.Tab):
    """A tab on the app as these tests use it: a desktop's window, the counter's line."""

    def __init__(self, browser: Browser, url: str, beside: Tab | None = None) -> None:
        context = beside.context if beside else None
        super().__init__(browser, url, context=context, viewport={"width": 1280, "height": 900})
        self.checked = len(self.finished)  # runs that ran() has checked: the page's first

    def ran(self, *kinds: str) -> None:
        """Check the runs the server finished since the last check: ``kinds``, "full" or
        "part" (one part of the page rerun alone). A run an interaction caused late
        shows at the next check, so a test checks after each interaction."""
        since, self.checked = self.finished[self.checked :], len(self.finished)
        assert since == list(kinds), f"{self.name}: runs {since}, not {list(kinds)}"

    def count_runs_from_here(self) -> None:
        """Leave the runs so far unchecked: the next ran() checks only the later ones."""
        self.checked = len(self.finished)

    @property
    def count(self) -> Locator:
        """The counter's "Clicks: N" line, under the page's title."""
        return self.page.get_by_test_id("stMain").locator("h2").first

    def rows_in_table(self) -> int:
        """The data rows of the page's one st.dataframe, read from its accessible grid."""
        grid = self.page.get_by_test_id("stDataFrame").locator("table[role=grid]")
        return int(grid.get_attribute("aria-rowcount") or 0) - 1  # the header is a row too


@pytest.fixture
def new_tab(browser: Browser, app_url: str) -> Iterator[Callable[[], Tab]]:
    """Opens tabs on the app, each a new session: in a new browser profile, or in the
    profile of the tab given as ``beside`` (its cookies, so its signed-in user); closes
    them."""
    expect.set_options(timeout=WAIT_MS)
    tabs: list[Tab] = []

    def open_tab(beside: Tab | None = None) -> Tab:
        tabs.append(Tab(browser, app_url, beside))
        return tabs[-1]

    yield open_tab
    for tab in reversed(tabs):  # a tab opened beside another closes before it
        tab.close()


@pytest.fixture
def tab(new_tab: Callable[[], Tab]) -> Tab:
    """A new tab on the app's home page."""
    return new_tab()
