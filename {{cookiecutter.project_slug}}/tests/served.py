"""What the test folders that drive the app in Chromium share: a served app, Chromium,
and a tab that waits for each script run. Each folder starts `streamlit run` itself.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Playwright, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

START_TIMEOUT = 60  # seconds for a server to answer after it is started
STOP_TIMEOUT = 10  # seconds for a server to exit after it is asked before it is killed
# How long an interaction or an expectation may wait for the page before the test fails.
# A bound, never a pause: each wait ends as soon as the page or the server answers. On
# 2 busy cores, a first run that draws a table or loads the model, or a checkout right
# after a database restart, took 15 to 24 s; a lost click still fails, later.
WAIT_MS = 60_000
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PROJECT = Path(__file__).resolve().parent.parent  # where `streamlit run` and the servers start


def free_port() -> int:
    """A local TCP port nobody listens on now; the OS picks it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int, path: str) -> bool:
    """Whether 127.0.0.1:``port`` answers ``path`` with 200."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:  # refused while the server starts, or reset
        return False
    finally:
        connection.close()


def stop(server: subprocess.Popen, how: int = signal.SIGTERM) -> None:
    """Stop a server; kill it if it has not exited within STOP_TIMEOUT."""
    if server.poll() is None:
        server.send_signal(how)
    try:
        server.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def streamlit_command(port: int, secrets: Path) -> list[str]:
    """`streamlit run` of the app on 127.0.0.1:``port``, reading only ``secrets``, so no
    test reaches a database or service a developer configured."""
    return [
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


# % if cookiecutter.sign_in == "oidc"
@contextlib.contextmanager
def identity_provider(folder: Path) -> Iterator[str]:
    """The local identity provider (oidc-provider-mock) on a free port, its log in
    ``folder``: anyone signs in by typing a name. Yields its URL; stopped on exit."""
    from local_sign_in import provider_command, wait_for

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with (folder / "provider.log").open("wb") as output:
        provider = subprocess.Popen(  # noqa: S603
            provider_command(port), cwd=PROJECT, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        wait_for(f"{url}/.well-known/openid-configuration", provider, START_TIMEOUT)
        yield url
    finally:
        stop(provider)


# % endif
def launch_chromium(playwright: Playwright) -> Browser | None:
    """Chromium from CHROMIUM_PATH if set, else Playwright's own if it was downloaded,
    else a Chromium or Chrome on the PATH; None if there is none."""
    bundled = playwright.chromium.executable_path
    executable = (
        os.environ.get("CHROMIUM_PATH")
        or (bundled if Path(bundled).is_file() else None)
        or next(filter(None, map(shutil.which, SYSTEM_CHROMIUMS)), None)
    )
    if executable is None:
        return None
    return playwright.chromium.launch(
        executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
    )


def finished_run(frame: str | bytes) -> str | None:
    """What a frame from the server says has finished: "full", a run of the whole
    script; "part", one part of a page rerun alone (an st.fragment, app/parts.py); else
    None (another message, or a run stopped early for a newer interaction's rerun)."""
    if isinstance(frame, str):
        return None
    message = ForwardMsg()
    message.ParseFromString(frame)
    if message.WhichOneof("type") != "script_finished":
        return None
    return {
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "part",
        ForwardMsg.FINISHED_EARLY_FOR_RERUN: None,
    }.get(message.script_finished, "full")


class Tab:
    """One browser tab on the app, in a browser profile of its own: a Streamlit session.

    Each interaction waits for the script run it causes, as the server reports it on
    the app's websocket, and then checks that no exception shows. Streamlit merges a
    click sent while another waits for its run into that one, and an input made
    before the last run's page has arrived can act on the page as it was: a user
    gives the app that time, and a test must too.
    """

    def __init__(
        self,
        browser: Browser,
        url: str,
        name: str = "the tab",
        context: BrowserContext | None = None,
        **options,
    ) -> None:
        """A tab in a new browser profile; or, given another tab's ``context``, one more
        tab of that profile (its cookies: the same signed-in user, a session of its own)."""
        self.name = name
        self.owns_context = context is None
        self.context = browser.new_context(**options) if context is None else context
        self.page = self.context.new_page()
        self.page.set_default_timeout(WAIT_MS)
        self.runs = 0  # script runs the server has finished for this tab
        self.finished: list[str] = []  # the kind of each: "full" or "part"
        self.page.on("websocket", lambda socket: socket.on("framereceived", self.received))
        with self.interaction():
            self.page.goto(url)

    def received(self, frame: str | bytes) -> None:
        """Each frame the server sends this tab, in order; a subclass may read more of it."""
        if kind := finished_run(frame):
            self.runs += 1
            self.finished.append(kind)

    @contextlib.contextmanager
    def interaction(self) -> Iterator[None]:
        before = self.runs
        yield
        self.wait_for_run(after=before)

    def runs_since(self, before: int) -> list[str]:
        """The kinds of the runs finished since this tab had finished ``before``."""
        return self.finished[before:]

    def wait_for_run(self, after: int) -> None:
        """Wait until the server has finished more than ``after`` runs for this tab,
        then check that the page shows no exception."""
        self.wait_until(lambda: self.runs > after, "no script run finished")
        expect(self.page.get_by_test_id("stException")).to_have_count(0)

    def wait_until(self, done: Callable[[], bool], failure: str) -> None:
        """Wait until ``done()``, at most WAIT_MS; else fail, saying ``failure``."""
        deadline = time.monotonic() + WAIT_MS / 1000
        while not done():
            if time.monotonic() > deadline:
                pytest.fail(f"{self.name}: {failure} within {WAIT_MS} ms")
            self.page.wait_for_timeout(20)  # Playwright delivers the server's frames meanwhile

    def reload(self) -> None:
        """Reload the page, as a user does, and wait for its new session's first run.

        Runs are counted from the new page's commit: when its server goes away, the old
        page reconnects on its own (to whatever server answers at its address now), and
        nothing it receives before the new page replaces it is the new page's run.
        """
        self.page.reload(wait_until="commit")
        with self.interaction():
            self.page.wait_for_load_state()

    @property
    def title(self) -> Locator:
        return self.page.locator("h1").first

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

    # % if cookiecutter.sign_in == "oidc"
    def sign_in_as(self, name: str) -> None:
        """Log in from the Account page through the local provider: type a name,
        Authorize. The browser leaves the app and comes back to a new session, signed in."""
        self.open("Account")
        self.button("Log in").click()
        self.page.wait_for_url("**/oauth2/authorize?**")
        self.page.locator('input[name="sub"]').fill(name)
        with self.interaction():  # the new session's first run, on the page the provider sent back
            self.page.get_by_role("button", name="Authorize", exact=True).click()
        sidebar = self.page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text(f"Signed in as {name}", exact=True)).to_be_visible()

    # % endif
    def close(self) -> None:
        if self.owns_context:
            self.context.close()
        else:
            self.page.close()
