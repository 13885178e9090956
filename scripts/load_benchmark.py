"""Load benchmark: many sessions on one Streamlit process, the default bake beside yardsticks.

How to run, from the template's root (13 minutes with these figures on 2 CPUs, 9 of them the
settle waits of the churn; `--settle 0` leaves them out):

    python3 -m uv run python scripts/load_benchmark.py --sessions 1,25 --clicks 20 \\
        --churn 200 [--config default|nogc|both] [--apps bake,bare,twin] [--output FILE]

It bakes the default app into a temporary directory, runs `uv sync` in it, and writes the
yardsticks beside it: `bare`, a one-button counter whose click reruns the whole script;
`twin`, one flat script that draws what the bake's home page draws (navigation, sidebar,
title, text input, three buttons, caption) with none of the bake's code, its counter's
header, text input, buttons and caption in `@st.fragment(key="counter")` as the bake's
are to be, so its clicks rerun that fragment alone; and, with `--apps` only,
`bare-fragment`, the bare counter inside a fragment. The bake's gap to `twin` is what our
code costs, `twin`'s gap to `bare` what Streamlit costs to draw the page (less what the
fragment saves). For each server config (`default`: each app's own, so the bake's
`.streamlit/config.toml` and Streamlit's defaults for the yardsticks; `nogc` adds
`--runner.postScriptGC false` to the command line, which the bake's config already sets)
and each app, it serves the app with the bake's `.venv/bin/python -m streamlit run`, from
the script's own folder, on a free port of 127.0.0.1, and:

1. warms it up, unmeasured: one tab opens the page and clicks once (first imports);
2. for each N of --sessions: N tabs open the page, then all click "Add 1" --clicks times
   without pause, each waiting for its run to finish before the next click. Runs are
   reported by kind: full (the whole script; each tab's first run is one) and fragment
   (a fragment alone); a run of another kind than the browser expects for the click (a
   fragment's button reruns its fragment, any other the script) is an error. Runs/s is
   the clicks over the wall time of the clicking; latency is per click; the server's RSS
   (VmRSS of /proc/PID/status) is read before, sampled every 0.1 s during (the peak), and
   read after the tabs have closed;
3. churn, if --churn M: M tabs come and go, 10 open at once, each opening the page,
   clicking twice and closing. RSS before, right after, and after --settle seconds:
   Streamlit keeps a closed session for reconnection for `server.disconnectedSessionTTL`
   (120 s) and drops expired ones only when it stores another, so after the wait one more
   tab opens and closes before the last reading.

The tabs are scripts/load_client.py, run with the bake's own `uv run python`, so their
protobufs are the server's; its docstring says how a tab speaks to the server, fragment
runs included. Every loop has a count and a deadline; the servers listen on 127.0.0.1
only, and every server and client is stopped at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baking import bake_command, child_env
from benchmark import checked, load, machine, publish, table, timed
from serving import HEALTH_TIMEOUT, free_port, stop, streamlit_command, wait_until_healthy
from uv import find_uv_bin

TEMPLATE = Path(__file__).resolve().parent.parent
CLIENT = TEMPLATE / "scripts" / "load_client.py"
UV = find_uv_bin()

CONFIGS = {"default": [], "nogc": ["--runner.postScriptGC", "false"]}
CHURN_CLICKS = 2  # each tab of the churn clicks "a click or two" before it closes
CHURN_PARALLEL = 10  # tabs of the churn open at once
GRACE = 30.0  # seconds a client may take past its own deadline before it is killed
QUIET = 1.0  # seconds after a client exits before the server's memory is read
MAX_SESSIONS, MAX_CLICKS, MAX_CHURN = 500, 1000, 2000  # every loop is bounded

# The bare app: one button, a count, and the bake's way of showing it ("Clicks: N").
BARE_APP = """\
import streamlit as st

st.session_state.setdefault("count", 0)
if st.button("Add 1"):
    st.session_state.count += 1
st.title(f"Clicks: {st.session_state.count}")
"""

# The bare counter again, its button and count in a fragment: what a fragment's rerun
# costs against the whole script's, with nothing else on the page.
BARE_FRAGMENT_APP = """\
import streamlit as st

st.session_state.setdefault("count", 0)


@st.fragment(key="counter")
def counter():
    if st.button("Add 1"):
        st.session_state.count += 1
    st.title(f"Clicks: {st.session_state.count}")


counter()
"""

# The twin: the bake's home page drawn by one flat script, pages as functions. The
# counter's interactive part is a fragment, as the bake's is to be: a click on its buttons
# reruns the fragment alone; the navigation, the sidebar and the title stay as drawn.
TWIN_APP = """\
import streamlit as st

st.set_page_config(page_title="Twin", page_icon="🎈")
st.session_state.setdefault("count", 0)
st.session_state.setdefault("history", [])


