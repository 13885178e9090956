"""The AppTest half of scripts/benchmark.py: runs inside a baked project's environment.

`scripts/benchmark.py` starts it with the bake's own `uv run python`, so Streamlit and
vaderSentiment are the versions the baked project installs. Three commands:

    measure --app BAKE --out FILE   runs per interaction, model loads and calls (JSON)
    patterns --out FILE             the seed patterns and a callback, counted (JSON)
    first-run --script FILE --out FILE   seconds of a script's first run in this process

Script runs are counted the same way for every app, baked or seed: Streamlit calls
ScriptRunContext.on_script_start once per run of a script's body, after the callbacks
and before the code, and once more for each run that st.rerun() starts.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Widget

TIMEOUT = 60  # seconds for one AppTest run; a loaded machine is slow, not broken
TEXT_A = "I love this app, it is wonderful."
TEXT_B = "The checkout was slow and the page crashed twice."
# The cart keys each content's inputs with a fresh secrets.token_hex(16): the same
# widget has another key in every session, so keys are compared with it masked.
TOKEN = re.compile(r"[0-9a-f]{32}")


# --- Counting devices -------------------------------------------------------------


class RunCounter:
    """Counts script-body runs of any app in this process (see the module docstring)."""

    def __init__(self) -> None:
        self.count = 0
        original = ScriptRunContext.on_script_start

        def counted(ctx: ScriptRunContext) -> None:
            self.count += 1
            original(ctx)

        ScriptRunContext.on_script_start = counted


class ModelSpy:
    """Counts VADER loads (constructor calls) and model calls (polarity_scores) by
    wrapping the class itself, so every import of it, cached or not, is seen."""

    def __init__(self) -> None:
        self.loads = 0
        self.calls = 0
        # Imported here: a bake without the model starter has no vaderSentiment.
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as cls

        build, score = cls.__init__, cls.polarity_scores

        def counted_build(model: Any, *args: Any, **kwargs: Any) -> None:
            self.loads += 1
            build(model, *args, **kwargs)

        def counted_score(model: Any, text: str) -> Any:
            self.calls += 1
            return score(model, text)

        cls.__init__ = counted_build
        cls.polarity_scores = counted_score


RUNS = RunCounter()


@dataclass
class Outcome:
    """What one interaction cost."""

    runs: int
    seconds: float
    errors: list[str]
    imported: list[str]  # modules first imported during it: a one-time cost per process


class Session:
    """One browser tab on an app, driven through AppTest."""

    def __init__(self, script: Path, secrets: dict[str, Any] | None = None) -> None:
        self.at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
        self.at.secrets.update(secrets or {})
        self.interact(self.at.run)

    def interact(self, run: Callable[[], Any]) -> Outcome:
        """Time one interaction (``run`` is AppTest's run, its widget already set)."""
        before, modules = RUNS.count, set(sys.modules)
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        errors = [str(e.value) for e in self.at.exception]
        return Outcome(RUNS.count - before, seconds, errors, sorted(set(sys.modules) - modules))

    def do(self, action: Action) -> None:
        """An interaction on the way to a state: it must work, or the journey is wrong."""
        outcome = self.interact(action(self))
        if outcome.errors:
            raise RuntimeError(f"the app failed on the way: {outcome.errors}")

    def widget(self, kind: str, key: str) -> Any:
        return getattr(self.at, kind)(key=key)


# An action sets up one interaction on a session and returns the run that sends it.
Action = Callable[[Session], Callable[[], Any]]


def open_page(path: str) -> Action:
    return lambda s: s.at.switch_page(path).run


def click(key: str | Callable[[Session], str]) -> Action:
    """Click the button ``key``, or the key a function reads from the session."""
    return lambda s: s.widget("button", key(s) if callable(key) else key).click().run


def give(kind: str, key: str, value: Any) -> Action:
    return lambda s: s.widget(kind, key).set_value(value).run


def choose_first(kind: str, key: str) -> Action:
    return lambda s: s.widget(kind, key).select_index(0).run


# --- Every widget, and a value a user could give it ---------------------------------


def _another_number(w: Any) -> Any:
    up = (w.value or 0) + w.step
    return up if w.max is None or up <= w.max else w.value - w.step


def _another_index(w: Any) -> int:
    return 1 if (w.index or 0) == 0 and len(w.options) > 1 else 0


# What a user does to each kind of widget: one interaction that changes its value.
ACT: dict[str, Callable[[Any], Any]] = {
    "button": lambda w: w.click(),
    "text_input": lambda w: w.input("typed"),
    "text_area": lambda w: w.input("typed"),
    "selectbox": lambda w: w.select_index(_another_index(w)),
    "radio": lambda w: w.set_value(w.options[_another_index(w)]),
    "number_input": lambda w: w.set_value(_another_number(w)),
    "slider": lambda w: w.set_value(w.min if w.value == w.max else w.max),
    "toggle": lambda w: w.set_value(not w.value),
    "checkbox": lambda w: w.set_value(not w.value),
}


def walk(block: Block) -> Iterator[Any]:
    for child in block.children.values():
        yield child
        if isinstance(child, Block):
            yield from walk(child)


def shown_key(key: str | None) -> str:
    return TOKEN.sub("{token}", key) if key else "(no key)"


def identity(w: Widget) -> tuple[str, str, str]:
    return (w.type, shown_key(w.key), str(getattr(w, "label", "")))


def widgets_of(at: AppTest) -> list[Widget]:
    """Every widget on screen that a user acts on alone, sidebar first, in the order a
    user reads them. A form's field runs nothing: its submit button sends it."""
    return [
        node
        for root in (at.sidebar, at.main)
        for node in walk(root)
        if isinstance(node, Widget) and (node.type == "button" or not in_form(node))
    ]


def in_form(widget: Widget) -> bool:
    return bool(getattr(widget.proto, "form_id", ""))


# --- The baked app's journeys ------------------------------------------------------


@dataclass(frozen=True)
class PageState:
    """A page as a user sees it after ``steps`` from a new session."""

    page: str  # the page's title
    path: str
    reached_by: str
    steps: tuple[Action, ...] = ()


Journey = list[tuple[str, tuple[Action, ...]]]  # (how the state is reached, the steps)


def wizard_journeys(package: str) -> Journey:
    w = importlib.import_module(f"{package}.wizard.state")
    step_2 = (give("text_input", w.NAME, "Ada"), click(w.NEXT[1]))
    step_3 = (*step_2, give("selectbox", w.ROLE, w.ROLES[1]), click(w.NEXT[2]))
    review = (*step_3, give("text_area", w.GOAL, "Build a dashboard"), click(w.NEXT[3]))
    return [
        ("name, Next (step 2)", step_2),
        ("role, Next (step 3)", step_3),
        ("goal, Next (review)", review),
        ("Submit (thanks)", (*review, click(w.SUBMIT))),
    ]


def cart_journeys(package: str) -> Journey:
    c = importlib.import_module(f"{package}.cart.state")

    def add_button(s: Session) -> str:  # its key changes with the cart's content
        return c.add_key(s.at.session_state[c.CHECKOUT_TOKEN])

    line = (choose_first("selectbox", c.PICK_SKU), click(add_button))
    return [
        ("product, Add to cart (a line)", line),
        ("Add to cart, Check out (order placed)", (*line, click(c.CHECK_OUT))),
    ]


def sentiment_journeys(package: str) -> Journey:
    m = importlib.import_module(f"{package}.sentiment.state")
    return [("text, Analyse (a result)", (give("text_area", m.TEXT, TEXT_A), click(m.ANALYSE)))]


def account_journeys(package: str) -> Journey:
    a = importlib.import_module(f"{package}.account.state")
    sign_in = (give("text_input", a.NAME_INPUT, "Ada"), click(a.SIGN_IN))
    return [("name, Sign in (signed in)", sign_in)]


# States past a new session, by slice: where widgets appear only after a step.
JOURNEYS = {
    "wizard": wizard_journeys,
    "cart": cart_journeys,
    "sentiment": sentiment_journeys,
    "account": account_journeys,
}


def page_states(package: str) -> list[PageState]:
    """Each page as a new session shows it, then the states later steps reveal."""
    pages = importlib.import_module(f"{package}.pages").PAGES
    found = [PageState(p.title, p.path, "new session") for p in pages]
    for page in pages:
        if page.name in JOURNEYS:
            for reached_by, steps in JOURNEYS[page.name](package):
                found.append(PageState(page.title, page.path, reached_by, steps))
    return found


class InitStateCalls:
    """The baked tests' own device: init_state() runs first in every run of the app."""

    def __init__(self, package: str) -> None:
        self.count = 0
        module = importlib.import_module(f"{package}.state")
        original = module.init_state

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return original(*args, **kwargs)

        module.init_state = counted


@dataclass
class Row:
    """One interaction with the baked app, and what it cost."""

    page: str
    reached_by: str
    kind: str
    key: str
    label: str
    runs: int | None = None  # counted by on_script_start, as for the seed apps
    init_state_calls: int | None = None  # counted the baked tests' way, as a cross-check
    ms: float | None = None
    errors: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)


