"""Answers are quoted for every language they land in, and never read as Jinja or code.

The filters and the Jinja guard of local_extensions.py are checked as functions, for
any text; then the template itself: every place an answer lands uses them, the yes/no
answers, booleans, are read only as conditions, and a choice that owns files is
compared only with answers it offers.
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
    CHOICES,
    CONTEXT,
    DEFAULTS,
    OPTIONS,
    OPTIONS_OFF,
    PLACES,
    PROJECT_TEMPLATE,
    TEMPLATE,
    Baker,
    Case,
    bake,
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
# The filter that escapes an answer for each file type; any other file type has none yet.
FILTER_FOR = {".md": "markdown_text", ".py": "in_python_string", ".toml": "in_toml_string"}
# Filters that escape for the inside of a double-quoted string: the template writes the
# quotes around them, so each file stays valid as written.
IN_STRING = {"in_python_string", "in_toml_string"}
# Plain text shows one line of text as it is: an answer lands there only trimmed.
PLAIN_TEXT = {"LICENSE"}
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
def test_in_python_string_reads_back_as_the_same_text_between_double_quotes(
    extensions: ModuleType, text: str
) -> None:
    inside = extensions.in_python_string(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an invalid escape warns: it must not occur
        assert ast.literal_eval(f'"{inside}"') == text
    assert "\n" not in inside
    assert "\r" not in inside


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        pytest.param('Zoë\'s "Best" App 🎈', 'Zoë\'s \\"Best\\" App 🎈', id="keeps-non-ascii"),
        pytest.param("a\\b\tc", "a\\\\b\\tc", id="backslash-and-tab"),
        pytest.param("nul\x00 bom\ufeff", "nul\\x00 bom\\ufeff", id="unprintables-escaped"),
    ],
)
def test_in_python_string_keeps_printable_text_and_escapes_the_rest(
    extensions: ModuleType, text: str, inside: str
) -> None:
    assert extensions.in_python_string(text) == inside


@FILTER_TESTS
@given(text=st.text())
def test_in_toml_string_reads_back_as_the_same_text_between_double_quotes(
    extensions: ModuleType, text: str
) -> None:
    inside = extensions.in_toml_string(text)
    assert tomllib.loads(f'value = "{inside}"')["value"] == text
    assert "\n" not in inside
    assert "\r" not in inside


def test_in_toml_string_keeps_non_ascii_text_and_emoji(extensions: ModuleType) -> None:
    # tojson would write the balloon as a surrogate pair, which TOML rejects.
    assert extensions.in_toml_string('Zoë "🎈"') == 'Zoë \\"🎈\\"'


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
    assert render(jinja_env, default, project_name="Zoë's Best App") == "zoes_best_app"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Zoë's Sales Board", id="ascii-apostrophe"),
        pytest.param("Zoë\u2019s Sales Board", id="typographic-apostrophe"),
        pytest.param("Zoë\u02bcs Sales Board", id="modifier-letter-apostrophe"),
    ],
)
def test_the_slug_default_drops_an_apostrophe_as_a_person_would(
    tmp_path: Path, cookiecutter_config: Path, name: str
) -> None:
    root = bake(tmp_path, cookiecutter_config, {**OPTIONS_OFF, "project_name": name})
    assert root.name == "zoes_sales_board"


def test_the_prompts_still_render_as_written(jinja_env: jinja2.Environment) -> None:
    # A choice's prompt is a question (__prompt__) and a label for each answer.
    for prompt in CONTEXT["__prompts__"].values():
        for text in prompt.values() if isinstance(prompt, dict) else [prompt]:
            assert render(jinja_env, text) == text


@pytest.mark.parametrize(
    ("path", "rendered"),
    [
        pytest.param("{{cookiecutter.project_slug}}", "my_app", id="project-folder"),
        pytest.param(
            "{{cookiecutter.project_slug}}/app/state.py", "my_app/app/state.py", id="file"
        ),
        pytest.param(
            "/out/my_app/./{{cookiecutter.project_slug}}/app/account",
            "/out/my_app/./my_app/app/account",
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


def filters_for(file_name: str) -> list[str] | None:
    """The filters an answer must pass through in a file so named, outermost first;
    None where no answer may land (a file type with no filter yet, a path)."""
    if file_name in PLAIN_TEXT:
        return ["trim"]
    quoting = FILTER_FOR.get(Path(file_name).suffix)
    return [quoting, "trim"] if quoting else None


# The double quote that opens a plain string right before an in-string expression: no
# prefix (r"", f"", b"") and no second quote (""" or an empty string before it).
OPENS_A_STRING = re.compile(r"(?<![\w'\"])\"\Z")


