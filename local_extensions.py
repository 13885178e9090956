"""Jinja filters that quote a user's answer for the language of the file it lands in.

Cookiecutter puts the template's root on sys.path, and cookiecutter.json loads this
module through ``_extensions``. ``tojson`` is not enough: it writes emoji as
surrogate pairs, which TOML rejects and Python turns into broken strings.
"""

from __future__ import annotations

import json

from jinja2.ext import Extension


def python_string(value: object) -> str:
    """A Python string literal, quoted the way ``ruff format`` leaves it.

    Double quotes unless the text holds more double than single quotes; non-ASCII
    text is kept as it is, unprintable characters are escaped.
    """
    text = str(value)
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + "".join(_escape_char(char, quote) for char in text) + quote


_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str, quote: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char == quote:
        return "\\" + char
    return char if char.isprintable() else repr(char)[1:-1]


def toml_string(value: object) -> str:
    """A TOML basic string: JSON's escapes are TOML's, non-ASCII kept, DEL escaped."""
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


class QuoteExtension(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["python_string"] = python_string
        environment.filters["toml_string"] = toml_string
