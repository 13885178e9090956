"""Benchmark the template and its default bake, and print the figures as Markdown.

    python3 -m uv run python scripts/benchmark.py [--skip-template-suite] [--output FILE]

It measures what no test shows, each figure beside a baseline:
1. script runs per click: the seed's `st.button(...)` + `st.rerun()` patterns against a
   callback (that every baked interaction costs one run is the baked suite's own test);
2. model loads and calls over a 12-step session: the baked app against a page that
   builds its model on every run;
3. AppTest time per interaction; the baked suite as shipped (xdist), in one process, and
   its floor; the template's fast tier and, unless skipped, its whole suite;
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


def pytest_summary(done: Done) -> str:
    """pytest's last line ("120 passed, 1 skipped"), and its xdist workers; if it failed,
    the exit status and the tests that failed, as -ra lists them."""
    found = re.findall(r"^=+ (.+?) in [\d.]+s\b", done.output, flags=re.MULTILINE)
    summary = found[-1] if found else "no summary line"
    workers = re.search(r"^created: (\d+)/\d+ workers", done.output, flags=re.MULTILINE)
    summary += f", {workers[1]} xdist workers" if workers else ""
    if done.returncode == 0:
        return summary
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", done.output, flags=re.MULTILINE)
    named = ", ".join(f"`{test}`" for test in failed[:3]) + (", ..." if len(failed) > 3 else "")
    return f"{summary}; exit status {done.returncode}" + (f"; failed: {named}" if named else "")


# --- The machine ------------------------------------------------------------------------


def proc_field(name: str, field: str) -> str | None:
    """A field of /proc/cpuinfo or /proc/meminfo; None where there is no /proc."""
    with contextlib.suppress(OSError):
        for line in Path("/proc", name).read_text().splitlines():
            if line.startswith(field):
                return line.partition(":")[2].strip()
    return None


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
    cpu = proc_field("cpuinfo", "model name") or platform.processor() or "unknown"
    kib = proc_field("meminfo", "MemTotal")  # "24641536 kB"
    return {
        "Date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPU": f"{cpu}, {os.cpu_count()} logical CPUs",
        "RAM": f"{int(kib.split()[0]) / 2**20:.1f} GiB" if kib else "unknown",
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


def cold_starts(project: Path, folder: Path, bare: Path) -> dict[str, list[float]]:
    """Seconds of `streamlit run` until /_stcore/health answers (the bake's Python, without
    uv run), and of the first AppTest run in a fresh process; the baked app and the bare
    one take turns, so a change in load hits both alike."""
    python = [str(project / ".venv" / "bin" / "python")]
    found: dict[str, list[float]] = {}
    for _ in range(STARTS):
        for name, script in (("baked", project / "streamlit_app.py"), ("bare", bare)):
            with serving(python, str(script), cwd=project, env=child_env()) as (_, seconds):
                found.setdefault(f"serve {name}", []).append(seconds)
            first = drive(project, folder, "first-run", "--script", script)
            found.setdefault(f"first run {name}", []).append(first["seconds"])
    return found


def pytest_run(cwd: Path, folder: Path, name: str, *args: str | Path) -> Done:
    """`uv run pytest` at ``cwd``, its temporary files in the benchmark's folder."""
    return timed([UV, "run", "pytest", f"--basetemp={folder / name}", *args], cwd)


def suite(done: Done, what: str) -> dict[str, Any]:
    """A suite's time and summary; a failed suite is still timed and reported."""
    if done.returncode:
        log(f"the {what} failed; the end of its output:\n{done.output[-6000:]}")
    return {"seconds": done.seconds, "summary": pytest_summary(done)}


