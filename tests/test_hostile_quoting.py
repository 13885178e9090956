"""Answers are quoted for every language they land in, and never read as Jinja or code.

The filters and the Jinja guard of local_extensions.py are checked as functions, for
any text; then the template itself: every place an answer lands uses them.
"""

from __future__ import annotations

import ast
import io
import logging
import re
import sys
import tokenize
import tomllib
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import jinja2
import pytest
from conftest import (
    CONTEXT,
    DEFAULTS,
    OPTIONS,
    PLACES,
    PROJECT_TEMPLATE,
    TEMPLATE,
    Baker,
    Case,
    load_module,
    readme_heading_and_paragraph,
    shown_text,
)
from cookiecutter.exceptions import FailedHookException
from cookiecutter.utils import create_env_with_context
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

# Any text, lone surrogates (bytes that were not UTF-8) included.
ANY_TEXT = st.text(st.characters(exclude_categories=()))
# Text that can stand in one line: what the pre-generation hook lets through.
ONE_LINE = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")) | st.just("\t"))
# What the quoting filter for a file type is; any other file type has none yet.
FILTER_FOR = {".md": "markdown_text", ".py": "python_string", ".toml": "toml_string"}
FILTER_TESTS = settings(max_examples=300, deadline=None)


@pytest.fixture(scope="module")
def extensions() -> ModuleType:
    return load_module(TEMPLATE / "local_extensions.py")


