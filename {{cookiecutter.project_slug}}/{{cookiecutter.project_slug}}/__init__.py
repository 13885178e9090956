"""The {{ cookiecutter.project_slug }} Streamlit app."""

# The project's name as typed when it was baked: the browser tab's title.
TITLE = {{ cookiecutter.project_name | python_string }}  # fmt: skip