def suite_times(project: Path, folder: Path) -> dict[str, Any]:
    """The baked suite as shipped and in one process, and the floor FLOORS times. The
    floor's folder is outside the bake, so the bake's addopts (xdist) do not apply."""
    floor = folder / "floor"
    floor.mkdir()
    (floor / "test_floor.py").write_text(FLOOR_TEST, encoding="utf-8")
    floors = [
        checked(pytest_run(project, folder, "floor-tmp", floor), "the floor test").seconds
        for _ in range(FLOORS)
    ]
    return {
        "floor": floors,
        "shipped": suite(pytest_run(project, folder, "shipped-tmp"), "baked suite"),
        "one_process": suite(pytest_run(project, folder, "one-tmp", "-n0"), "baked suite -n0"),
    }


def template_suites(folder: Path, skip_whole: bool) -> dict[str, Any]:
    """The template's fast tier, the loop a contributor runs on every edit; its whole suite."""
    fast = pytest_run(TEMPLATE, folder, "fast-tmp", "-m", "not slow")
    found = {"fast": suite(fast, "template's fast tier")}
    if not skip_whole:
        log("the whole template suite (minutes)")
        found["whole"] = suite(pytest_run(TEMPLATE, folder, "template-tmp"), "template suite")
    return found


def measure_all(skip_template_suite: bool) -> dict[str, Any]:
    figures: dict[str, Any] = {"machine": machine(), "load at start": load()}
    with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
        folder = Path(tmp)
        log(f"baking {BAKES} times")
        figures["bakes"], project = bake_times(folder)
        log("uv sync in the bake (warm-up, not timed)")
        checked(timed([UV, "sync"], project), "uv sync")
        log("AppTest: seed patterns, timed interactions, model loads and calls")
        figures["driver"] = drive(project, folder, "measure", "--app", project)
        bare = folder / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        log(f"cold starts: streamlit run to healthy, first script run; {STARTS} times each")
        figures["starts"] = cold_starts(project, folder, bare)
        log("the baked suite (as shipped, then in one process) and its floor")
        figures["suites"] = suite_times(project, folder)
        log("the template's fast tier")
        figures["template"] = template_suites(folder, skip_template_suite)
    figures["load at end"] = load()
    return figures


# --- Reporting -------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def line(cells: Sequence[Any]) -> str:
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"

    return [line(headers), line(["---"] * len(headers)), *map(line, rows), ""]