@pytest.fixture(scope="module")
def jinja_env() -> Iterator[jinja2.Environment]:
    """The environment cookiecutter renders this template with, extensions loaded."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(TEMPLATE))
        yield create_env_with_context({"cookiecutter": CONTEXT})


def render(env: jinja2.Environment, source: str, **answers: object) -> str:
    """Render ``source`` as cookiecutter renders a value, a path or a hook."""
    return env.from_string(source).render(cookiecutter={**CONTEXT, **DEFAULTS, **answers})


# The filters, for any text


@FILTER_TESTS
@given(text=ANY_TEXT)
def test_python_string_reads_back_as_the_same_text(extensions: ModuleType, text: str) -> None:
    literal = extensions.python_string(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an invalid escape warns: it must not occur
        assert ast.literal_eval(literal) == text
    assert "\n" not in literal
    assert "\r" not in literal


@FILTER_TESTS
@given(text=st.text())
def test_toml_string_reads_back_as_the_same_text(extensions: ModuleType, text: str) -> None:
    assert tomllib.loads(f"value = {extensions.toml_string(text)}")["value"] == text


@FILTER_TESTS
@given(heading=ONE_LINE, paragraph=ONE_LINE)
def test_markdown_text_shows_the_text_as_typed(
    extensions: ModuleType, heading: str, paragraph: str
) -> None:
    heading, paragraph = heading.strip() or "x", paragraph.strip()
    readme = (
        f"# {extensions.markdown_text(heading)}\n\n{extensions.markdown_text(paragraph)}\n\n"
        "## Run it\n"
    )
    assert readme_heading_and_paragraph(readme) == (heading, paragraph)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("**bold** _em_ `code` ~~gone~~ $x$", id="inline-markup"),
        pytest.param("[link](https://example.com) ![image](x.png) <b>html</b>", id="links-html"),
        pytest.param("&amp; &#35; &copy;", id="entities"),
        pytest.param("a | b | c", id="table-row"),
        pytest.param("# not a heading ##", id="heading-marks"),
        pytest.param("1. not a list", id="ordered-list"),
        pytest.param("2024) not a list", id="ordered-list-parenthesis"),
        pytest.param("- not a list", id="bullet-list"),
        pytest.param("+ not a list", id="plus-list"),
        pytest.param("---", id="thematic-break"),
        pytest.param("> not a quote", id="block-quote"),
        pytest.param("```not a fence", id="fence"),
        pytest.param("ends with a backslash \\", id="trailing-backslash"),
        pytest.param("[x]: https://example.com", id="link-reference-definition"),
    ],
)
def test_markdown_text_shows_markup_as_typed(extensions: ModuleType, text: str) -> None:
    tokens = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .parse(f"{extensions.markdown_text(text)}\n")
    )
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert shown_text(tokens[1]) == text


def test_markdown_text_leaves_ordinary_punctuation_readable(extensions: ModuleType) -> None:
    text = 'Zoë\'s "Best" app, v2.0 - counts clicks; why? 100% (really)!'
    assert extensions.markdown_text(text) == text


@FILTER_TESTS
@given(text=ANY_TEXT)
def test_jinja_literal_renders_as_the_text(extensions: ModuleType, text: str) -> None:
    plain = jinja2.Environment(undefined=jinja2.StrictUndefined, **CONTEXT["_jinja2_env_vars"])
    assert plain.from_string(extensions.jinja_literal(text)).render() == text


# The yes/no questions


@pytest.mark.parametrize(
    ("answer", "reading"),
    [
        *((word, True) for word in ("yes", "Y", " TRUE ", "t", "1", "On")),
        *((word, False) for word in ("no", "N", "false", "F", "0", " off")),
        (True, True),
        (False, False),
        *((word, None) for word in ("maybe", "", "yes no", "2", "oui", None)),
    ],
)
def test_yes_no_reads_the_words_of_a_yes_no_prompt(
    extensions: ModuleType, answer: object, reading: bool | None
) -> None:
    assert extensions.yes_no(answer) is reading


def test_the_hooks_refusal_names_every_word_yes_no_reads(
    extensions: ModuleType, pre_hook: ModuleType
) -> None:
    message = pre_hook.option_problem("include_cart", "maybe", None)
    named = set(re.findall(r"\b(\w+)/(\w+)\b", message))
    words = {word for pair in named for word in pair} | {"yes", "no"}
    assert words == extensions.YES | extensions.NO


@pytest.mark.parametrize(("answer", "on"), [("no", False), ("No", False), ("yes", True)])
def test_the_chosen_test_reads_the_answer_not_its_truth(
    jinja_env: jinja2.Environment, answer: str, on: bool
) -> None:
    source = "{% if cookiecutter.include_cart is chosen %}on{% endif %}"
    template = jinja_env.parse(source, name="a template file")  # as cookiecutter loads files
    rendered = jinja_env.from_string(template).render(cookiecutter={"include_cart": answer})
    assert rendered == ("on" if on else "")


# The Jinja guard, in the environment cookiecutter builds


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param("{{ 7*7 }}", id="expression"),
        pytest.param("{% raw %}", id="unclosed-raw"),
        pytest.param("{% if %}", id="syntax-error"),
        pytest.param("{{", id="unclosed-expression"),
        pytest.param("{{ undefined_name }}", id="undefined-name"),
        pytest.param("{# a comment #}", id="comment"),
        pytest.param("# % if true\nyes\n# % endif\n", id="line-statements"),
        pytest.param("# %", id="the-line-statement-prefix-setting"),
        pytest.param("local_extensions.QuoteExtension", id="another-private-setting"),
        pytest.param("${{ secrets.GITHUB_TOKEN }}", id="github-expression"),
        pytest.param("{{cookiecutter.project_slug}}x", id="template-path-look-alike"),
        pytest.param("/tmp/{{ 7*7 }}/{{cookiecutter.project_name}}", id="path-that-is-not-ours"),
        pytest.param("  trailing newline\n", id="trailing-newline"),
    ],
)
def test_an_answer_renders_as_typed(jinja_env: jinja2.Environment, answer: str) -> None:
    assert render(jinja_env, answer) == answer


@FILTER_TESTS
@given(answer=ANY_TEXT)
def test_any_answer_renders_as_typed(jinja_env: jinja2.Environment, answer: str) -> None:
    assert render(jinja_env, answer) == answer


def test_an_answer_cannot_run_code_through_jinja(
    jinja_env: jinja2.Environment, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    answer = f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}"
    assert render(jinja_env, answer) == answer
    assert not marker.exists()


def test_the_slug_default_still_renders_from_the_name(jinja_env: jinja2.Environment) -> None:
    default = CONTEXT["project_slug"]
    assert render(jinja_env, default, project_name="Zoë's Best App") == "zoe_s_best_app"


def test_the_prompts_still_render_as_written(jinja_env: jinja2.Environment) -> None:
    for prompt in CONTEXT["__prompts__"].values():
        assert render(jinja_env, prompt) == prompt


@pytest.mark.parametrize(
    ("path", "rendered"),
    [
        pytest.param("{{cookiecutter.project_slug}}", "my_app", id="project-folder"),
        pytest.param("{{cookiecutter.project_slug}}/state.py", "my_app/state.py", id="file"),
        pytest.param(
            "/out/my_app/./{{cookiecutter.project_slug}}/account",
            "/out/my_app/./my_app/account",
            id="folder-behind-the-output-folder",
        ),
        pytest.param(
            "/out/{{ 7*7 }}/my_app/./{{cookiecutter.project_slug}}",
            "/out/{{ 7*7 }}/my_app/./my_app",
            id="output-folder-that-looks-like-jinja",
        ),
    ],
)
def test_the_templates_paths_still_render(
    jinja_env: jinja2.Environment, path: str, rendered: str
) -> None:
    assert render(jinja_env, path, project_slug="my_app") == rendered


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("a" * 256, id="longer-than-a-file-name"),
        pytest.param("a/b", id="slash"),
        pytest.param("a\\b", id="backslash"),
        pytest.param("..", id="parent-folder"),
        pytest.param("", id="empty"),
        pytest.param("a\0b", id="nul"),
    ],
)
def test_a_slug_that_is_no_folder_name_makes_a_stand_in_project_folder(
    jinja_env: jinja2.Environment, slug: str
) -> None:
    folder = render(jinja_env, "{{cookiecutter.project_slug}}", project_slug=slug)
    assert re.fullmatch(r"refused-project-slug-[0-9a-f]{12}", folder), folder


def test_a_slug_as_long_as_a_file_name_may_be_is_its_own_folder(
    jinja_env: jinja2.Environment,
) -> None:
    slug = "é" * 127  # 254 bytes in UTF-8
    assert render(jinja_env, "{{cookiecutter.project_slug}}", project_slug=slug) == slug


def test_the_hooks_still_render_the_answers_in(jinja_env: jinja2.Environment) -> None:
    hook = (TEMPLATE / "hooks" / "pre_gen_project.py").read_text(encoding="utf-8")
    rendered = render(jinja_env, hook, project_name='{{ 7*7 }} "x"')
    assert '{{ 7*7 }} \\"x\\"' in rendered
    assert "{{ cookiecutter | tojson }}" not in rendered


def test_a_refused_answer_logs_no_cookiecutter_traceback(extensions: ModuleType) -> None:
    try:
        raise FailedHookException("Hook script failed (exit status: 1)")
    except FailedHookException:
        record = logging.makeLogRecord({"msg": "Stopping", "exc_info": sys.exc_info()})
    assert extensions.drop_refusal_traceback(record)
    assert record.exc_info is None


def test_any_other_error_keeps_its_traceback(extensions: ModuleType) -> None:
    try:
        raise ValueError("a bug")
    except ValueError:
        record = logging.makeLogRecord({"msg": "Stopping", "exc_info": sys.exc_info()})
    assert extensions.drop_refusal_traceback(record)
    assert record.exc_info is not None


# The template uses them: every answer trimmed and quoted for its file, hooks take data


def text_questions() -> set[str]:
    return {
        name
        for name, value in CONTEXT.items()
        if isinstance(value, str)
        and not name.startswith("_")
        and name not in ("project_slug", *OPTIONS)
    }


def test_every_text_question_is_checked_by_the_hook_and_read_back_by_the_tests(
    pre_hook: ModuleType,
) -> None:
    assert text_questions() == set(pre_hook.TEXT_ANSWERS) == set(PLACES)


def answer_named(node: jinja2.nodes.Node) -> str | None:
    """The answer that ``node`` reads (cookiecutter.x or cookiecutter['x']), if any."""
    if isinstance(node, jinja2.nodes.Getattr | jinja2.nodes.Getitem):
        inner = node.node
        key = node.attr if isinstance(node, jinja2.nodes.Getattr) else node.arg
        if isinstance(inner, jinja2.nodes.Name) and inner.name == "cookiecutter":
            return key.value if isinstance(key, jinja2.nodes.Const) else key
    return None


def unquoted_answers(jinja_env: jinja2.Environment, source: str, suffix: str) -> list[str]:
    """Each use of a text answer in ``source`` other than a whole expression
    ``{{ cookiecutter.x | trim | <the filter of the file's language> }}``."""
    tree = jinja_env.parse(source, name="a template file")  # as cookiecutter loads files
    quoted = set()
    for output in tree.find_all(jinja2.nodes.Output):
        for node in output.nodes:
            filters = []
            while isinstance(node, jinja2.nodes.Filter):
                filters.append(node.name)
                node = node.node
            if filters == [FILTER_FOR.get(suffix), "trim"]:
                quoted.add(id(node))
    found = []
    for node in tree.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem, jinja2.nodes.Name)):
        name = answer_named(node)
        if name in text_questions() and id(node) not in quoted:
            found.append(f"cookiecutter.{name} at line {node.lineno}")
    whole = [n for n in tree.find_all(jinja2.nodes.Name) if n.name == "cookiecutter"]
    bases = {id(n.node) for n in tree.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem))}
    found += [f"all answers at line {n.lineno}" for n in whole if id(n) not in bases]
    return found