class BakedApp:
    def __init__(self, root: Path, orders_db: Path) -> None:
        self.entrypoint = root / "streamlit_app.py"
        self.package = "app"  # every bake's code package, whatever its slug
        self.pages = importlib.import_module(f"{self.package}.pages").PAGES
        self.init_calls = InitStateCalls(self.package)
        # Checkout writes to a throw-away database, as in the baked tests.
        store = f"{self.package}.cart.store"
        connection = importlib.import_module(store).CONNECTION if _has(store) else "orders"
        self.secrets = {"connections": {connection: {"url": f"sqlite:///{orders_db}"}}}

    def reach(self, state: PageState) -> Session:
        """A new session, on the state's page, after its steps."""
        session = Session(self.entrypoint, self.secrets)
        session.do(open_page(state.path))
        for action in state.steps:
            session.do(action)
        return session

    def count(self, row: Row, session: Session, run: Callable[[], Any]) -> Row:
        before = self.init_calls.count
        outcome = session.interact(run)
        row.runs, row.ms, row.errors = outcome.runs, outcome.seconds * 1000, outcome.errors
        row.imported = outcome.imported
        row.init_state_calls = self.init_calls.count - before
        return row

    def measure(self, state: PageState, ident: tuple[str, str, str]) -> Row:
        """One interaction with the widget ``ident`` shows, from a new session."""
        row = Row(state.page, state.reached_by, *ident)
        if ident[0] not in ACT:
            row.errors.append(f"no rule for a {ident[0]} widget: not measured")
            return row
        session = self.reach(state)
        (target,) = [w for w in widgets_of(session.at) if identity(w) == ident]
        return self.count(row, session, ACT[ident[0]](target).run)

    def open_from_menu(self, page: Any) -> Row:
        """Opening ``page`` from the menu, on another page (the home page, or the last)."""
        start = self.pages[-1] if page == self.pages[0] else self.pages[0]
        session = self.reach(PageState(start.title, start.path, "new session"))
        row = Row(page.title, f"menu, from {start.title}", "navigation", page.path, page.title)
        return self.count(row, session, session.at.switch_page(page.path).run)


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def every_interaction(app: BakedApp) -> tuple[list[Row], list[dict[str, Any]]]:
    """Each widget of each page state, measured once, in the first state that shows it;
    and each state visited, with how many widgets it shows and how many were new."""
    rows = [app.open_from_menu(page) for page in app.pages]
    states = []
    seen: set[tuple[str, tuple[str, str, str]]] = set()
    for state in page_states(app.package):
        shown = [identity(w) for w in widgets_of(app.reach(state).at)]
        new = [ident for ident in shown if (state.page, ident) not in seen]
        seen.update((state.page, ident) for ident in new)
        rows += [app.measure(state, ident) for ident in new]
        states.append(
            {
                "page": state.page,
                "reached_by": state.reached_by,
                "widgets": len(shown),
                "new": len(new),
            }
        )
    return rows, states