def between_double_quotes(output: jinja2.nodes.Output, index: int) -> bool:
    """Whether the expression at ``index`` of ``output`` is all a string's content:
    the template's own text opens a double-quoted string right before it and closes
    it right after."""
    nodes = output.nodes
    before = nodes[index - 1] if index > 0 else None
    after = nodes[index + 1] if index + 1 < len(nodes) else None
    return (
        isinstance(before, jinja2.nodes.TemplateData)
        and OPENS_A_STRING.search(before.data) is not None
        and isinstance(after, jinja2.nodes.TemplateData)
        and after.data.startswith('"')
    )


def unquoted_answers(
    jinja_env: jinja2.Environment, source: str, filters: list[str] | None
) -> list[str]:
    """Each use of a text answer in ``source`` other than a whole expression
    ``{{ cookiecutter.x | <filters> }}``, set between double quotes when its filter
    escapes for the inside of a string."""
    tree = jinja_env.parse(source, name="a template file")  # as cookiecutter loads files
    quoted = set()
    for output in tree.find_all(jinja2.nodes.Output):
        for index, node in enumerate(output.nodes):
            chain = []
            while isinstance(node, jinja2.nodes.Filter):
                chain.append(node.name)
                node = node.node
            if chain == filters and (
                chain[0] not in IN_STRING or between_double_quotes(output, index)
            ):
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
        found += [f"{relative} (path): {u}" for u in unquoted_answers(jinja_env, relative, None)]
        if path.is_file():
            try:
                source = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # cookiecutter copies a binary file as it is
            filters = filters_for(path.name)
            found += [f"{relative}: {u}" for u in unquoted_answers(jinja_env, source, filters)]
    assert not found, (
        "a text answer must land as {{ cookiecutter.x | trim | <filter> }}, the filter being "
        f"{FILTER_FOR}, between double quotes for {sorted(IN_STRING)}, or trimmed only in "
        f"{sorted(PLAIN_TEXT)} (other files have none yet: add one to local_extensions.py):\n"
        + "\n".join(found)
    )