def test_every_answer_in_the_template_is_trimmed_and_quoted_for_its_file(
    jinja_env: jinja2.Environment,
) -> None:
    found = []
    for path in sorted(PROJECT_TEMPLATE.rglob("*")):
        relative = path.relative_to(TEMPLATE).as_posix()
        found += [f"{relative} (path): {u}" for u in unquoted_answers(jinja_env, relative, "")]
        if path.is_file():
            try:
                source = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # cookiecutter copies a binary file as it is
            found += [f"{relative}: {u}" for u in unquoted_answers(jinja_env, source, path.suffix)]
    assert not found, (
        "a text answer must land as {{ cookiecutter.x | trim | <filter> }}, the filter being "
        f"{FILTER_FOR} (other file types have none yet: add one to local_extensions.py):\n"
        + "\n".join(found)
    )


def test_a_raw_answer_would_be_caught(jinja_env: jinja2.Environment) -> None:
    assert unquoted_answers(jinja_env, "# {{ cookiecutter.project_name }}\n", ".md")
    assert unquoted_answers(jinja_env, "x = {{ cookiecutter.description | trim }}", ".toml")
    assert unquoted_answers(jinja_env, "{{ cookiecutter['author_name'] | trim | x }}", ".py")
    assert unquoted_answers(jinja_env, "k: {{ cookiecutter.project_name | trim }}", ".yml")
    assert unquoted_answers(jinja_env, "# % set n = cookiecutter.project_name\n", ".py")
    assert unquoted_answers(jinja_env, "{{ cookiecutter | tojson }}", ".py")
    assert not unquoted_answers(
        jinja_env, "{{ cookiecutter.project_name | trim | python_string }}", ".py"
    )


