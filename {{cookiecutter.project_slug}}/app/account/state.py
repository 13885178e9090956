"""The account's session-state keys.
# % if cookiecutter.sign_in == "oidc"
With st.login the identity lives in Streamlit's cookie, not in session state (see
oidc.py): the account registers no key, and "Reset this page" leaves it as it is.
# % else
Two features, because they reset differently: "Reset everything" and the Account
page's "Reset this page" clear the form and keep the user signed in; only log out
(which clears the whole session) signs the user out.
# % endif
"""

from __future__ import annotations

# % if cookiecutter.sign_in == "demo"
from app.state import Key

# % endif
from ..state import register

# % if cookiecutter.sign_in == "oidc"
FEATURE = register("account", [])  # what the Account page's "Reset this page" resets

LOG_IN = "account.log_in"
# % else
USER = Key[dict[str, str] | None]("account.user", None)  # {"name": ...} once signed in
# Stands in for the credential a real sign-in keeps; the inspector masks it.
TOKEN = Key[str | None]("account.token", None)
IDENTITY = register("account", [USER, TOKEN], keep_on_reset_all=True)

NAME_INPUT = Key("account.name_input", "")
ERROR = Key("account.error", "")
MAX_NAME_LENGTH = 40
SIGN_IN_FORM = register("account.sign_in_form", [NAME_INPUT, ERROR])
FEATURE = SIGN_IN_FORM  # what the Account page's "Reset this page" resets

SIGN_IN_FORM_KEY = "account.form"  # the st.form's own key
SIGN_IN = "account.sign_in"
# % endif
LOG_OUT = "account.log_out"  # the page's own Log out; the sidebar has one too