# --- Seed patterns, written to temporary files --------------------------------------

SEED_COUNTER = """\
import streamlit as st

if "count" not in st.session_state:
    st.session_state.count = 0
if st.button("+1", key="plus_one"):
    st.session_state.count += 1
    st.rerun()
st.write(st.session_state.count)
"""

CALLBACK_COUNTER = """\
import streamlit as st

st.session_state.setdefault("count", 0)


def add_one():
    st.session_state.count += 1


st.button("+1", key="plus_one", on_click=add_one)
st.write(st.session_state.count)
"""

# The guide's wizard: each move sets the step and calls st.rerun().
SEED_WIZARD = """\
import streamlit as st

if "step" not in st.session_state:
    st.session_state.update({"step": 1, "name": "", "role": ""})
if st.session_state.step == 1:
    name = st.text_input("Full name", key="name_input")
    if st.button("Next", key="next_1") and name:
        st.session_state.name = name
        st.session_state.step = 2
        st.rerun()
elif st.session_state.step == 2:
    role = st.selectbox("I am a...", ["Student", "Developer"], key="role_input")
    if st.button("Back", key="back_2"):
        st.session_state.step = 1
        st.rerun()
    if st.button("Next", key="next_2"):
        st.session_state.role = role
        st.session_state.step = 3
        st.rerun()
else:
    st.success(f"Welcome {st.session_state.name}, the {st.session_state.role}!")
    if st.button("Start over", key="start_over"):
        st.session_state.step = 1
        st.rerun()
"""

