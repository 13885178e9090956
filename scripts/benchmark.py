"""Benchmark the template and its default bake, and print the figures as Markdown.

    python3 -m uv run python scripts/benchmark.py [--skip-template-suite] [--output FILE]

One run measures, side by side:
1. script runs per interaction: every widget of the baked app against the seed's patterns;
2. model loads and calls over a scripted sequence: the baked app against a seed-style page;
3. AppTest time per interaction, the baked suite against a one-test floor, the template suite;
4. bake time, and cold start of the baked app against a one-line app.

It bakes into a temporary directory, runs the AppTest parts with the bake's own `uv run`
(scripts/benchmark_driver.py), and leaves no process or directory behind. Counts are
exact; times depend on the machine and its load, so the report names both.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from baking import bake_command, child_env
from serving import serving
from uv import find_uv_bin

TEMPLATE = Path(__file__).resolve().parent.parent
DRIVER = TEMPLATE / "scripts" / "benchmark_driver.py"
UV = find_uv_bin()
BAKES, STARTS, FLOORS = 5, 3, 3  # repetitions; each figure says how many
TIMEOUT = 1800  # seconds for one command; the template suite takes minutes

# The floor of a baked suite: pytest, Streamlit's import and one AppTest run, nothing else.
FLOOR_TEST = """\
from streamlit.testing.v1 import AppTest


def test_one_trivial_run():
    at = AppTest.from_string("import streamlit as st\\nst.write('hi')").run()
    assert not at.exception
"""
BARE_APP = 'import streamlit as st\nst.write("hi")\n'


def log(message: str) -> None:
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


# --- Running commands -------------------------------------------------------------------


@dataclass(frozen=True)
class Done:
    """A finished command: how long it took, its exit status, its output."""

    seconds: float
    returncode: int
    output: str


def timed(command: Sequence[str | Path], cwd: Path) -> Done:
    """Run ``command`` in its own process group, timed; on any interruption, stop the
    whole group, so no pytest worker or server outlives the benchmark."""
    start = time.perf_counter()
    with subprocess.Popen(
        [str(part) for part in command],
        cwd=cwd,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            output, _ = process.communicate(timeout=TIMEOUT)
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
    return Done(time.perf_counter() - start, process.returncode, output)


def checked(done: Done, what: str) -> Done:
    if done.returncode:
        raise SystemExit(f"{what} failed (exit {done.returncode}):\n{done.output[-4000:]}")
    return done


def show_if_failed(done: Done, what: str) -> Done:
    """A failed suite is still timed and reported; its output's end goes to stderr."""
    if done.returncode:
        log(f"the {what} failed; the end of its output:\n{done.output[-6000:]}")
    return done


def pytest_summary(done: Done) -> str:
    """pytest's last line ("120 passed, 1 skipped"); if it failed, the exit status and the
    tests that failed, as -ra lists them."""
    found = re.findall(r"^=+ (.+?) in [\d.]+s\b", done.output, flags=re.MULTILINE)
    summary = found[-1] if found else "no summary line"
    if done.returncode == 0:
        return summary
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", done.output, flags=re.MULTILINE)
    named = ", ".join(f"`{test}`" for test in failed[:3]) + (", ..." if len(failed) > 3 else "")
    return f"{summary}; exit status {done.returncode}" + (f"; failed: {named}" if named else "")


# --- The machine ------------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or "unknown"


def memory() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    return "unknown"


def os_name() -> str:
    try:
        name = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        name = platform.system()
    return f"{name}, kernel {platform.release()}"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def machine() -> dict[str, str]:
    return {
        "Date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPU": f"{cpu_model()}, {os.cpu_count()} logical CPUs",
        "RAM": memory(),
        "OS": os_name(),
        "Python (template)": platform.python_version(),
        "cookiecutter": version("cookiecutter"),
        "uv": checked(timed([UV, "--version"], TEMPLATE), "uv --version").output.strip(),
    }


# --- Measuring ----------------------------------------------------------------------------


def bake_times(folder: Path) -> tuple[list[float], Path]:
    """Seconds of each `cookiecutter --no-input` bake; the first bake is kept for the rest."""
    seconds = []
    for n in range(BAKES):
        done = timed(bake_command(folder, folder / f"bake-{n}"), folder)
        seconds.append(checked(done, "cookiecutter").seconds)
    (project,) = (folder / "bake-0").iterdir()
    return seconds, project