@pytest.mark.parametrize(
    ("file_name", "source"),
    [
        pytest.param("README.md", "# {{ cookiecutter.project_name }}\n", id="md-raw"),
        pytest.param("x.toml", 'x = "{{ cookiecutter.description | trim }}"', id="toml-unescaped"),
        pytest.param(
            "x.toml",
            "x = {{ cookiecutter.description | trim | in_toml_string }}",
            id="toml-outside-a-string",
        ),
        pytest.param(
            "x.toml",
            "x = '{{ cookiecutter.description | trim | in_toml_string }}'",
            id="toml-in-a-literal-string",
        ),
        pytest.param(
            "x.py",
            "T = {{ cookiecutter.project_name | trim | in_python_string }}",
            id="py-outside-a-string",
        ),
        pytest.param(
            "x.py",
            "T = '{{ cookiecutter.project_name | trim | in_python_string }}'",
            id="py-in-single-quotes",
        ),
        pytest.param(
            "x.py",
            'T = r"{{ cookiecutter.project_name | trim | in_python_string }}"',
            id="py-in-a-raw-string",
        ),
        pytest.param(
            "x.py",
            'T = f"{{ cookiecutter.project_name | trim | in_python_string }}"',
            id="py-in-an-f-string",
        ),
        pytest.param(
            "x.py",
            'T = """{{ cookiecutter.project_name | trim | in_python_string }}"""',
            id="py-in-triple-quotes",
        ),
        pytest.param(
            "x.py",
            'T = "Hi {{ cookiecutter.project_name | trim | in_python_string }}"',
            id="py-part-of-a-string",
        ),
        pytest.param(
            "x.py",
            'T = "{{ cookiecutter.project_name | trim | in_toml_string }}"',
            id="py-with-the-toml-filter",
        ),
        pytest.param(
            "x.py",
            'T = "{{ cookiecutter.project_name | in_python_string | trim }}"',
            id="py-trimmed-after-escaping",
        ),
        pytest.param(
            "x.py", "{{ cookiecutter['author_name'] | trim | x }}", id="py-unknown-filter"
        ),
        pytest.param("x.py", "# % set n = cookiecutter.project_name\n", id="py-set"),
        pytest.param("x.py", "{{ cookiecutter | tojson }}", id="py-all-answers"),
        pytest.param("ci.yml", "k: {{ cookiecutter.project_name | trim }}", id="yml-no-filter"),
        pytest.param(
            "LICENSE",
            "(c) {{ cookiecutter.author_name | trim | markdown_text }}",
            id="plain-text-escaped-as-markdown",
        ),
        pytest.param("LICENSE", "(c) {{ cookiecutter.author_name }}", id="plain-text-untrimmed"),
    ],
)
def test_a_misquoted_answer_would_be_caught(
    jinja_env: jinja2.Environment, file_name: str, source: str
) -> None:
    assert unquoted_answers(jinja_env, source, filters_for(file_name))


@pytest.mark.parametrize(
    ("file_name", "source"),
    [
        pytest.param(
            "README.md", "# {{ cookiecutter.project_name | trim | markdown_text }}\n", id="md"
        ),
        pytest.param(
            "x.toml",
            'a = [{ x = "{{ cookiecutter.author_name | trim | in_toml_string }}", '
            'y = "{{ cookiecutter.author_email | trim | in_toml_string }}" }]',
            id="toml-two-on-a-line",
        ),
        pytest.param(
            "x.py",
            'T = "{{ cookiecutter.project_name | trim | in_python_string }}"  # fmt: skip',
            id="py",
        ),
        pytest.param("LICENSE", "(c) 2026 {{ cookiecutter.author_name | trim }}", id="plain-text"),
    ],
)
def test_an_answer_quoted_for_its_file_passes(
    jinja_env: jinja2.Environment, file_name: str, source: str
) -> None:
    assert unquoted_answers(jinja_env, source, filters_for(file_name)) == []


# The yes/no questions are booleans: the template reads them only as conditions, never
# compares them with a word or prints them.


def options_not_read_as_conditions(jinja_env: jinja2.Environment, source: str) -> list[str]:
    """Each use of a yes/no answer in ``source`` other than as the condition of an
    ``if`` (or a part of one, joined by and, or, not)."""
    tree = jinja_env.parse(source, name="a template file")  # as cookiecutter loads files
    conditions: set[int] = set()

    def mark(node: jinja2.nodes.Node) -> None:
        if isinstance(node, jinja2.nodes.And | jinja2.nodes.Or):
            mark(node.left)
            mark(node.right)
        elif isinstance(node, jinja2.nodes.Not):
            mark(node.node)
        else:
            conditions.add(id(node))

    for node in tree.find_all((jinja2.nodes.If, jinja2.nodes.CondExpr)):
        mark(node.test)
    return [
        f"cookiecutter.{answer_named(node)} at line {node.lineno}"
        for node in tree.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem))
        if answer_named(node) in OPTIONS and id(node) not in conditions
    ]