# The answers, and the yes/no answers as local_extensions.yes_no reads them.
HOOK_LOADS = (
    'json.loads(r"""{{ cookiecutter | tojson }}""")',
    'json.loads(r"""{{ cookiecutter | yes_no_answers | tojson }}""")',
)


@pytest.mark.parametrize("hook", ["pre_gen_project", "post_gen_project"])
def test_hooks_take_the_answers_as_json_data_only(jinja_env: jinja2.Environment, hook: str) -> None:
    source = (TEMPLATE / "hooks" / f"{hook}.py").read_text(encoding="utf-8")
    expressions = [
        node
        for output in jinja_env.parse(source, name=hook).find_all(jinja2.nodes.Output)
        for node in output.nodes
        if not isinstance(node, jinja2.nodes.TemplateData)
    ]
    statements = [
        node
        for node in jinja_env.parse(source, name=hook).find_all(jinja2.nodes.Stmt)
        if not isinstance(node, jinja2.nodes.Output)
    ]
    assert len(expressions) == len(HOOK_LOADS)
    assert [source.count(load) for load in HOOK_LOADS] == [1] * len(HOOK_LOADS)
    assert not statements


# One bake with a marked value for every answer: each value must land only as a whole
# literal of its file's language, wherever it lands (starters included).

# Quotes, a backslash, Markdown, Jinja, an emoji, and a dash ruff takes for a hyphen.
AWKWARD_TAIL = " \"double\" 'single' \\ *star* {{ 7*7 }} \N{BALLOON} \N{EN DASH}"
MARKED = {name: f"Qx{name.title().replace('_', '')}" + AWKWARD_TAIL for name in PLACES}
MARKED["author_email"] = "qxauthoremail@example.com"
MARKED_CASE = Case("marked-answers", {**DEFAULTS, **MARKED, "project_slug": "marked_app"})


def marker_of(value: str) -> str:
    return value.split(" ")[0].split("@")[0]


def python_misplaced(text: str) -> Iterator[str]:
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        for name, value in MARKED.items():
            if marker_of(value) in token.string and not (
                token.type == tokenize.STRING and ast.literal_eval(token.string) == value
            ):
                yield f"{name} in {tokenize.tok_name[token.type]} {token.string!r}"


def toml_misplaced(text: str) -> Iterator[str]:
    strings: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                collect(item)

    collect(tomllib.loads(text))
    for name, value in MARKED.items():
        holding = [s for s in strings if marker_of(value) in s]
        if any(s != value for s in holding) or text.count(marker_of(value)) != len(holding):
            yield f"{name} outside a whole TOML string"


def markdown_misplaced(text: str) -> Iterator[str]:
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text):
        for name, value in MARKED.items():
            if marker_of(value) in token.content and not (
                token.type == "inline" and shown_text(token) == value
            ):
                yield f"{name} in {token.type} {token.content!r}"


CHECKERS = {".py": python_misplaced, ".toml": toml_misplaced, ".md": markdown_misplaced}


def test_each_answer_lands_only_as_a_whole_literal_of_its_file(baker: Baker) -> None:
    bake = baker(MARKED_CASE)
    found = []
    for relative in sorted(bake.files):
        text = (bake.root / relative).read_text(encoding="utf-8")
        checker = CHECKERS.get(Path(relative).suffix)
        if checker:
            found += [f"{relative}: {problem}" for problem in checker(text)]
        else:
            found += [
                f"{relative}: {name} in a file with no quoting filter"
                for name, value in MARKED.items()
                if marker_of(value) in text
            ]
    assert not found, "\n".join(found)