def drive(project: Path, folder: Path, *args: str | Path) -> dict[str, Any]:
    """Run the AppTest driver in the bake's own environment; its JSON answer."""
    out = folder / "driver.json"
    done = timed([UV, "run", "python", DRIVER, *args, "--out", out], project)
    checked(done, f"benchmark_driver.py {args[0]}")
    return json.loads(out.read_text(encoding="utf-8"))


def start_times(project: Path, bare: Path) -> dict[str, list[float]]:
    """`streamlit run` until /_stcore/health answers, the baked app and the bare one taking
    turns, so a change in load hits both alike. The bake's Python, without uv run."""
    python = [str(project / ".venv" / "bin" / "python")]
    found: dict[str, list[float]] = {"baked": [], "bare": []}
    for _ in range(STARTS):
        for name, script in (("baked", "streamlit_app.py"), ("bare", str(bare))):
            with serving(python, script, cwd=project, env=child_env()) as (_, seconds):
                found[name].append(seconds)
    return found


def first_run_times(project: Path, folder: Path, bare: Path) -> dict[str, list[float]]:
    """The first AppTest run of each script in a fresh process: its imports, first render."""
    found: dict[str, list[float]] = {"baked": [], "bare": []}
    for _ in range(STARTS):
        for name, script in (("baked", project / "streamlit_app.py"), ("bare", bare)):
            result = drive(project, folder, "first-run", "--script", script)
            if result["errors"]:
                raise SystemExit(f"the first run of {script} failed: {result['errors']}")
            found[name].append(result["seconds"])
    return found


def suite_times(project: Path, folder: Path) -> dict[str, Any]:
    """The baked suite once, and the floor FLOORS times, in the same environment."""
    floor = folder / "floor"
    floor.mkdir()
    (floor / "test_floor.py").write_text(FLOOR_TEST, encoding="utf-8")
    floors = [
        checked(
            timed([UV, "run", "pytest", f"--basetemp={folder / 'floor-tmp'}", floor], project),
            "the floor test",
        ).seconds
        for _ in range(FLOORS)
    ]
    baked = show_if_failed(
        timed([UV, "run", "pytest", f"--basetemp={folder / 'baked-tmp'}"], project), "baked suite"
    )
    return {"floor": floors, "baked": baked.seconds, "baked_summary": pytest_summary(baked)}


def template_suite(folder: Path) -> dict[str, Any]:
    done = timed([UV, "run", "pytest", f"--basetemp={folder / 'template-tmp'}"], TEMPLATE)
    show_if_failed(done, "template suite")
    return {"seconds": done.seconds, "summary": pytest_summary(done)}


def measure_all(skip_template_suite: bool) -> dict[str, Any]:
    figures: dict[str, Any] = {"machine": machine(), "load at start": load()}
    with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
        folder = Path(tmp)
        log(f"baking {BAKES} times")
        figures["bakes"], project = bake_times(folder)
        log("uv sync in the bake (warm-up, not timed)")
        checked(timed([UV, "sync"], project), "uv sync")
        log("AppTest: every interaction, seed patterns, model loads and calls")
        figures["driver"] = drive(project, folder, "measure", "--app", project)
        bare = folder / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        log(f"cold starts: streamlit run to healthy, {STARTS} times each")
        figures["starts"] = start_times(project, bare)
        figures["first_runs"] = first_run_times(project, folder, bare)
        log("the baked suite and its floor")
        figures["suites"] = suite_times(project, folder)
        if not skip_template_suite:
            log("the template suite (minutes)")
            figures["template_suite"] = template_suite(folder)
    figures["load at end"] = load()
    return figures


# --- Reporting -------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def line(cells: Sequence[Any]) -> str:
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"

    return [line(headers), line(["---"] * len(headers)), *map(line, rows), ""]


