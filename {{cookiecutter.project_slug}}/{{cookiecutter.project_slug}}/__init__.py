"""The {{ cookiecutter.project_slug }} app: a Streamlit app whose session state follows the rules."""
