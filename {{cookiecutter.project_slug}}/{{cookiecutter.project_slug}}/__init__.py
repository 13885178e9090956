"""The {{ cookiecutter.project_slug }} Streamlit app."""

# The project's name as typed when it was baked: the browser tab's title. It may be in
# any script, so ruff is told not to flag letters that look Latin (RUF001), if any.
TITLE = {{ cookiecutter.project_name | trim | python_string }}  # noqa: RUF001, RUF100  # fmt: skip