# The seed-style model page: no st.cache_resource, so the model is built on every run,
# and the text is scored on every run that has one, whatever the interaction was.
SEED_SENTIMENT_PAGE = """\
import streamlit as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

analyzer = SentimentIntensityAnalyzer()
if "prediction" not in st.session_state:
    st.session_state.prediction = None
text = st.text_area("Enter some text to analyse", key="text")
scores = analyzer.polarity_scores(text) if text else None
if st.button("Analyse", key="analyse") and text:
    st.session_state.prediction = {"text": text, "scores": scores}
size = st.slider("Display font size", 10, 24, 14, key="font_size")
details = st.toggle("Show details", key="details")
if st.session_state.prediction:
    st.write(st.session_state.prediction["text"])
    if details:
        st.json(st.session_state.prediction["scores"])
"""

SEED_HOME_PAGE = 'import streamlit as st\n\nst.title("Home")\n'
SEED_MULTIPAGE = """\
import streamlit as st

st.navigation([st.Page("home.py"), st.Page("sentiment.py")]).run()
"""


def write_app(folder: Path, files: dict[str, str]) -> Path:
    """Write an app's files into ``folder``; the first file is its entrypoint."""
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder / next(iter(files))


# Each seed app and the pattern it stands for.
SEED_APPS = {
    "seed_counter.py": (SEED_COUNTER, "seed counter: if st.button(...): add; st.rerun()"),
    "callback_counter.py": (CALLBACK_COUNTER, "callback counter: st.button(..., on_click=add)"),
    "seed_wizard.py": (SEED_WIZARD, "guide's wizard: set the step, then st.rerun()"),
}


@dataclass(frozen=True)
class PatternCase:
    """One interaction with a seed app, after ``steps`` from a new session."""

    id: str
    script: str  # a file of SEED_APPS
    interaction: str
    action: Action
    steps: tuple[Action, ...] = ()


def pattern_cases() -> list[PatternCase]:
    plus_one, wizard = click("plus_one"), "seed_wizard.py"
    name = give("text_input", "name_input", "Ada")
    on_two = (name, click("next_1"))
    return [
        PatternCase("seed-counter", "seed_counter.py", 'click "+1"', plus_one),
        PatternCase("callback-counter", "callback_counter.py", 'click "+1"', plus_one),
        PatternCase("wizard-type", wizard, "type a name (step 1)", name),
        PatternCase("wizard-next-1", wizard, "Next (step 1)", click("next_1"), (name,)),
        PatternCase("wizard-back-2", wizard, "Back (step 2)", click("back_2"), on_two),
        PatternCase("wizard-next-2", wizard, "Next (step 2)", click("next_2"), on_two),
        PatternCase(
            "wizard-start-over",
            wizard,
            "Start over (step 3)",
            click("start_over"),
            (*on_two, click("next_2")),
        ),
    ]


def pattern_rows(folder: Path) -> list[dict[str, Any]]:
    """The seed's patterns and the callback pattern, counted like the baked app."""
    for name, (text, _) in SEED_APPS.items():
        write_app(folder, {name: text})
    rows = []
    for case in pattern_cases():
        session = Session(folder / case.script)
        for action in case.steps:
            session.do(action)
        outcome = session.interact(case.action(session))
        pattern = SEED_APPS[case.script][1]
        rows.append({"id": case.id, "pattern": pattern, "interaction": case.interaction})
        rows[-1].update(asdict(outcome))
    return rows


# --- Model loads and calls ------------------------------------------------------------


@dataclass(frozen=True)
class SentimentKeys:
    page: str
    other_page: str
    text: str
    analyse: str
    size: str
    details: str