def add(amount):
    st.session_state.count += amount
    st.session_state.history = [*st.session_state.history, f"+{amount}"][-5:]


@st.fragment(key="counter")
def counting():
    label = st.session_state.get("label", "").strip() or "Clicks"
    st.header(f"{label}: {st.session_state.count}", anchor=False)
    st.text_input("What are you counting? (up to 40 characters)", key="label", max_chars=40)
    one, ten, reset = st.columns(3)
    one.button("Add 1", on_click=add, args=(1,), width="stretch")
    ten.button("Add 10", on_click=add, args=(10,), width="stretch")
    reset.button("Reset", width="stretch")
    if st.session_state.history:
        st.caption("Last changes: " + ", ".join(st.session_state.history))


def counter():
    st.title("Counter")
    counting()


def other():
    st.title("Another page")


pages = [st.Page(counter, title="Counter", icon=":material/add:", url_path="counter")]
for name in ["Onboarding", "Shop", "Sentiment", "Account"]:
    pages.append(st.Page(other, title=name, icon=":material/person:", url_path=name.lower()))
page = st.navigation(pages)
with st.sidebar:
    st.subheader("Twin", anchor=False)
    st.caption("Not signed in")
    for label in ("Reset this page", "Reset everything"):
        st.button(label, help="What it does.", width="stretch")
page.run()
"""
YARDSTICKS = {"bare": BARE_APP, "bare-fragment": BARE_FRAGMENT_APP, "twin": TWIN_APP}
APPS = ["bake", *YARDSTICKS]
DEFAULT_APPS = ["bake", "bare", "twin"]


def log(message: str) -> None:
    print(f"[load benchmark] {message}", file=sys.stderr, flush=True)


# --- The server ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen[bytes]
    port: int

    def rss_mib(self) -> float:
        """The server's resident memory now, from /proc (the python process itself: the
        bake's .venv/bin/python runs Streamlit with no wrapper in between)."""
        if self.process.poll() is not None:
            raise RuntimeError(f"the server exited with status {self.process.returncode}")
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc/PID/status")


@contextlib.contextmanager
def served(project: Path, script: Path, options: Sequence[str]) -> Iterator[Server]:
    """serving.serving() with two more things this benchmark needs: extra options on the
    command line, and the server's process, for its memory. Built from serving.py's own
    parts; always stops the server."""
    python = [str(project / ".venv" / "bin" / "python")]
    port = free_port()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [*streamlit_command(python, str(script), port), *options],
            # The script's own folder: the bake reads its .streamlit/config.toml, the
            # yardsticks Streamlit's defaults, not the bake's settings.
            cwd=script.parent,
            env=child_env(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches every child
        )
        try:
            try:
                wait_until_healthy(process, f"http://127.0.0.1:{port}", HEALTH_TIMEOUT)
            except (RuntimeError, TimeoutError) as failure:
                output.seek(0)
                text = output.read().decode("utf-8", "replace")[-4000:]
                raise RuntimeError(f"{failure}; its output:\n{text}") from failure
            yield Server(process, port)
        finally:
            stop(process)


# --- The client ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """What a client saw, and the server's memory around it (MiB)."""

    tally: dict[str, Any]
    before: float
    peak: float
    after: float


