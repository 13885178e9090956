"""Every bake's prose reads as whole sentences, whatever its answers leave out.

A Jinja block in the middle of a paragraph takes its lines out with it: a sentence
begun before it can lose its end ("which keeps" then a new sentence), or a line kept
after it can start in lowercase ("...orders. a signed-in user's work"). Checked in the
comments of the files whose comments vary with the answers, and in the README.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from conftest import CONTEXT, Bake
from markdown_it import MarkdownIt
from markdown_it.token import Token

# The files whose full-line # comments hold prose that varies with the answers.
COMMENTED = (
    ".streamlit/secrets.toml.example",
    "deploy/secrets.toml.example",
    "deploy/compose.yaml",
    "deploy/kubernetes.yaml",
    "Dockerfile",
)
# A commented-out example rather than prose: a command indented under its sentence, a
# TOML table or a TOML key.
EXAMPLE_LINE = re.compile(r" {2,}\S| ?\[[\w.\"-]+\]$| ?[\w.-]+ = ")
# A sentence ends at . ! or ? (and any closing quote or bracket) before a space; not
# after an ellipsis or an abbreviation, which a sentence carries on after.
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\.\.\.)(?<!e\.g\.)(?<!i\.e\.)[\"')\]]*\s+")
# How a paragraph ends: a full stop, or a colon before what it introduces. A list item
# may end with the semicolon or comma of the sentence that runs through its list.
PARAGRAPH_END = re.compile(r"[.:!?][\"')\]`]*$")
LIST_ITEM_END = re.compile(r"[.:!?;,][\"')\]`]*$")
# Tools whose names are written in lowercase, even at the start of a sentence.
LOWERCASE_NAMES = frozenset({"uv", "ruff", "pytest", "nginx", "kubectl", "docker"})


class Paragraph(NamedTuple):
    """Prose as a reader meets it: lines joined, with what comes around it."""

    text: str
    continues: bool  # it carries on a sentence begun before it, around an example or a list
    list_item: bool = False


def comment_paragraphs(text: str) -> Iterator[Paragraph]:
    """The prose of the full-line # comments, one paragraph per run of prose lines."""
    lines: list[str] = []
    after_example = False
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        comment = stripped[1:] if stripped.startswith("#") else None
        example = comment is not None and bool(EXAMPLE_LINE.match(comment))
        if comment and comment.strip() and not example:
            lines.append(comment.strip())
            continue
        if lines:
            yield Paragraph(" ".join(lines), continues=after_example)
            lines = []
        after_example = example


def shown(inline: Token) -> str:
    """An inline's text as a reader sees it: code keeps its backticks, markup goes."""
    assert inline.children is not None
    parts = {"text": "{}", "code_inline": "`{}`", "softbreak": " ", "hardbreak": " "}
    return "".join(
        parts[child.type].format(child.content) for child in inline.children if child.type in parts
    )


def readme_paragraphs(text: str) -> Iterator[Paragraph]:
    """The README's paragraphs, list items among them; tables and code are no prose.
    A list item carries on the sentence that introduces its list."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    for index, token in enumerate(tokens):
        if token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            in_list = index >= 2 and tokens[index - 2].type == "list_item_open"
            yield Paragraph(shown(token), continues=in_list, list_item=in_list)


def starts_in_lowercase(sentence: str) -> bool:
    """Whether a sentence starts with a lowercase word: a name such as redirect_uri,
    data/app.sqlite, `uv run` or uv may start one, a word such as "a" or "which" may not."""
    first = sentence.split(maxsplit=1)[0].rstrip(",:;")
    return first[0].islower() and first not in LOWERCASE_NAMES and not re.search(r"[_./]", first)


def broken_sentences(paragraphs: Iterable[Paragraph]) -> list[str]:
    """Each sentence that starts in lowercase, and each paragraph left unfinished."""
    found = []
    for paragraph in paragraphs:
        sentences = [s for s in SENTENCE_END.split(paragraph.text.strip()) if s]
        heads = sentences[1:] if paragraph.continues else sentences
        found += [f"starts in lowercase: {s!r}" for s in heads if starts_in_lowercase(s)]
        end = LIST_ITEM_END if paragraph.list_item else PARAGRAPH_END
        if sentences and not end.search(sentences[-1]):
            found.append(f"left unfinished: {sentences[-1]!r}")
    return found


def test_comments_read_as_whole_sentences(baked: Bake) -> None:
    found = [
        f"{relative}: {problem}"
        for relative in COMMENTED
        if relative in baked.files
        for problem in broken_sentences(
            comment_paragraphs((baked.root / relative).read_text("utf-8"))
        )
    ]
    assert not found, "\n".join(found)


def test_readme_reads_as_whole_sentences(baked: Bake) -> None:
    # The paragraph under the heading is the description, as the user typed it.
    typed = baked.case.answers.get("description", CONTEXT["description"]).strip()
    paragraphs = readme_paragraphs((baked.root / "README.md").read_text("utf-8"))
    found = broken_sentences(p for p in paragraphs if p.text != typed)
    assert not found, "\n".join(found)
