"""The Account page and who is signed in.

The app's sign-in is one module with the same functions whichever way it signs users
in; the rest of the app calls it as ``identity``:

display_name()          who is signed in, or None
subject()               a lasting id for the user's saved work, or None
render_account_page()   the Account page's content
sync_saved_work()       first thing in a run: the user's saved work, as their tabs left it
run_page(page)          runs the current page, with whatever the sign-in adds around it
save_after_part()       after a part of a page reran alone: save what it changed
"""

import importlib

# % if cookiecutter.sign_in == "oidc"
# oidc.py: st.login through an identity provider, and the user's work kept between visits.
# % else
# demo.py: a name typed into a form, kept in session state.
# % endif
identity = importlib.import_module(".{{ cookiecutter.sign_in | in_python_string }}", __name__)