def run_client(
    project: Path, server: Server, command: str, sessions: int, clicks: int, deadline: float
) -> Measured:
    """Run scripts/load_client.py in the bake's environment, sampling the server's memory
    meanwhile; its JSON answer. A client past its deadline and GRACE is killed."""
    with tempfile.TemporaryDirectory(prefix="load-client-") as tmp:
        out = Path(tmp) / "tally.json"
        args = [command, "--port", server.port, "--sessions", sessions, "--clicks", clicks]
        args += ["--deadline", deadline, "--parallel", CHURN_PARALLEL, "--out", out]
        before = peak = server.rss_mib()
        with tempfile.TemporaryFile() as output:
            process = subprocess.Popen(
                [str(part) for part in (UV, "run", "python", CLIENT, *args)],
                cwd=project,
                env=child_env(),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                end = time.monotonic() + deadline + GRACE
                while process.poll() is None:
                    if time.monotonic() > end:
                        raise TimeoutError(f"load_client.py {command} outlived its deadline")
                    peak = max(peak, server.rss_mib())
                    time.sleep(0.1)
            finally:
                if process.poll() is None:  # past its deadline, or this script interrupted
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            output.seek(0)
            text = output.read().decode("utf-8", "replace")
        if process.returncode or not out.exists():
            raise RuntimeError(f"load_client.py {command} failed:\n{text[-4000:]}")
        tally = json.loads(out.read_text(encoding="utf-8"))
    time.sleep(QUIET)  # let the server finish closing the tabs' sessions
    return Measured(tally, before, peak, server.rss_mib())


# --- Measuring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    sessions: list[int]
    clicks: int
    churn: int
    settle: float
    deadline: float


def measure_server(project: Path, server: Server, options: Options) -> dict[str, Any]:
    """Warm-up, the load at each N, then the churn and its settle, on one server."""
    run_client(project, server, "load", 1, 1, options.deadline)
    found: dict[str, Any] = {"load": {}}
    for n in options.sessions:
        log(f"  {n} sessions x {options.clicks} clicks")
        found["load"][n] = run_client(project, server, "load", n, options.clicks, options.deadline)
    if options.churn:
        log(f"  churn: {options.churn} sessions opened and closed, then {options.settle:.0f} s")
        churned = run_client(
            project, server, "churn", options.churn, CHURN_CLICKS, options.deadline
        )
        time.sleep(options.settle)
        probe = run_client(project, server, "churn", 1, 1, options.deadline)  # see docstring
        found["churn"] = (churned, probe)
    return found


def measure_all(apps: list[str], configs: list[str], options: Options) -> dict[str, Any]:
    figures: dict[str, Any] = {"machine": machine(), "load at start": load(), "runs": {}}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="load-benchmark-") as tmp:
        folder = Path(tmp)
        log("baking the default app, and uv sync in it")
        checked(timed(bake_command(folder, folder / "bake"), folder), "cookiecutter")
        (project,) = (folder / "bake").iterdir()
        checked(timed([UV, "sync"], project), "uv sync")
        scripts = {"bake": project / "streamlit_app.py"}
        for name, source in YARDSTICKS.items():
            scripts[name] = folder / f"{name.replace('-', '_')}_counter.py"
            scripts[name].write_text(source, encoding="utf-8")
        for config in configs:
            for app in apps:
                log(f"serving {app} ({config})")
                with served(project, scripts[app], CONFIGS[config]) as server:
                    figures["runs"][app, config] = measure_server(project, server, options)
    figures["seconds"] = time.perf_counter() - start
    figures["load at end"] = load()
    return figures


# --- Reporting ----------------------------------------------------------------------------


LOAD_HEADERS = [
    "app", "config", "sessions", "clicks", "full runs", "fragment runs", "runs/s",
    "p50", "p95", "p99", "max", "page open p50", "errors", "RSS MiB",
]  # fmt: skip
CHURN_HEADERS = [
    "app", "config", "sessions done", "full runs", "fragment runs", "seconds", "errors",
    "RSS before", "peak", "after", "after settle",
]  # fmt: skip


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile: p % of the values are at most this one."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(values: Sequence[float], p: float) -> str:
    return f"{percentile(values, p):,.0f}" if values else "-"


def mib(measured: Measured) -> str:
    return f"{measured.before:.0f} / {measured.peak:.0f} / {measured.after:.0f}"


def load_row(app: str, config: str, n: int, measured: Measured) -> list[Any]:
    tally = measured.tally
    clicks = tally["click_ms"]
    rate = len(clicks) / tally["clicks_seconds"] if tally["clicks_seconds"] else 0.0
    return [
        app, config, n, len(clicks), tally["full_runs"], tally["fragment_runs"], f"{rate:,.0f}",
        ms(clicks, 50), ms(clicks, 95), ms(clicks, 99), ms(clicks, 100),
        ms(tally["open_ms"], 50), len(tally["errors"]), mib(measured),
    ]  # fmt: skip


def churn_row(app: str, config: str, churned: Measured, probe: Measured) -> list[Any]:
    tally = churned.tally
    errors = len(tally["errors"]) + len(probe.tally["errors"])
    return [
        app, config, tally["tabs_done"], tally["full_runs"], tally["fragment_runs"],
        f"{tally['seconds']:.1f}", errors, f"{churned.before:.0f}", f"{churned.peak:.0f}",
        f"{churned.after:.0f}", f"{probe.after:.0f}",
    ]  # fmt: skip


def errors_section(figures: dict[str, Any]) -> list[str]:
    """The first errors of each measure, if any: a figure with errors needs its reason."""
    lines = []
    for (app, config), found in figures["runs"].items():
        measures = [(f"{n} sessions", m) for n, m in found["load"].items()]
        measures += [("churn", m) for m in found.get("churn", ())]
        for what, measured in measures:
            lines += [f"- {app}, {config}, {what}: {e}" for e in measured.tally["errors"][:3]]
    return ["## Errors", "", *lines, ""] if lines else []


