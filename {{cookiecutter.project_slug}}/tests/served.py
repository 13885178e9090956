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
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STOP_TIMEOUT = 10  # seconds for a server to exit after it is asked before it is killed
# How long an interaction or an expectation may wait for the page before the test fails.
# A bound, never a pause: each wait ends as soon as the page answers. On a machine kept
# busy (CI's), the run that first draws a table (pandas, pyarrow) or loads a model took
# over 15 s in the browser soak (CONTRIBUTING.md); a lost click still fails, later.
WAIT_MS = 60_000
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


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
                pytest.fail(f"{self.name}: no script run finished within {WAIT_MS} ms")
            self.page.wait_for_timeout(20)  # Playwright delivers the server's frames meanwhile
        expect(self.page.get_by_test_id("stException")).to_have_count(0)

    def close(self) -> None:
        if self.owns_context:
            self.context.close()
        else:
            self.page.close()
