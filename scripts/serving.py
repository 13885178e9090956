"""Start `streamlit run` on a free local port, wait until it is healthy, stop it cleanly.

Shared by the template's scripts (screenshots, benchmark). The baked project's browser
tests carry their own copy of this logic: a baked project must not import the template.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

HEALTH_TIMEOUT = 120.0  # seconds: a cold start imports Streamlit and the starters' libraries


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def streamlit_command(python: Sequence[str], script: str, port: int) -> list[str]:
    """`streamlit run` headless on ``port``, with nothing that reaches the network."""
    return [
        *python,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]


def is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_until_healthy(process: subprocess.Popen[bytes], url: str, timeout: float) -> float:
    """Seconds until /_stcore/health answers; fails if the server exits or never answers."""
    start = time.perf_counter()
    while not is_healthy(url):
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {process.returncode}")
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{url}/_stcore/health did not answer within {timeout:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and anything it started: its whole process group."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def serving(
    python: Sequence[str], script: str, cwd: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[str, float]]:
    """Yield the app's URL and the seconds it took to become healthy; always stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            streamlit_command(python, script, port),
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches every child
        )
        try:
            try:
                healthy_after = wait_until_healthy(process, url, HEALTH_TIMEOUT)
            except (RuntimeError, TimeoutError) as failure:
                log.seek(0)
                output = log.read().decode("utf-8", "replace")[-4000:]
                raise RuntimeError(f"{failure}; its output:\n{output}") from failure
            yield url, healthy_after
        finally:
            stop(process)