def p90(ordered: Sequence[Any]) -> Any:
    """The nearest-rank 90th percentile of sorted values: 90 % are at most this one."""
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def secs(values: Sequence[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


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
    return [
        "## Machine",
        "",
        *table(["fact", "value"], list(facts.items())),
        "The load average at the end includes the benchmark's own last steps, the "
        "template's tests, whose xdist workers keep every CPU busy.",
        "",
    ]


def runs_section(driver: dict[str, Any]) -> list[str]:
    patterns = [[p["pattern"], p["interaction"], p["runs"]] for p in driver["patterns"]]
    baked = baked_interactions(driver)
    off = [f"{row['step']} ({row['runs']})" for row in baked if row["runs"] != 1]
    return [
        "## 1. Script runs per interaction",
        "",
        "Each seed pattern is a tiny app written to a temporary file and driven through "
        "AppTest from a new session. Its script runs are counted by wrapping Streamlit's "
        "`ScriptRunContext.on_script_start`, called once per run of a script's body (after "
        "the callbacks, and again for a run `st.rerun()` starts).",
        "",
        *table(["pattern", "interaction", "script runs"], patterns),
        "The baked app's own suite checks that every widget costs one run "
        "(`tests/test_one_run_per_interaction.py`). As a cross-check of this device, the "
        f"{len(baked)} baked interactions timed in 3. cost "
        + (f"NOT 1 run each: {', '.join(off)}." if off else "1 run each."),
        "",
    ]


def baked_interactions(driver: dict[str, Any]) -> list[dict[str, Any]]:
    """The interactions timed on the baked app: the counter journey, the sentiment session."""
    return driver["counter"] + driver["sentiment"]["baked"]


def model_section(model: dict[str, Any]) -> list[str]:
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


def timed_step(row: dict[str, Any]) -> str:
    """A step's time, and what it paid once for the driver's process, which a step
    repeated later in the process would not pay again."""
    once = []
    if row["imported"]:
        packages = list(row["imported"])
        named = ", ".join(packages[:2]) + (", ..." if len(packages) > 2 else "")
        once.append(f"first import of {sum(row['imported'].values())} modules: {named}")
    if row["full_gcs"]:
        once.append("a full garbage collection")
    return f"{row['ms']:.1f} ms: {row['step']}" + (f" ({'; '.join(once)})" if once else "")


def suite_cell(found: dict[str, Any] | None) -> str:
    if found is None:
        return "skipped (--skip-template-suite)"
    return f"{found['seconds']:.1f} s ({found['summary']})"


def suites_section(figures: dict[str, Any]) -> list[str]:
    steps = sorted(baked_interactions(figures["driver"]), key=lambda row: row["ms"])
    ms = [row["ms"] for row in steps]
    suites, template = figures["suites"], figures["template"]
    floor = suites["floor"]
    rows = [
        (
            f"AppTest time per interaction, median (n = {len(ms)})",
            f"{statistics.median(ms):.1f} ms",
        ),
        ("the same, p90 (nearest rank)", timed_step(p90(steps))),
        ("the same, slowest", timed_step(steps[-1])),
        ("baked suite as shipped, `uv run pytest`", suite_cell(suites["shipped"])),
        ("the same in one process, `uv run pytest -n0`", suite_cell(suites["one_process"])),
        (
            f"floor: pytest and one trivial AppTest run, one process, median of {FLOORS}",
            f"{statistics.median(floor):.2f} s ({secs(floor)})",
        ),
        ('template fast tier, `pytest -m "not slow"`', suite_cell(template["fast"])),
        ("template suite, `pytest`", suite_cell(template.get("whole"))),
    ]
    return [
        "## 3. Test times",
        "",
        *table(["measure", "value"], rows),
        "The timed interactions are the baked app's counter journey (Add 1 three times, type "
        "a label, Reset) and the baked sentiment session of 2., each in a new session; a "
        "step's time includes what it pays once for the driver's process (first imports, a "
        "full garbage collection), named on the rows above where it shows. Each "
        "suite runs once, after a warm-up `uv sync` in the bake, with `--basetemp` in the "
        "benchmark's temporary directory; the floor in the bake's environment, the "
        "template's tiers with `python3 -m uv run` from the template's root.",
        "",
    ]


def timing_row(measure: str, values: Sequence[float]) -> list[str]:
    return [measure, f"{statistics.median(values):.2f} s", secs(values)]


def start_section(figures: dict[str, Any]) -> list[str]:
    starts = figures["starts"]
    return [
        "## 4. Bake and cold start",
        "",
        *table(
            ["measure", "median", "each run (s)"],
            [
                timing_row(f"bake, `cookiecutter --no-input` CLI (x{BAKES})", figures["bakes"]),
                timing_row(
                    f"`streamlit run` to a healthy `/_stcore/health`, baked app (x{STARTS})",
                    starts["serve baked"],
                ),
                timing_row(f"the same, one-line app (x{STARTS})", starts["serve bare"]),
                timing_row(
                    f"first script run in a fresh process (AppTest), baked app (x{STARTS})",
                    starts["first run baked"],
                ),
                timing_row(f"the same, one-line app (x{STARTS})", starts["first run bare"]),
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
        *model_section(figures["driver"]["sentiment"]),
        *suites_section(figures),
        *start_section(figures),
    ]
    return "\n".join(lines).rstrip() + "\n"


def publish(text: str, output: Path | None) -> None:
    """Print the report, and write it to ``output`` too when one is given."""
    print(text, end="")
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        log(f"wrote {output}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--skip-template-suite", action="store_true", help="do not run the template's suite"
    )
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    publish(report(measure_all(args.skip_template_suite)), args.output)


if __name__ == "__main__":
    main()
