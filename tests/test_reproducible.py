"""Baking is deterministic: the same answers give the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEFAULT_CASE, bake


def contents(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_baking_twice_gives_byte_identical_trees(
    tmp_path_factory: pytest.TempPathFactory, cookiecutter_config: Path
) -> None:
    first = bake(tmp_path_factory.mktemp("first"), cookiecutter_config, DEFAULT_CASE.answers)
    second = bake(tmp_path_factory.mktemp("second"), cookiecutter_config, DEFAULT_CASE.answers)
    assert contents(first) == contents(second)
