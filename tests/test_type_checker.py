"""The bake's type checker sees what its typed session-state keys promise: each snippet
below is a mistake the checker must report, in a default bake, before anything runs."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

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


def checked(project: Path, probe: str) -> tuple[dict[str, Any], str]:
    """basedpyright's JSON report on ``probe``, written for the run as a module of app/,
    with the whole output for an assertion message."""
    path = project / SNIPPET
    path.write_text(probe, encoding="utf-8")
    try:
        result = run(*UV, "run", "basedpyright", "--outputjson", SNIPPET, cwd=project)
    finally:
        path.unlink()
    try:
        return json.loads(result.stdout), output_of(result)
    except json.JSONDecodeError as error:
        raise AssertionError(output_of(result)) from error


def test_the_type_checker_reports_each_mistake_with_a_typed_key(baker: Baker) -> None:
    project = baker(DEFAULT_CASE).root
    report, output = checked(project, HEADER + "\n".join(MISTAKES.values()) + "\n")
    lines_with_errors = {
        found["range"]["start"]["line"]
        for found in report["generalDiagnostics"]
        if found["severity"] == "error"
    }
    first = HEADER.count("\n")  # 0-based line of the first mistake
    missed = [
        what for number, what in enumerate(MISTAKES, start=first) if number not in lines_with_errors
    ]
    assert not missed, f"not reported: {missed}\n{output}"


def declared_keys(project: Path) -> list[tuple[str, str]]:
    """(module, name) of each Key a module of app/ declares at its top level:
    ``NAME = Key(...)`` or ``NAME = Key[...](...)``."""
    found = []
    for path in sorted((project / "app").rglob("*.py")):
        module = ".".join(path.relative_to(project).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                called = node.value.func
                called = called.value if isinstance(called, ast.Subscript) else called
                if isinstance(called, ast.Name) and called.id == "Key":
                    found += [
                        (module, target.id)
                        for target in node.targets
                        if isinstance(target, ast.Name)
                    ]
    return found


def test_every_key_s_value_reads_as_its_own_type_never_any(baker: Baker) -> None:
    # What an editor shows where a page reads a key: each registered key's get(), as
    # the checker infers it, must name a type with no Any or Unknown in it.
    project = baker(DEFAULT_CASE).root
    keys = declared_keys(project)
    assert len(keys) >= 20, keys  # every starter's keys, the saved work's, the counter's
    modules = sorted({module for module, _ in keys})
    imports = [f"import {module} as m{i}" for i, module in enumerate(modules)]
    reads = [f"reveal_type(m{modules.index(module)}.{name}.get())" for module, name in keys]
    report, output = checked(project, "\n".join([*imports, "", *reads]) + "\n")
    revealed = [
        re.fullmatch(r'Type of ".*" is "(.*)"', found["message"], flags=re.DOTALL)
        for found in report["generalDiagnostics"]
        if found["severity"] == "information"
    ]
    types = {key: match.group(1) for key, match in zip(keys, revealed, strict=True) if match}
    assert len(types) == len(keys), output
    untyped = {f"{m}.{n}": t for (m, n), t in types.items() if re.search(r"\b(Any|Unknown)\b", t)}
    assert not untyped, f"these keys read as Any: {untyped}"
