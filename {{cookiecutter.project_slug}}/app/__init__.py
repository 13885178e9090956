"""The Streamlit app: one folder per page, and the state rules they share."""

# The project's name as typed when it was baked: the browser tab's title. It may be in
# any script, so ruff is told not to flag letters that look Latin (RUF001), if any;
# fmt: skip keeps the quotes the template wrote, whatever the name holds.
TITLE = "{{ cookiecutter.project_name | trim | in_python_string }}"  # noqa: RUF001, RUF100  # fmt: skip