def template_sources() -> Iterator[tuple[str, str]]:
    """Each path of the project template, and each text file's content, with a label."""
    for path in sorted(PROJECT_TEMPLATE.rglob("*")):
        relative = path.relative_to(TEMPLATE).as_posix()
        yield f"{relative} (path)", relative
        if path.is_file():
            try:
                yield relative, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # cookiecutter copies a binary file as it is


def test_the_template_reads_every_yes_no_answer_only_as_a_condition(
    jinja_env: jinja2.Environment,
) -> None:
    found = [
        f"{label}: {use}"
        for label, source in template_sources()
        for use in options_not_read_as_conditions(jinja_env, source)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('{% if cookiecutter.include_cart == "yes" %}x{% endif %}', id="compared"),
        pytest.param("{% if cookiecutter.include_cart is chosen %}x{% endif %}", id="jinja-test"),
        pytest.param("# % if cookiecutter.include_cart | lower\n# % endif\n", id="filtered"),
        pytest.param("{{ cookiecutter['include_cart'] }}", id="printed"),
        pytest.param(
            "{% if cookiecutter.include_wizard or cookiecutter.include_cart != 'no' %}{% endif %}",
            id="compared-in-an-or",
        ),
    ],
)
def test_a_yes_no_answer_read_as_a_word_would_be_caught(
    jinja_env: jinja2.Environment, source: str
) -> None:
    assert options_not_read_as_conditions(jinja_env, source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("# % if cookiecutter.include_cart\nx\n# % endif\n", id="line-statement"),
        pytest.param(
            "{% if cookiecutter.include_wizard or not cookiecutter.include_cart %}{% endif %}",
            id="joined",
        ),
        pytest.param(
            "{% if x %}{% elif cookiecutter.include_cart and cookiecutter.include_wizard %}"
            "{% endif %}",
            id="elif",
        ),
        pytest.param("{{ 'x' if cookiecutter.include_cart else 'y' }}", id="inline-if"),
    ],
)
def test_a_yes_no_answer_read_as_a_condition_passes(
    jinja_env: jinja2.Environment, source: str
) -> None:
    assert options_not_read_as_conditions(jinja_env, source) == []


# A choice that owns files (sign_in) is compared only with answers it offers, so a
# misspelt answer (== "odic"), false in every bake, cannot hide a block; and it is
# never a yes/no condition, which every answer would pass. Printed, it is one of them.


def condition_parts(test: jinja2.nodes.Node) -> Iterator[jinja2.nodes.Node]:
    """The parts of a condition that and, or and not join."""
    if isinstance(test, jinja2.nodes.And | jinja2.nodes.Or):
        yield from condition_parts(test.left)
        yield from condition_parts(test.right)
    elif isinstance(test, jinja2.nodes.Not):
        yield from condition_parts(test.node)
    else:
        yield test


def choices_misread(jinja_env: jinja2.Environment, source: str) -> list[str]:
    """Each comparison in ``source`` of a choice's answer with anything but answers the
    choice offers, and each use of one as a whole condition."""
    tree = jinja_env.parse(source, name="a template file")
    found = []
    for node in tree.find_all(jinja2.nodes.Compare):
        sides = [node.expr, *(operand.expr for operand in node.ops)]
        for name in {answer_named(side) for side in sides} & set(CHOICES):
            others = [side for side in sides if answer_named(side) != name]
            values = [
                value
                for other in others
                for value in (other.items if isinstance(other, jinja2.nodes.List) else [other])
            ]
            if len(node.ops) != 1 or not all(
                isinstance(v, jinja2.nodes.Const) and v.value in CHOICES[name] for v in values
            ):
                found.append(f"cookiecutter.{name} compared at line {node.lineno}")
    for node in tree.find_all((jinja2.nodes.If, jinja2.nodes.CondExpr)):
        found += [
            f"cookiecutter.{answer_named(part)} as a yes/no condition at line {part.lineno}"
            for part in condition_parts(node.test)
            if answer_named(part) in CHOICES
        ]
    return found