def sentiment_sequence(k: SentimentKeys) -> list[tuple[str, Action]]:
    def move(s: Session) -> Callable[[], Any]:
        return ACT["slider"](s.widget("slider", k.size)).run

    def toggle(s: Session) -> Callable[[], Any]:
        return s.widget("toggle", k.details).set_value(True).run

    return [
        ("open the Sentiment page", open_page(k.page)),
        ("type text A", give("text_area", k.text, TEXT_A)),
        ("click Analyse", click(k.analyse)),
        ("move the size slider (1 of 3)", move),
        ("move the size slider (2 of 3)", move),
        ("move the size slider (3 of 3)", move),
        ("toggle Show details", toggle),
        ("click Analyse again (text A)", click(k.analyse)),
        ("type text B", give("text_area", k.text, TEXT_B)),
        ("click Analyse (text B)", click(k.analyse)),
        ("open another page", open_page(k.other_page)),
        ("come back to Sentiment", open_page(k.page)),
    ]


def count_model_use(
    spy: ModelSpy, entrypoint: Path, keys: SentimentKeys, secrets: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Loads, calls and runs of each step, from a new server (empty cache) and session."""
    st.cache_resource.clear()
    spy.loads = spy.calls = 0
    session = Session(entrypoint, secrets)
    rows = []
    for label, action in sentiment_sequence(keys):
        loads, calls, runs = spy.loads, spy.calls, RUNS.count
        session.do(action)
        rows.append(
            {
                "step": label,
                "loads": spy.loads - loads,
                "calls": spy.calls - calls,
                "runs": RUNS.count - runs,
            }
        )
    return rows


def model_use(app: BakedApp, folder: Path) -> dict[str, Any]:
    spy = ModelSpy()
    pages = importlib.import_module(f"{app.package}.pages")
    s = importlib.import_module(f"{app.package}.sentiment.state")
    sentiment = pages.page_named("sentiment")
    baked_keys = SentimentKeys(
        sentiment.path, pages.HOME.path, s.TEXT, s.ANALYSE, s.FONT_SIZE, s.SHOW_DETAILS
    )
    seed = write_app(
        folder,
        {
            "seed_app.py": SEED_MULTIPAGE,
            "home.py": SEED_HOME_PAGE,
            "sentiment.py": SEED_SENTIMENT_PAGE,
        },
    )
    seed_keys = SentimentKeys("sentiment.py", "home.py", "text", "analyse", "font_size", "details")
    return {
        "baked": count_model_use(spy, app.entrypoint, baked_keys, app.secrets),
        "seed": count_model_use(spy, seed, seed_keys),
    }


# --- Commands ---------------------------------------------------------------------------


def versions() -> dict[str, str]:
    from importlib.metadata import version

    return {
        "python": sys.version.split()[0],
        "streamlit": st.__version__,
        "vadersentiment": version("vadersentiment"),
    }


def measure(root: Path) -> dict[str, Any]:
    sys.path.insert(0, str(root))  # the baked package, as its tests import it
    with tempfile.TemporaryDirectory(prefix="benchmark-driver-") as tmp:
        folder = Path(tmp)
        app = BakedApp(root, folder / "orders.sqlite")
        rows, states = every_interaction(app)
        return {
            "versions": versions(),
            "interactions": [asdict(row) for row in rows],
            "states": states,
            "patterns": pattern_rows(folder),
            "model": model_use(app, folder) if _has(f"{app.package}.sentiment") else None,
        }


def first_run(script: Path) -> dict[str, Any]:
    """The first run of ``script`` in this fresh process: its imports and first render."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    start = time.perf_counter()
    at.run()
    return {"seconds": time.perf_counter() - start, "errors": [str(e.value) for e in at.exception]}


def patterns() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="benchmark-driver-") as tmp:
        return {"versions": versions(), "patterns": pattern_rows(Path(tmp))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["measure", "patterns", "first-run"])
    parser.add_argument("--app", type=Path, help="the baked project (measure)")
    parser.add_argument("--script", type=Path, help="the script to start (first-run)")
    parser.add_argument("--out", type=Path, required=True, help="where the JSON goes")
    args = parser.parse_args()
    if args.command == "measure":
        result = measure(args.app.resolve())
    elif args.command == "first-run":
        result = first_run(args.script.resolve())
    else:
        result = patterns()
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