def report(figures: dict[str, Any], options: Options) -> str:
    runs = figures["runs"]
    first = next(iter(runs.values()))["load"]
    streamlit = next(iter(first.values())).tally["streamlit"]
    facts = {
        **figures["machine"],
        "Streamlit (bake)": streamlit,
        "Load average at start": figures["load at start"],
        "Load average at end": figures["load at end"],
        "Time taken": f"{figures['seconds'] / 60:.1f} min",
    }
    loads = [
        load_row(app, config, n, measured)
        for (app, config), found in runs.items()
        for n, measured in found["load"].items()
    ]
    churns = [
        churn_row(app, config, *found["churn"])
        for (app, config), found in runs.items()
        if "churn" in found
    ]
    tallies = [m.tally for found in runs.values() for m in found["load"].values()]
    unsent = sorted({kind for tally in tallies for kind in tally["unsent"]})
    lines = [
        "# Load benchmark",
        "",
        "Made by `python3 -m uv run python scripts/load_benchmark.py` from the template's "
        "root; its docstring says how it measures. Times depend on the machine and its load.",
        "",
        "## Machine",
        "",
        *table(["fact", "value"], list(facts.items())),
        "## Many sessions clicking",
        "",
        f'Each session opens the page, then all click "Add 1" {options.clicks} times '
        "without pause, each click waiting for its script run to finish. `bake` is the "
        "default bake's home page, `bare` a one-button counter, `bare-fragment` the same "
        "in a fragment, `twin` the bake's home page drawn by one flat script without the "
        "bake's code, its counter in a fragment; `nogc` is `--runner.postScriptGC false`. "
        "Full runs run the whole script (each session's first run is one), fragment runs "
        "a fragment alone; a click on a fragment's button must rerun that fragment, any "
        "other run the whole script, or it counts as an error. Runs/s is clicks per second. "
        "Latencies in ms, nearest rank; memory is the server's RSS in MiB before / at its "
        "peak / after the sessions closed.",
        "",
        *table(LOAD_HEADERS, loads),
    ]
    if churns:
        lines += [
            "## Sessions opened and closed",
            "",
            f"Sessions open the page, click {CHURN_CLICKS} times and close, "
            f"{CHURN_PARALLEL} at a time. "
            f"RSS in MiB before, at the peak, right after, and after {options.settle:.0f} s "
            "and one more session (Streamlit drops a closed session after "
            "`server.disconnectedSessionTTL`, 120 s, when it stores another).",
            "",
            *table(CHURN_HEADERS, churns),
        ]
    if unsent:
        lines += [f"Widget kinds whose state the client did not send: {', '.join(unsent)}.", ""]
    lines += errors_section(figures)
    return "\n".join(lines).rstrip() + "\n"


# --- Command line ---------------------------------------------------------------------------


def count(text: str, most: int) -> int:
    """One count in 1..most."""
    value = int(text)
    if not 0 < value <= most:
        raise argparse.ArgumentTypeError(f"expected a count in 1..{most}, not {value}")
    return value


def counts(text: str, most: int) -> list[int]:
    """Comma-separated counts, each in 1..most: 1,5,25."""
    return [count(part, most) for part in text.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sessions",
        type=lambda t: counts(t, MAX_SESSIONS),
        default=[1, 5, 25],
        help="the numbers of concurrent sessions, comma-separated (default 1,5,25)",
    )
    parser.add_argument(
        "--clicks",
        type=lambda t: count(t, MAX_CLICKS),
        default=20,
        help="clicks of each session (default 20)",
    )
    parser.add_argument(
        "--config",
        choices=["default", "nogc", "both"],
        default="both",
        help="server options: default, nogc (--runner.postScriptGC false), or both (default)",
    )
    parser.add_argument(
        "--apps",
        type=lambda t: t.split(","),
        default=DEFAULT_APPS,
        help=f"some of {', '.join(APPS)}, comma-separated (default {','.join(DEFAULT_APPS)})",
    )
    parser.add_argument(
        "--churn",
        type=int,
        default=0,
        help=f"sessions to open and close for the memory check, at most {MAX_CHURN} (default 0)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=130.0,
        help="seconds to wait after the churn before the last reading (default 130)",
    )
    parser.add_argument(
        "--deadline",
        type=float,
        default=600.0,
        help="seconds each client may run before it stops (default 600)",
    )
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    if not args.apps or not set(args.apps) <= set(APPS):
        parser.error(f"--apps takes some of {', '.join(APPS)}, comma-separated")
    if not 0 <= args.churn <= MAX_CHURN or not 0 <= args.settle <= 600:
        parser.error(f"--churn must be in 0..{MAX_CHURN}, --settle in 0..600")
    if not 0 < args.deadline <= 3600:
        parser.error("--deadline must be in 1..3600 seconds")
    configs = ["default", "nogc"] if args.config == "both" else [args.config]
    options = Options(args.sessions, args.clicks, args.churn, args.settle, args.deadline)
    # Each server runs in its own process group, out of reach of a signal sent to this
    # one: turn SIGTERM into an exit, so the cleanup that stops them runs.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    publish(report(measure_all(args.apps, configs, options), options), args.output)


if __name__ == "__main__":
    main()