def test_the_template_compares_every_choice_only_with_answers_it_offers(
    jinja_env: jinja2.Environment,
) -> None:
    found = [
        f"{label}: {use}"
        for label, source in template_sources()
        for use in choices_misread(jinja_env, source)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('# % if cookiecutter.sign_in == "odic"\n# % endif\n', id="misspelt"),
        pytest.param("{% if 'odic' != cookiecutter.sign_in %}{% endif %}", id="misspelt-left"),
        pytest.param("{% if cookiecutter.sign_in in ['oidc', 'ldap'] %}{% endif %}", id="in"),
        pytest.param("{% if cookiecutter.sign_in == cookiecutter.x %}{% endif %}", id="variable"),
        pytest.param("{% if cookiecutter.sign_in %}x{% endif %}", id="a-condition"),
        pytest.param("{{ 1 if not cookiecutter['sign_in'] else 2 }}", id="a-negated-condition"),
    ],
)
def test_a_choice_misread_would_be_caught(jinja_env: jinja2.Environment, source: str) -> None:
    assert choices_misread(jinja_env, source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('# % if cookiecutter.sign_in == "oidc"\nx\n# % endif\n', id="equal"),
        pytest.param("{% if cookiecutter['sign_in'] != 'demo' %}{% endif %}", id="not-equal"),
        pytest.param("{% if cookiecutter.sign_in in ['oidc', 'demo'] %}{% endif %}", id="in"),
        pytest.param(
            '# % if cookiecutter.include_cart or cookiecutter.sign_in == "oidc"\n# % endif\n',
            id="joined-with-an-option",
        ),
        pytest.param('"{{ cookiecutter.sign_in | in_python_string }}"', id="printed"),
    ],
)
def test_a_choice_compared_with_answers_it_offers_passes(
    jinja_env: jinja2.Environment, source: str
) -> None:
    assert choices_misread(jinja_env, source) == []


# The hooks read the answers once, as JSON data.
HOOK_LOAD = 'json.loads(r"""{{ cookiecutter | tojson }}""")'


@pytest.mark.parametrize("hook", ["pre_gen_project", "post_gen_project"])
def test_hooks_take_the_answers_once_as_json_data(jinja_env: jinja2.Environment, hook: str) -> None:
    source = (TEMPLATE / "hooks" / f"{hook}.py").read_text(encoding="utf-8")
    tree = jinja_env.parse(source, name=hook)
    (expression,) = [
        node
        for output in tree.find_all(jinja2.nodes.Output)
        for node in output.nodes
        if not isinstance(node, jinja2.nodes.TemplateData)
    ]
    assert isinstance(expression, jinja2.nodes.Filter)
    assert expression.name == "tojson"
    assert source.count(HOOK_LOAD) == 1
    assert not [
        n for n in tree.find_all(jinja2.nodes.Stmt) if not isinstance(n, jinja2.nodes.Output)
    ]


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


def plain_text_misplaced(text: str) -> Iterator[str]:
    for name, value in MARKED.items():
        if text.count(marker_of(value)) != text.count(value):
            yield f"{name} not whole in plain text"


CHECKERS = {".py": python_misplaced, ".toml": toml_misplaced, ".md": markdown_misplaced}


def test_each_answer_lands_only_as_a_whole_literal_of_its_file(baker: Baker) -> None:
    bake = baker(MARKED_CASE)
    found = []
    for relative in sorted(bake.files):
        text = (bake.root / relative).read_text(encoding="utf-8")
        file_name = Path(relative).name
        checker = (
            plain_text_misplaced
            if file_name in PLAIN_TEXT
            else CHECKERS.get(Path(file_name).suffix)
        )
        if checker:
            found += [f"{relative}: {problem}" for problem in checker(text)]
        else:
            found += [
                f"{relative}: {name} in a file with no quoting filter"
                for name, value in MARKED.items()
                if marker_of(value) in text
            ]
    assert not found, "\n".join(found)
