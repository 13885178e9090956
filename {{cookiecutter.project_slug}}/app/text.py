"""Show what a user typed as text, never as markup."""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; escaping all of it also
# covers Streamlit's own syntax (:emoji:, :color[...], $math$).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def literal(text: str) -> str:
    """Markdown that renders as ``text`` exactly, for st.title, st.caption and friends.

    No markup survives: ``[name](url)``, ``*bold*`` and ``:red[x]`` show as typed. A bare
    address such as https://example.com still becomes a link (GitHub's autolinks), one
    that shows where it goes.
    """
    return _PUNCTUATION.sub(r"\\\1", text)