def p90(values: Sequence[float]) -> float:
    """The nearest-rank 90th percentile: 90 % of the values are at most this."""
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def secs(values: Sequence[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


def code(text: str) -> str:
    return f"`{text}`"


def machine_section(figures: dict[str, Any]) -> list[str]:
    baked = figures["driver"]["versions"]
    facts = {
        **figures["machine"],
        "Python (bake)": baked["python"],
        "Streamlit (bake)": baked["streamlit"],
        "vaderSentiment (bake)": baked["vadersentiment"],
        "Load average at start": figures["load at start"],
        "Load average at end": figures["load at end"],
    }
    lines = ["## Machine", "", *table(["fact", "value"], list(facts.items()))]
    if "template_suite" in figures:
        lines += [
            "The load average at the end includes the benchmark's own last step, the "
            "template suite, whose xdist workers keep every CPU busy.",
            "",
        ]
    return lines


def runs_section(driver: dict[str, Any]) -> list[str]:
    rows = driver["interactions"]
    runs = Counter(row["runs"] for row in rows)
    agree = all(row["runs"] == row["init_state_calls"] for row in rows)
    patterns = [[p["pattern"], p["interaction"], p["runs"]] for p in driver["patterns"]]
    lines = [
        "## 1. Script runs per interaction",
        "",
        "Each interaction starts from a new AppTest session that a scripted journey brings to "
        "the widget; its script runs are counted by wrapping Streamlit's "
        "`ScriptRunContext.on_script_start`, called once per run of a script's body (after "
        "the callbacks, and again for a run `st.rerun()` starts). The seed patterns are tiny "
        "apps written to a temporary file and counted the same way.",
        "",
        *table(["pattern", "interaction", "script runs"], patterns),
        f"The baked app: {len(rows)} interactions (every widget of every page state below, "
        f"and opening each page from the menu); script runs per interaction: "
        + ", ".join(f"{n} for {count}" for n, count in sorted(runs.items(), key=str))
        + ". The baked tests' own device (calls of `init_state()`) counts the same on "
        + ("every row." if agree else "NOT every row: see the table."),
        "",
        *table(
            ["page", "reached by", "widget", "key", "label", "runs", "init_state calls", "ms"],
            [interaction_cells(row) for row in rows],
        ),
        "The page states visited, each from a new session (every widget a state shows is "
        "measured in the first state that shows it):",
        "",
        *table(
            ["page", "reached by", "widgets shown", "measured there"],
            [[s["page"], s["reached_by"], s["widgets"], s["new"]] for s in driver["states"]],
        ),
    ]
    return lines + problems(rows)


def first_imports(modules: list[str]) -> str:
    """How many modules a run imported for the first time in the process, and from which
    packages most: a one-time cost that shows up in that interaction's time."""
    if not modules:
        return ""
    packages = [name for name, _ in Counter(m.partition(".")[0] for m in modules).most_common()]
    named = ", ".join(packages[:2]) + (", ..." if len(packages) > 2 else "")
    count = f"{len(modules)} module" + ("s" if len(modules) > 1 else "")
    return f" (first import of {count}: {named})"


def interaction_cells(row: dict[str, Any]) -> list[Any]:
    ms = "" if row["ms"] is None else f"{row['ms']:.1f}" + first_imports(row["imported"])
    return [
        row["page"],
        row["reached_by"],
        row["kind"],
        code(row["key"]),
        row["label"],
        row["runs"],
        row["init_state_calls"],
        ms,
    ]


def problems(rows: list[dict[str, Any]]) -> list[str]:
    failed = [
        f"- {row['page']}, {row['key']}: {'; '.join(row['errors'])}"
        for row in rows
        if row["errors"]
    ]
    if not failed:
        return ["No interaction showed an exception.", ""]
    return ["Interactions that showed an exception or were not measured:", "", *failed, ""]


def model_section(model: dict[str, Any] | None) -> list[str]:
    if model is None:
        return ["## 2. Model loads and calls", "", "The bake has no sentiment page.", ""]
    baked, seed = model["baked"], model["seed"]
    rows = [
        [b["step"], b["loads"], b["calls"], s["loads"], s["calls"]]
        for b, s in zip(baked, seed, strict=True)
    ]
    total = ["**total**"] + [sum(r[i] for r in rows) for i in range(1, 5)]
    return [
        "## 2. Model loads and calls",
        "",
        "One new session per app, from an empty `st.cache_resource` (a new server). A spy "
        "wraps vaderSentiment's `SentimentIntensityAnalyzer`: each constructor call is a "
        "load, each `polarity_scores` call a model call. The seed-style page builds the "
        "model at the top of the script and scores the text on every run that has one, "
        "without `st.cache_resource`.",
        "",
        *table(
            ["step", "baked: loads", "baked: calls", "seed-style: loads", "seed-style: calls"],
            [*rows, total],
        ),
    ]


def suites_section(figures: dict[str, Any]) -> list[str]:
    rows = figures["driver"]["interactions"]
    ms = [row["ms"] for row in rows if row["ms"] is not None]
    slowest = max((row for row in rows if row["ms"] is not None), key=lambda row: row["ms"])
    suites = figures["suites"]
    floor = statistics.median(suites["floor"])
    template = figures.get("template_suite")
    lines = [
        "## 3. Test times",
        "",
        *table(
            ["measure", "value"],
            [
                [
                    f"AppTest time per interaction of 1., median (n = {len(ms)})",
                    f"{statistics.median(ms):.1f} ms",
                ],
                ["the same, p90 (nearest rank)", f"{p90(ms):.1f} ms"],
                [
                    "the same, slowest",
                    f"{slowest['ms']:.1f} ms: {slowest['page']}, {code(slowest['key'])}",
                ],
                [
                    "baked suite, `uv run pytest` (once)",
                    f"{suites['baked']:.1f} s ({suites['baked_summary']})",
                ],
                [
                    f"floor: one trivial AppTest run under pytest, median of {FLOORS}",
                    f"{floor:.2f} s ({secs(suites['floor'])})",
                ],
                ["baked suite minus floor", f"{suites['baked'] - floor:.1f} s"],
                [
                    "template suite, `python3 -m uv run pytest` (once)",
                    f"{template['seconds']:.1f} s ({template['summary']})"
                    if template
                    else "skipped (--skip-template-suite)",
                ],
            ],
        ),
        "The suites run after a warm-up `uv sync` in the bake, with `--basetemp` in the "
        "benchmark's temporary directory; the floor runs in the bake's environment too. "
        "An interaction's time includes any module its run imports for the first time in "
        "the driver's process (marked in the table of 1.).",
        "",
    ]
    return lines


def timing_row(measure: str, values: Sequence[float]) -> list[str]:
    return [measure, f"{statistics.median(values):.2f} s", secs(values)]


def start_section(figures: dict[str, Any]) -> list[str]:
    starts, first = figures["starts"], figures["first_runs"]
    return [
        "## 4. Bake and cold start",
        "",
        *table(
            ["measure", "median", "each run (s)"],
            [
                timing_row(f"bake, `cookiecutter --no-input` CLI (x{BAKES})", figures["bakes"]),
                timing_row(
                    f"`streamlit run` to a healthy `/_stcore/health`, baked app (x{STARTS})",
                    starts["baked"],
                ),
                timing_row(f"the same, one-line app (x{STARTS})", starts["bare"]),
                timing_row(
                    f"first script run in a fresh process (AppTest), baked app (x{STARTS})",
                    first["baked"],
                ),
                timing_row(f"the same, one-line app (x{STARTS})", first["bare"]),
            ],
        ),
        "Both servers run with the bake's `.venv/bin/python` and the bake as working "
        "directory (its `.streamlit/config.toml`). Streamlit answers `/_stcore/health` "
        "before any session runs the script, so that row times the server's start; the "
        "first-run rows time the script itself: its imports and its first page (the "
        "baked app opens on its home page).",
        "",
    ]


def report(figures: dict[str, Any]) -> str:
    lines = [
        "# Benchmark",
        "",
        "Made by `python3 -m uv run python scripts/benchmark.py` from the template's root. "
        "Counts (script runs, model loads and calls) are exact and repeat from run to run; "
        "times vary with the machine and its load, so read them as this machine's on this "
        "day, next to the load average below.",
        "",
        *machine_section(figures),
        *runs_section(figures["driver"]),
        *model_section(figures["driver"]["model"]),
        *suites_section(figures),
        *start_section(figures),
    ]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--skip-template-suite", action="store_true", help="do not run the template's suite"
    )
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    text = report(measure_all(args.skip_template_suite))
    print(text, end="")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
