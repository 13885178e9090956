"""The benchmark's counting device tells one script run from two.

scripts/benchmark.py reports figures; only its counts are checked here, and only on the
seed patterns, whose answers are known: a button followed by st.rerun() costs two runs,
a callback one. The driver runs in the default bake's environment, as the benchmark runs it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DEFAULT_CASE, ON_DEFAULT_BAKE, TEMPLATE, UV, Baker, output_of, run

pytestmark = pytest.mark.slow

DRIVER = TEMPLATE / "scripts" / "benchmark_driver.py"


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
