"""Keep a user's answers as typed: out of Jinja, and quoted for each file they land in.

Cookiecutter puts the template's root on sys.path, and cookiecutter.json loads this
module through ``_extensions``, so it runs inside cookiecutter, before any hook.

- Filters escape an answer for the inside of a string of one language, so a template
  file keeps its quotes and stays valid as written: ``in_python_string`` and
  ``in_toml_string`` (between double quotes), and ``markdown_text``. ``tojson`` is not
  enough for TOML: it writes emoji as surrogate pairs, which TOML rejects.
- Cookiecutter renders every value it holds as a Jinja template (``render_variable``),
  so an answer given with ``--no-input`` or ``extra_context`` would be run as Jinja:
  ``{{ 7*7 }}`` became ``49``, ``{% if %}`` a traceback, and ``{{ cycler.__init__... }}``
  code. :meth:`QuoteExtension.preprocess` renders Jinja only where the template wrote
  it and turns any other text cookiecutter renders into a string literal.
- Cookiecutter makes the project folder before the pre-generation hook can refuse a
  slug, and a slug that is no single folder name (``a/b``, ``..``, 300 characters)
  made it leave parent folders behind or stop with a traceback. The project folder's
  name goes through :func:`project_folder`, so such a slug bakes into a stand-in
  folder that the hook's refusal removes.
- A hook that refuses answers exits non-zero; cookiecutter 2.7 then logs its own
  traceback under the hook's message. The refusal already said what was wrong, so
  that traceback is dropped; any other error keeps its own.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

from cookiecutter.exceptions import FailedHookException
from jinja2.ext import Extension

TEMPLATE_ROOT = Path(__file__).resolve().parent


def in_python_string(value: object) -> str:
    """``value`` escaped for the inside of a double-quoted Python string: backslashes,
    double quotes and line breaks escaped, non-ASCII text kept as it is, unprintable
    characters written as escapes."""
    return "".join(_escape_char(char) for char in str(value))


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    return char if char.isprintable() else repr(char)[1:-1]


def in_toml_string(value: object) -> str:
    """``value`` escaped for the inside of a TOML basic string ("..."): JSON's escapes
    are TOML's; non-ASCII text is kept, DEL escaped."""
    quoted = json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
    return quoted[1:-1]


# ASCII punctuation that is markup anywhere in a line, in CommonMark or on GitHub
# (strikethrough ~, math $, tables |, entities &). The rest is markup only where a
# line starts: a list item or a break (- +), an ordered list (1. or 1)).
_MARKUP = re.compile(r"[\\`*_\[\]<>#|~&$]")
_LINE_START_MARKUP = re.compile(r"^(?:[-+]|\d{1,9}(?=[.)]))")


def markdown_text(value: object) -> str:
    """Markdown for one line (a heading's text, a paragraph) that shows ``value`` as
    typed; ordinary punctuation such as ' " , . - stays readable. GitHub still links
    a bare address and turns :name: into an emoji, as it does in any text."""
    text = _MARKUP.sub(r"\\\g<0>", str(value))
    match = _LINE_START_MARKUP.match(text)
    if match is None:
        return text
    end = match.end()
    return text[:end] + "\\" + text[end:] if match[0].isdigit() else "\\" + text


# Most file systems allow 255 bytes in a name; the hook's own limit is far lower.
MAX_FOLDER_NAME_BYTES = 255


def project_folder(name: object) -> str:
    """``name`` if it is one folder name, else a stand-in for the hook to refuse.

    Only names that are no single folder name are replaced (``a/b``, ``..``, a name
    too long for a file system); the pre-generation hook refuses them with its own
    message, and cookiecutter then removes the stand-in folder it made.
    """
    text = str(name)
    if (
        text not in ("", ".", "..")
        and not any(char in text for char in "/\\\0")
        and len(text.encode("utf-8", "surrogatepass")) <= MAX_FOLDER_NAME_BYTES
    ):
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"refused-project-slug-{digest[:12]}"


def jinja_literal(text: str) -> str:
    """Jinja source that renders as ``text`` exactly: one string expression.

    Jinja reads the escapes that ``repr`` writes (``\\n``, ``\\x00``, ``\\U0001f388``).
    """
    return "{{ " + repr(text) + " }}"


class QuoteExtension(Extension):
    """Registers the quoting filters and keeps answers out of Jinja."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["markdown_text"] = markdown_text
        environment.filters["in_python_string"] = in_python_string
        environment.filters["in_toml_string"] = in_toml_string
        environment.filters["project_folder"] = project_folder
        starts = (
            environment.block_start_string,
            environment.variable_start_string,
            environment.comment_start_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
        )
        self._markers = tuple(start for start in starts if start)
        self._authored = authored_texts(TEMPLATE_ROOT)
        # Where template paths start: the root, and the project folder (its name is Jinja).
        project = (path for path in TEMPLATE_ROOT.iterdir() if self._is_jinja(path.name))
        self._path_roots = (TEMPLATE_ROOT, *project)
        self._project_folders = frozenset(root.name for root in self._path_roots[1:])
        logging.getLogger("cookiecutter.hooks").addFilter(drop_refusal_traceback)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """Leave the template's own Jinja as it is; make any other text literal.

        Templates loaded by name are files of the template. Cookiecutter renders
        everything else with ``from_string`` (no name): the values of cookiecutter.json
        (answers included), hook scripts, and paths of the template, which it may put
        behind the output folder's path; that path is kept literal too.
        """
        if name is not None or source in self._authored:
            return source
        if source in self._project_folders:  # the project folder's name, rendered alone
            return f"{{% filter project_folder %}}{source}{{% endfilter %}}"
        prefix, path = self.split_template_path(source)
        return (jinja_literal(prefix) if prefix else "") + path

    def split_template_path(self, source: str) -> tuple[str, str]:
        """Split ``source`` before the first name holding Jinja from which on it names
        a file or folder of the template; with no such name, it is all prefix."""
        parts = re.split(r"([/\\])", source)  # names, each followed by its separator
        for start in range(0, len(parts), 2):
            if self._is_jinja(parts[start]) and any(
                _holds_path(root, parts[start::2]) for root in self._path_roots
            ):
                return "".join(parts[:start]), "".join(parts[start:])
        return source, ""

    def _is_jinja(self, text: str) -> bool:
        return any(marker in text for marker in self._markers)


def _holds_path(root: Path, names: list[str]) -> bool:
    """Whether ``root`` has the path made of ``names``, spelled exactly so (no ..)."""
    folder = root
    for name in names:
        if name in ("", "."):
            continue
        if not folder.is_dir() or name not in {child.name for child in folder.iterdir()}:
            return False
        folder = folder / name
    return True


def authored_texts(root: Path) -> frozenset[str]:
    """What cookiecutter renders of the template's own: the values of cookiecutter.json
    that it renders (keys and items too; not the private settings such as
    ``_jinja2_env_vars``), and the text of every hook."""
    strings: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(key)
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    context = json.loads((root / "cookiecutter.json").read_text(encoding="utf-8"))
    for key, value in context.items():
        if key.startswith("__") or not key.startswith("_"):
            collect(value)
    hooks = root / "hooks"
    if hooks.is_dir():
        strings.update(p.read_text(encoding="utf-8") for p in hooks.iterdir() if p.is_file())
    return frozenset(strings)


def drop_refusal_traceback(record: logging.LogRecord) -> bool:
    """Log a failed hook's message without cookiecutter's own traceback."""
    if record.exc_info and isinstance(record.exc_info[1], FailedHookException):
        record.exc_info = None
        record.exc_text = None
    return True
