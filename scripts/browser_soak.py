"""The default bake's browser suite, run again and again on a machine kept busy.

    python3 -m uv run python scripts/browser_soak.py [--runs 10] [--hogs N]

A suite that passes on a quiet machine and fails on a busy one is flaky, and CI's
machine is busy. This bakes the default answers into a temporary folder, installs the
bake with uv, starts one CPU hog per core (a Python loop that never sleeps), runs
`uv run pytest -m browser --no-cov` there ``--runs`` times in a row, stops the hogs, and
prints one line per run and a total. It exits 1 if any run failed, and keeps the failing
runs' output. Every run has a time limit; the hogs and the bake are gone at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from baking import bake_command, child_env  # scripts/ is sys.path[0] when run as a script
from uv import find_uv_bin

RUN_TIMEOUT = 900  # seconds for one run of the suite; it takes about one minute
HOG = "while True: pass"


@contextlib.contextmanager
def cpu_hogs(count: int) -> Iterator[None]:
    """``count`` processes that keep a core each busy, until the block ends."""
    hogs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(count)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def bake(folder: Path, env: dict[str, str]) -> Path:
    subprocess.run(bake_command(folder, folder / "out"), check=True, env=env)
    (project,) = (folder / "out").iterdir()
    subprocess.run([find_uv_bin(), "sync", "--quiet"], cwd=project, check=True, env=env)
    return project


def run_suite(project: Path, env: dict[str, str]) -> tuple[bool, float, str]:
    """One run of the browser suite: passed, seconds, its output."""
    start = time.monotonic()
    command = [find_uv_bin(), "run", "--no-sync", "pytest", "-m", "browser", "--no-cov"]
    command += ["-p", "no:cacheprovider"]
    try:
        done = subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT
        )
    except subprocess.TimeoutExpired as late:
        return False, time.monotonic() - start, f"no end within {RUN_TIMEOUT} s\n{late.stdout}"
    return done.returncode == 0, time.monotonic() - start, done.stdout + done.stderr


def closing_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1].strip("= ") if lines else "(no output)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of the suite (10)")
    parser.add_argument(
        "--hogs", type=int, default=os.cpu_count() or 1, help="busy processes (one per core)"
    )
    args = parser.parse_args()
    # A plain kill ends the soak the way Ctrl-C does: the hogs are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = {**child_env(), "CI": "true"}  # a missing Chromium fails instead of skipping
    failed = 0
    with tempfile.TemporaryDirectory(prefix="browser-soak-") as folder:
        project = bake(Path(folder), env)
        with cpu_hogs(args.hogs):
            for number in range(1, args.runs + 1):
                passed, seconds, output = run_suite(project, env)
                print(f"run {number}: {closing_line(output)} ({seconds:.0f} s)", flush=True)
                if not passed:
                    failed += 1
                    kept = Path(tempfile.gettempdir()) / f"browser-soak-run-{number}.log"
                    kept.write_text(output, encoding="utf-8")
                    print(f"  its output: {kept}", flush=True)
    print(f"browser suite with {args.hogs} CPU hogs: {args.runs - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
