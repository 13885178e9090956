"""A demo sign-in kept in session state, so that logging out has something to end.

Swap it for st.login (OpenID Connect) or your own identity provider; keep its keys
registered in account/state.py and the reset and log-out flow keeps working.
"""
