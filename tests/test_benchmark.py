"""The benchmarks' devices: the run counter tells one script run from two, and the load
benchmark drives every app it serves and stops them all.

scripts/benchmark.py reports figures; only its counts are checked here, and only on the
seed patterns, whose answers are known: a button followed by st.rerun() costs two runs,
a callback one. The driver runs in the default bake's environment, as the benchmark runs it.
scripts/load_benchmark.py runs here at its smallest, for what every run must show: each
app's clicks all counted, each of the kind its page asks for (a full run for the bake and
the bare counter, a fragment run for the twin), no errors, and no server left behind. Its
client, scripts/load_client.py, also meets two apps whose pages a browser would not read
as the benchmark's apps: the checks that must flag them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    DEFAULT_CASE,
    ON_DEFAULT_BAKE,
    TEMPLATE,
    UV,
    Baker,
    load_module,
    output_of,
    run,
)

pytestmark = pytest.mark.slow

DRIVER = TEMPLATE / "scripts" / "benchmark_driver.py"
LOAD_BENCHMARK = TEMPLATE / "scripts" / "load_benchmark.py"
LOAD_CLIENT = TEMPLATE / "scripts" / "load_client.py"


@ON_DEFAULT_BAKE
def test_the_device_counts_two_runs_for_st_rerun_and_one_for_a_callback(
    baker: Baker, tmp_path: Path
) -> None:
    out = tmp_path / "patterns.json"
    result = run(
        *UV, "run", "python", DRIVER, "patterns", "--out", out, cwd=baker(DEFAULT_CASE).root
    )
    assert result.returncode == 0, output_of(result)
    counted = {row["id"]: row for row in json.loads(out.read_text(encoding="utf-8"))["patterns"]}
    assert [row["errors"] for row in counted.values()] == [[]] * len(counted)
    assert counted["seed-counter"]["runs"] == 2
    assert counted["callback-counter"]["runs"] == 1
    assert counted["wizard-type"]["runs"] == 1  # a widget without a callback: one run
    assert counted["wizard-next-1"]["runs"] == 2


def report_rows(report: str, headers: str) -> list[dict[str, str]]:
    """The rows of the report's table whose header line starts with ``headers``."""
    lines = report.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(headers))
    names = [cell.strip() for cell in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(
            dict(zip(names, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        )
    return rows


def servers_left(marker: str) -> list[str]:
    """Command lines of running processes that mention ``marker``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        if marker in text and "streamlit" in text:
            found.append(text)
    return found


def test_the_load_benchmark_counts_every_click_of_every_app_and_stops_its_servers(
    tmp_path: Path,
) -> None:
    out = tmp_path / "load.md"
    result = run(
        sys.executable, LOAD_BENCHMARK, "--sessions", "2", "--clicks", "3", "--config",
        "default", "--churn", "4", "--settle", "0", "--output", out, cwd=TEMPLATE,
    )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    report = out.read_text(encoding="utf-8")
    # Full runs count each session's first run; a click on the bake's and the twin's
    # counter reruns its fragment alone.
    loads = report_rows(report, "| app | config | sessions |")
    assert [
        (row["app"], row["clicks"], row["full runs"], row["fragment runs"], row["errors"])
        for row in loads
    ] == [
        ("bake", "6", "2", "6", "0"),
        ("bare", "6", "8", "0", "0"),
        ("twin", "6", "2", "6", "0"),
    ]
    churns = report_rows(report, "| app | config | sessions done |")
    assert [
        (row["app"], row["sessions done"], row["full runs"], row["fragment runs"], row["errors"])
        for row in churns
    ] == [
        ("bake", "4", "4", "8", "0"),
        ("bare", "4", "12", "0", "0"),
        ("twin", "4", "4", "8", "0"),
    ]
    assert servers_left("load-benchmark-") == []


# A fragment whose click reruns the whole script: a browser expects the fragment alone.
FULL_RUN_FROM_A_FRAGMENT = """\
import streamlit as st

st.session_state.setdefault("count", 0)


@st.fragment
def counter():
    if st.button("Add 1"):
        st.session_state.count += 1
        st.rerun()
    st.title(f"Clicks: {st.session_state.count}")


counter()
"""

# The count drawn outside the fragment its button is in: after the fragment's runs the
# browser still shows what the first, full, run drew.
COUNT_OUTSIDE_THE_FRAGMENT = """\
import streamlit as st

st.session_state.setdefault("count", 0)
st.title(f"Clicks: {st.session_state.count}")


def add():
    st.session_state.count += 1


@st.fragment
def counter():
    st.button("Add 1", on_click=add)


counter()
"""


def load_client_tally(root: Path, app: str, folder: Path) -> dict[str, Any]:
    """What scripts/load_client.py reports for 2 tabs clicking 3 times on ``app``, served
    by the bake's Streamlit."""
    result = run(*UV, "sync", cwd=root)
    assert result.returncode == 0, output_of(result)
    script = folder / "app.py"
    script.write_text(app, encoding="utf-8")
    out = folder / "tally.json"
    serving = load_module(TEMPLATE / "scripts" / "serving.py")
    with serving.serving([str(root / ".venv" / "bin" / "python")], str(script), folder) as (
        url,
        _,
    ):
        port = url.rsplit(":", 1)[1]
        result = run(
            *UV, "run", "python", LOAD_CLIENT, "load", "--port", port, "--sessions", "2",
            "--clicks", "3", "--deadline", "120", "--out", out, cwd=root,
        )  # fmt: skip
    assert result.returncode == 0, output_of(result)
    return json.loads(out.read_text(encoding="utf-8"))


@ON_DEFAULT_BAKE
def test_the_load_client_counts_a_full_run_after_a_fragment_click_as_an_error(
    baker: Baker, tmp_path: Path
) -> None:
    tally = load_client_tally(baker(DEFAULT_CASE).root, FULL_RUN_FROM_A_FRAGMENT, tmp_path)
    assert (tally["full_runs"], tally["fragment_runs"], tally["mismatched_runs"]) == (8, 0, 6)
    assert tally["tabs_done"] == 0
    assert len(tally["errors"]) == 2
    assert all("3 runs of the wrong kind" in error for error in tally["errors"])
    assert not any("clicks after" in error for error in tally["errors"])  # the count is right


@ON_DEFAULT_BAKE
def test_the_load_client_keeps_what_a_fragment_run_does_not_redraw(
    baker: Baker, tmp_path: Path
) -> None:
    tally = load_client_tally(baker(DEFAULT_CASE).root, COUNT_OUTSIDE_THE_FRAGMENT, tmp_path)
    assert (tally["full_runs"], tally["fragment_runs"], tally["mismatched_runs"]) == (2, 6, 0)
    assert tally["tabs_done"] == 0
    assert [error.split(": ", 1)[1] for error in tally["errors"]] == [
        "RunFailed: the page shows 0 clicks after 3"
    ] * 2
