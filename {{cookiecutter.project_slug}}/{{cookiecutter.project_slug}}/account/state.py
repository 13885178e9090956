"""The signed-in user's session-state keys. "Reset everything" keeps them; log out drops them."""

from __future__ import annotations

from ..state import register

NAME_INPUT = "account.name_input"
USER = "account.user"  # None, or {"name": ...} once signed in
TOKEN = "account.token"  # noqa: S105 (a key name; its value, a session secret, is masked)
ERROR = "account.error"
MAX_NAME_LENGTH = 40

FEATURE = register(
    "account",
    {NAME_INPUT: "", USER: None, TOKEN: None, ERROR: ""},
    keep_on_reset_all=True,
)
