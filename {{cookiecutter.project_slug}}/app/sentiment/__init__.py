"""The model-cache starter: a sentiment model loaded once per process, results kept per user.

``model.py`` is the one place that knows which model runs; swap it there.
"""
