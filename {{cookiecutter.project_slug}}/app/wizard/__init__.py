"""The onboarding wizard: name, role and goal over three steps, then a review and Submit.

state.py declares the keys, rules.py says what a complete answer is and which step may
show, callbacks.py moves between steps and records submissions, page.py draws it.
"""
