"""The bake's type checker sees what its typed session-state keys promise: each snippet
below is a mistake the checker must report, in a default bake, before anything runs."""

from __future__ import annotations

import json

import pytest
from conftest import DEFAULT_CASE, ON_DEFAULT_BAKE, UV, Baker, output_of, run

pytestmark = [pytest.mark.slow, ON_DEFAULT_BAKE]

SNIPPET = "app/_typing_probe.py"
# One mistake per line after the imports; the checker must report an error on each.
MISTAKES = {
    "a wrong-typed value written to a key": 'counter.COUNT.set("three")',
    "a key's value used as the wrong type": "counter.COUNT.get().upper()",
    "a list stored where a dict belongs": "cart.LINES.set([1, 2])",
    "a key name that does not exist": "counter.COUNTS.get()",
    "an int read as a str": "label: str = counter.COUNT.get()",
}
HEADER = "from app.cart import state as cart\nfrom app.counter import state as counter\n\n"


def test_the_type_checker_reports_each_mistake_with_a_typed_key(baker: Baker) -> None:
    project = baker(DEFAULT_CASE).root
    probe = project / SNIPPET
    probe.write_text(HEADER + "\n".join(MISTAKES.values()) + "\n", encoding="utf-8")
    try:
        result = run(*UV, "run", "basedpyright", "--outputjson", SNIPPET, cwd=project)
    finally:
        probe.unlink()
    report = json.loads(result.stdout)
    lines_with_errors = {
        found["range"]["start"]["line"]
        for found in report["generalDiagnostics"]
        if found["severity"] == "error"
    }
    first = HEADER.count("\n")  # 0-based line of the first mistake
    missed = [
        what
        for number, what in enumerate(MISTAKES, start=first)
        if number not in lines_with_errors
    ]
    assert not missed, f"not reported: {missed}\n{output_of(result)}"
