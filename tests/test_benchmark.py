"""The benchmarks' devices: the run counter tells one script run from two, and the load
benchmark drives every app it serves and stops them all.

scripts/benchmark.py reports figures; only its counts are checked here, and only on the
seed patterns, whose answers are known: a button followed by st.rerun() costs two runs,
a callback one. The driver runs in the default bake's environment, as the benchmark runs it.
scripts/load_benchmark.py runs here at its smallest, for what every run must show: each
app's clicks all counted, no errors, and no server left behind.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import DEFAULT_CASE, ON_DEFAULT_BAKE, TEMPLATE, UV, Baker, output_of, run

pytestmark = pytest.mark.slow

DRIVER = TEMPLATE / "scripts" / "benchmark_driver.py"
LOAD_BENCHMARK = TEMPLATE / "scripts" / "load_benchmark.py"


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
    loads = report_rows(report, "| app | config | sessions |")
    assert [(row["app"], row["clicks"], row["errors"]) for row in loads] == [
        ("bake", "6", "0"),
        ("bare", "6", "0"),
        ("twin", "6", "0"),
    ]
    churns = report_rows(report, "| app | config | sessions done |")
    assert [(row["app"], row["sessions done"], row["errors"]) for row in churns] == [
        ("bake", "4", "0"),
        ("bare", "4", "0"),
        ("twin", "4", "0"),
    ]
    assert servers_left("load-benchmark-") == []
