"""Fixtures that drive the whole app the way a person does, one interaction at a time."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from app import parts, state
from app.pages import ACCOUNT, HOME

ENTRYPOINT = Path(__file__).resolve().parent.parent / "streamlit_app.py"
RUN_TIMEOUT = 120  # seconds


class ScriptRuns:
    """Counts script runs: full runs of streamlit_app.py, and reruns of one part of a
    page alone (app/parts.py). init_state() is the first thing every full run does;
    a part rerunning alone asks parts.rerunning_alone(), and hears yes."""

    def __init__(self) -> None:
        self.full = 0
        self.alone = 0

    @property
    def count(self) -> int:
        return self.full + self.alone

    def wrap(self, init_state):
        def counted_init_state(*args, **kwargs):
            self.full += 1
            return init_state(*args, **kwargs)

        return counted_init_state

    def wrap_alone(self, rerunning_alone):
        def counted_rerunning_alone() -> bool:
            alone = rerunning_alone()
            self.alone += alone
            return alone

        return counted_rerunning_alone


class User:
    """One browser tab on the app. Every action is one interaction: it must cost
    exactly one script run and leave no exception on the page."""

    def __init__(self, runs: ScriptRuns, secrets: dict | None = None) -> None:
        self.runs = runs
        # A bound on one script run, not a pause: AppTest returns as soon as the run ends.
        # On a machine kept busy (CI's), a page's first run, which loads what it needs for
        # the process, took over 30 s.
        self.at = AppTest.from_file(str(ENTRYPOINT), default_timeout=RUN_TIMEOUT)
        for section, values in (secrets or {}).items():
            self.at.secrets[section] = values
        self._interact(self.at.run)

    def _interact(self, action) -> None:
        full, alone = self.runs.full, self.runs.alone
        action()
        assert not self.at.exception, [e.value for e in self.at.exception]
        assert self.runs.count - full - alone == 1, f"{self.runs.count - full - alone} script runs"

    def click(self, key: str) -> User:
        self._interact(self.at.button(key=key).click().run)
        return self

    def type(self, key: str, text: str) -> User:
        self._interact(self.at.text_input(key=key).input(text).run)
        return self

    def double_click(self, key: str) -> User:
        """Click a button twice before the page redraws, as a fast double click does:
        both clicks come from the page as it was drawn, and each is one script run.

        A browser sends that page's input values and the one button clicked. AppTest's
        click().run() also sends every other button, as not clicked: a button the first
        click took off the page would then read as changed and run its callback, which
        no browser does. So the clicks go through AppTest's _run with what a browser
        sends (its signature is the same from Streamlit 1.63 to 1.67)."""
        button = self.at.button(key=key).click()
        sent = WidgetStates(
            widgets=[
                widget
                for widget in button.root.get_widget_states().widgets
                if widget.id == button.id or widget.WhichOneof("value") != "trigger_value"
            ]
        )
        for _ in range(2):
            self._interact(lambda: self.at._run(sent))
        return self

    def set(self, kind: str, key: str, value) -> User:
        """Give any widget a value the way a user would: set("selectbox", ROLE, "Other")."""
        self._interact(getattr(self.at, kind)(key=key).set_value(value).run)
        return self

    def fill(self, key: str, text: str) -> User:
        """Type into a field of an st.form: no script run until the form is submitted,
        which sends what was typed."""
        self.at.text_input(key=key).input(text)
        return self

    def sign_in(self, name: str) -> User:
        """Sign in as ``name``, the way this app's sign-in works."""
        # % if cookiecutter.sign_in == "oidc"
        # As the identity provider's answer does: st.user says who it is, and the app runs.
        self.at.user = {
            "is_logged_in": True,
            "iss": "https://id.example.com",
            "sub": name.lower(),
            "name": name,
            "email": f"{name.lower()}@example.com",
        }
        self._interact(self.at.run)
        # % else
        from app.account.state import NAME_INPUT, SIGN_IN

        # Type a name into the Account page's sign-in form and click Sign in.
        self.fill(NAME_INPUT, name).click(SIGN_IN)
        # % endif
        return self

    def open(self, path: str) -> User:
        self._interact(self.at.switch_page(path).run)
        return self

    @property
    def title(self) -> str:
        return self.at.title[0].value

    @property
    def count(self) -> str:
        """The counter's "Clicks: N" line, under the home page's title."""
        return self.at.main.header[0].value

    @property
    def state(self):
        return self.at.session_state


@pytest.fixture(scope="session", autouse=True)
def scan_for_components_once():
    """Each new AppTest scans the metadata of every installed distribution for custom
    components: half of this suite's time (Streamlit 1.67). What is installed cannot
    change during a test run, so each process scans once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            manifest_scanner,
            "scan_component_manifests",
            functools.cache(manifest_scanner.scan_component_manifests),
        )
        yield


@pytest.fixture
def script_runs(monkeypatch: pytest.MonkeyPatch) -> ScriptRuns:
    runs = ScriptRuns()
    monkeypatch.setattr(state, "init_state", runs.wrap(state.init_state))
    monkeypatch.setattr(parts, "rerunning_alone", runs.wrap_alone(parts.rerunning_alone))
    return runs


@pytest.fixture
def new_user(script_runs: ScriptRuns, tmp_path: Path):
    """Opens a new browser tab (a new session) on the app's home page."""
    # % if cookiecutter.sign_in == "oidc"
    # A signed-in user's work goes to the app's database ([connections.app], see
    # app/database.py): one per test, never data/app.sqlite.
    url = f"sqlite:///{(tmp_path / 'app.sqlite').as_posix()}"
    secrets = {"connections": {"app": {"url": url}}}
    # % else
    secrets = {}
    # % endif
    return lambda: User(script_runs, secrets)


@pytest.fixture
def user(new_user) -> User:
    return new_user()


@pytest.fixture
def signed_in_user(user: User) -> User:
    user.open(ACCOUNT.path).sign_in("Ada")
    return user.open(HOME.path)


@pytest.fixture
def isolated_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lets a test register features without leaking them into other tests."""
    monkeypatch.setattr(state, "_FEATURES", dict(state._FEATURES))
