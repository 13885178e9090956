"""The app as a user meets it: served by `streamlit run`, driven in Chromium by Playwright.

AppTest runs the script without the server, the websocket or the frontend; these
tests go through all three. They are marked ``browser`` and left out of a plain
``uv run pytest``; run them with ``uv run pytest -m browser``.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, expect, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
START_TIMEOUT = 60  # seconds for `streamlit run` to answer /_stcore/health
STOP_TIMEOUT = 10  # seconds for it to exit after SIGTERM before it is killed
WAIT_MS = 15_000  # how long an expectation waits for the page to show it
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
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


def free_port() -> int:
    """A local TCP port nobody listens on now; the OS picks it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers_health(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/_stcore/health")
        return connection.getresponse().status == 200
    except OSError:  # refused while the server starts, or reset
        return False
    finally:
        connection.close()


def wait_until_healthy(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not answers_health(port):
        if server.poll() is not None or time.monotonic() > deadline:
            output = log.read_text("utf-8", errors="replace")
            pytest.fail(f"`streamlit run` did not answer on port {port}:\n{output}")
        time.sleep(0.1)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server; kill it if it has not exited within STOP_TIMEOUT."""
    server.terminate()
    try:
        server.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


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
    """The local identity provider (oidc-provider-mock) on a free port, for the whole
    session: anyone signs in by typing a name."""
    from local_sign_in import provider_command, wait_for

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("provider") / "provider.log"
    with log.open("wb") as output:
        provider = subprocess.Popen(  # noqa: S603
            provider_command(port), cwd=PROJECT, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            wait_for(f"{url}/.well-known/openid-configuration", provider, START_TIMEOUT)
            yield url
        finally:
            stop(provider)


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
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
        f"--secrets.files={secrets}",
    ]
    log = folder / "streamlit.log"
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=PROJECT, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            wait_until_healthy(server, port, log)
            yield url
        finally:
            stop(server)


def chromium_executable(bundled: str) -> str | None:
    """CHROMIUM_PATH if set, else Playwright's own Chromium if it was downloaded,
    else a Chromium or Chrome on the PATH."""
    if configured := os.environ.get("CHROMIUM_PATH"):
        return configured
    if Path(bundled).is_file():
        return bundled
    return next(filter(None, map(shutil.which, SYSTEM_CHROMIUMS)), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        executable = chromium_executable(playwright.chromium.executable_path)
        if executable is None:
            MISSING_CHROMIUM(NO_CHROMIUM)
        chromium = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def finished_run(frame: str | bytes) -> bool:
    """Whether a frame from the server says a script run has finished (not one that
    stopped early because a newer interaction asked for a rerun)."""
    if isinstance(frame, str):
        return False
    message = ForwardMsg()
    message.ParseFromString(frame)
    return (
        message.WhichOneof("type") == "script_finished"
        and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
    )


class Tab:
    """One browser tab on the app: a Streamlit session of its own.

    Each interaction waits for the script run it causes, as the server reports it on
    the app's websocket, and then checks that no exception shows. Streamlit merges a
    click sent while another waits for its run into that one, and an input made
    before the last run's page has arrived can act on the page as it was: a user
    gives the app that time, and a test must too.
    """

    def __init__(self, browser: Browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(WAIT_MS)
        self.runs = 0  # script runs the server has finished for this tab
        self.page.on("websocket", lambda socket: socket.on("framereceived", self._count))
        with self.interaction():
            self.page.goto(url)

    def _count(self, frame: str | bytes) -> None:
        if finished_run(frame):
            self.runs += 1

    @contextlib.contextmanager
    def interaction(self) -> Iterator[None]:
        before = self.runs
        yield
        deadline = time.monotonic() + WAIT_MS / 1000
        while self.runs == before:
            if time.monotonic() > deadline:
                pytest.fail(f"no script run finished within {WAIT_MS} ms of the interaction")
            self.page.wait_for_timeout(20)  # Playwright delivers the server's frames meanwhile
        expect(self.page.get_by_test_id("stException")).to_have_count(0)

    @property
    def title(self) -> Locator:
        return self.page.locator("h1").first

    @property
    def count(self) -> Locator:
        """The counter's "Clicks: N" line, under the page's title."""
        return self.page.get_by_test_id("stMain").locator("h2").first

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name, exact=True)

    def click(self, name: str) -> None:
        with self.interaction():
            self.button(name).click()

    def type(self, label: str, text: str) -> None:
        """Type into a field and press Enter, which is when Streamlit takes the value."""
        field = self.page.get_by_label(label, exact=True)
        field.fill(text)
        with self.interaction():
            field.press("Enter" if field.evaluate("e => e.tagName") == "INPUT" else "Control+Enter")

    def choose(self, label: str, option: str) -> None:
        self.page.get_by_test_id("stSelectbox").filter(has_text=label).click()
        with self.interaction():
            self.page.get_by_role("option", name=option, exact=True).click()

    def open(self, name: str) -> None:
        """Follow the sidebar's link to a page, whose title is its name."""
        with self.interaction():
            self.page.get_by_role("link", name=name, exact=True).click()
        expect(self.title).to_have_text(name)

    def rows_in_table(self) -> int:
        """The data rows of the page's one st.dataframe, read from its accessible grid."""
        grid = self.page.get_by_test_id("stDataFrame").locator("table[role=grid]")
        return int(grid.get_attribute("aria-rowcount")) - 1  # the header is a row too

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def new_tab(browser: Browser, app_url: str) -> Iterator[Callable[[], Tab]]:
    """Opens tabs on the app, each in a new browser profile (a new session); closes them."""
    expect.set_options(timeout=WAIT_MS)
    tabs: list[Tab] = []

    def open_tab() -> Tab:
        tabs.append(Tab(browser, app_url))
        return tabs[-1]

    yield open_tab
    for tab in tabs:
        tab.close()


@pytest.fixture
def tab(new_tab: Callable[[], Tab]) -> Tab:
    """A new tab on the app's home page."""
    return new_tab()
