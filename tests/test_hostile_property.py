"""For any text answers, a bake either refuses cleanly or gives a project whose TOML,
YAML and Python parse and lint, and which shows every answer as typed.

Bake only: the fixed table in test_hostile_table.py runs a baked project's tests.
"""

from __future__ import annotations

import ast
import importlib.metadata
import tempfile
import tomllib
from pathlib import Path
from types import ModuleType

import yaml
from conftest import OPTIONS_OFF, bake, misread_answers, output_of, run
from cookiecutter.exceptions import FailedHookException
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ruff.__main__ import find_ruff_bin

# Pieces that have broken templates: quotes and escapes of every language the answers
# land in, Jinja and GitHub expressions, Markdown, and characters that TOML, Python or
# ruff treat specially. All of them can stand in one line of text.
PIECES = [
    '"', "'", '"""', "'''", "\\", "\\n", "{{", "}}", "{%", "%}", "{#", "#}", "# %",
    "{% raw %}", "{% endraw %}", "${{", "`", "*", "_", "#", "<", ">", "&", "[", "](", "|",
    "~", "$", "-", "1.", ":", "=", ",", "@", "\t", " ", "\ufeff", "\xa0", "\u200d",
    "\u200f", "\u202e", "\u00e9", "e\u0301", "\u30ce", "\u2013", "\u0397", "\U0001f388",
    "\u0645\u0631\u062d\u0628\u0627", "\u65e5\u672c",
]  # fmt: skip
# What cannot stand in one line: the hook refuses an answer holding one.
LINE_BREAKERS = ["\n", "\r", "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\udcff"]
ONE_LINE = st.lists(
    st.sampled_from(PIECES)
    | st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=4),
    max_size=6,
).map("".join)
BROKEN = st.builds("{}{}{}".format, ONE_LINE, st.sampled_from(LINE_BREAKERS), ONE_LINE)


def mostly(usual: st.SearchStrategy[str], odd: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``usual`` six times in seven (one_of would draw each strategy given equally)."""
    return st.integers(0, 6).flatmap(lambda draw: odd if draw == 0 else usual)


# Mostly answers that bake, so that most examples check a baked project, not a refusal.
TEXT = mostly(ONE_LINE, BROKEN)
EMAIL = mostly(st.emails(), TEXT | st.builds("{}@example.com".format, TEXT))
ANSWERS = st.fixed_dictionaries(
    {
        "project_name": TEXT.filter(str.strip),  # an empty name is refused: test_hooks.py
        "description": TEXT,
        "author_name": TEXT,
        "author_email": EMAIL,
    }
)
INSTALLED = importlib.metadata.version("cookiecutter")


def unparsable_files(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        try:
            if path.suffix == ".toml":
                tomllib.loads(path.read_text(encoding="utf-8"))
            elif path.suffix in (".yml", ".yaml"):
                yaml.safe_load(path.read_text(encoding="utf-8"))
            elif path.suffix == ".py":
                ast.parse(path.read_text(encoding="utf-8"), relative)
        except (SyntaxError, ValueError, yaml.YAMLError) as error:
            found.append(f"{relative}: {error}")
    return found


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(answers=ANSWERS)
def test_any_text_answer_bakes_as_typed_or_is_refused_cleanly(
    answers: dict[str, str], cookiecutter_config: Path, pre_hook: ModuleType
) -> None:
    context = {**OPTIONS_OFF, **answers, "project_slug": "any-text"}
    refusals = pre_hook.problems(
        {**context, "_prune": dict.fromkeys(OPTIONS_OFF), "_min_cookiecutter": "0"}, INSTALLED
    )
    with tempfile.TemporaryDirectory() as output:
        try:
            root = bake(Path(output), cookiecutter_config, context)
        except FailedHookException:
            assert refusals, "the bake failed, yet the hook finds nothing wrong"
            assert not any(Path(output).iterdir()), "a refused bake left a directory"
            event("refused")
            return
        event("baked")
        assert not refusals, f"baked answers the hook refuses: {refusals}"
        assert not unparsable_files(root)
        assert not misread_answers(root, answers)
        for command in (("check", "--no-fix"), ("format", "--check")):
            result = run(find_ruff_bin(), *command, ".", cwd=root)
            assert result.returncode == 0, output_of(result)
