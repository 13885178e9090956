"""The AppTest half of scripts/benchmark.py: runs inside a baked project's environment.

`scripts/benchmark.py` starts it with the bake's own `uv run python`, so Streamlit and
vaderSentiment are the versions the baked project installs. Each command writes JSON:

    measure --app BAKE --out FILE        seed patterns, timed baked interactions, model use
    patterns --out FILE                  the seed patterns and a callback, counted
    first-run --script FILE --out FILE   seconds of a script's first run in this process

Script runs are counted the same way for every app, baked or seed: Streamlit calls
ScriptRunContext.on_script_start once per run of a script's body, after the callbacks
and before the code, and once more for each run that st.rerun() starts. The baked suite
counts its own way (calls of init_state()) on every widget; this device is independent,
so it can count the seed apps, which have no init_state().
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
from streamlit.testing.v1 import AppTest

TIMEOUT = 60  # seconds for one AppTest run; a loaded machine is slow, not broken
TEXT_A = "I love this app, it is wonderful."
TEXT_B = "The checkout was slow and the page crashed twice."


# --- Counting devices -------------------------------------------------------------

COUNTS: Counter[str] = Counter()  # calls of the methods count_calls wraps, by name


def count_calls(cls: type, method: str, name: str) -> None:
    """Count each call of ``cls.method`` in COUNTS[name]. Wrapped on the class itself, so
    every caller in this process is seen, whichever module imported it."""
    original = getattr(cls, method)

    def counted(*args: Any, **kwargs: Any) -> Any:
        COUNTS[name] += 1
        return original(*args, **kwargs)

    setattr(cls, method, counted)


count_calls(ScriptRunContext, "on_script_start", "runs")  # see the module docstring


def spy_on_the_model() -> None:
    """VADER loads (constructor calls) and model calls (polarity_scores), cached or not.
    Imported here: the patterns command runs without the model."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as model

    count_calls(model, "__init__", "loads")
    count_calls(model, "polarity_scores", "calls")


@dataclass
class Outcome:
    """What one interaction cost."""

    ms: float
    errors: list[str]
    # Its one-time costs in this process: the modules it imported first, counted by
    # top-level package (most first), and full garbage collections, which the objects
    # of a large import set off a few steps later.
    imported: dict[str, int]
    full_gcs: int
    runs: int = 0
    loads: int = 0
    calls: int = 0


def full_collections() -> int:
    return gc.get_stats()[2]["collections"]


class Session:
    """One browser tab on an app, driven through AppTest."""

    def __init__(self, script: Path) -> None:
        self.at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
        self.do(lambda s: s.at.run)  # the page a new tab opens on

    def interact(self, run: Callable[[], Any]) -> Outcome:
        """Time one interaction (``run`` is AppTest's run, its widget already set)."""
        before, modules, gcs = COUNTS.copy(), set(sys.modules), full_collections()
        start = time.perf_counter()
        run()
        ms = (time.perf_counter() - start) * 1000
        new = Counter(name.partition(".")[0] for name in set(sys.modules) - modules)
        errors = [str(e.value) for e in self.at.exception]
        gcs = full_collections() - gcs
        return Outcome(ms, errors, dict(new.most_common()), gcs, **(COUNTS - before))

    def do(self, action: Action) -> Outcome:
        """An interaction that must work: a figure from a broken app means nothing."""
        outcome = self.interact(action(self))
        if outcome.errors:
            raise RuntimeError(f"the app failed: {outcome.errors}")
        return outcome


# An action sets up one interaction on a session and returns the run that sends it.
Action = Callable[[Session], Callable[[], Any]]
Steps = list[tuple[str, Action]]  # (what the user does, how)


def open_page(path: str) -> Action:
    return lambda s: s.at.switch_page(path).run


def click(key: str) -> Action:
    return lambda s: s.at.button(key=key).click().run


def give(kind: str, key: str, value: Any) -> Action:
    return lambda s: getattr(s.at, kind)(key=key).set_value(value).run


def play(session: Session, steps: Steps) -> list[dict[str, Any]]:
    return [{"step": label, **asdict(session.do(action))} for label, action in steps]


def on_a_new_server(script: Path) -> Session:
    """A new session with st.cache_resource empty, as on a server just started."""
    st.cache_resource.clear()
    return Session(script)


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

# Each seed app and the pattern it stands for.
SEED_APPS = {
    "seed_counter.py": (SEED_COUNTER, "seed counter: if st.button(...): add; st.rerun()"),
    "callback_counter.py": (CALLBACK_COUNTER, "callback counter: st.button(..., on_click=add)"),
    "seed_wizard.py": (SEED_WIZARD, "guide's wizard: set the step, then st.rerun()"),
}


def pattern_cases() -> list[tuple[str, str, str, list[Action]]]:
    """(id, seed app, the interaction counted, the actions from a new session to it)."""
    name = give("text_input", "name_input", "Ada")
    on_two = [name, click("next_1")]
    on_three = [*on_two, click("next_2")]
    wizard = "seed_wizard.py"
    return [
        ("seed-counter", "seed_counter.py", 'click "+1"', [click("plus_one")]),
        ("callback-counter", "callback_counter.py", 'click "+1"', [click("plus_one")]),
        ("wizard-type", wizard, "type a name (step 1)", [name]),
        ("wizard-next-1", wizard, "Next (step 1)", on_two),
        ("wizard-back-2", wizard, "Back (step 2)", [*on_two, click("back_2")]),
        ("wizard-next-2", wizard, "Next (step 2)", on_three),
        ("wizard-start-over", wizard, "Start over (step 3)", [*on_three, click("start_over")]),
    ]


def write_app(folder: Path, files: dict[str, str]) -> Path:
    """Write an app's files into ``folder``; the first file is its entrypoint."""
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder / next(iter(files))


def pattern_rows(folder: Path) -> list[dict[str, Any]]:
    """The seed's patterns and the callback pattern, each from a new session."""
    write_app(folder, {name: text for name, (text, _) in SEED_APPS.items()})
    rows = []
    for case_id, script, interaction, actions in pattern_cases():
        session = Session(folder / script)
        for action in actions[:-1]:
            session.do(action)
        outcome = session.interact(actions[-1](session))  # counted, even if it fails
        pattern = SEED_APPS[script][1]
        rows.append({"id": case_id, "pattern": pattern, "interaction": interaction})
        rows[-1].update(asdict(outcome))
    return rows


# --- The baked app's interactions, timed --------------------------------------------


def counter_journey() -> Steps:
    """A short session on the home page, the counter: three clicks, a label, a reset."""
    counter = importlib.import_module("app.counter.state")
    add_one = click(counter.ADD_ONE)
    return [
        *[(f"Add 1 ({n} of 3)", add_one) for n in (1, 2, 3)],
        ("type a label", give("text_input", counter.LABEL, "Cups of tea")),
        ("Reset", click(counter.RESET)),
    ]


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

SEED_MULTIPAGE = {
    "seed_app.py": 'import streamlit as st\n\nst.navigation([st.Page("home.py"), '
    'st.Page("sentiment.py")]).run()\n',
    "home.py": 'import streamlit as st\n\nst.title("Home")\n',
    "sentiment.py": SEED_SENTIMENT_PAGE,
}


@dataclass(frozen=True)
class SentimentKeys:
    page: str
    other_page: str
    text: str
    analyse: str
    size: str
    details: str


SEED_KEYS = SentimentKeys("sentiment.py", "home.py", "text", "analyse", "font_size", "details")


def baked_keys() -> SentimentKeys:
    pages = importlib.import_module("app.pages")
    s = importlib.import_module("app.sentiment.state")
    sentiment = pages.page_named("sentiment").path
    return SentimentKeys(sentiment, pages.HOME.path, s.TEXT, s.ANALYSE, s.FONT_SIZE, s.SHOW_DETAILS)


def sentiment_session(k: SentimentKeys) -> Steps:
    """Twelve steps; only three of them ask for an analysis, one of a text seen before."""

    def move(s: Session) -> Callable[[], Any]:  # to the other end of the slider
        w = s.at.slider(key=k.size)
        return w.set_value(w.min if w.value == w.max else w.max).run

    return [
        ("open the Sentiment page", open_page(k.page)),
        ("type text A", give("text_area", k.text, TEXT_A)),
        ("click Analyse", click(k.analyse)),
        *[(f"move the size slider ({n} of 3)", move) for n in (1, 2, 3)],
        ("toggle Show details", give("toggle", k.details, True)),
        ("click Analyse again (text A)", click(k.analyse)),
        ("type text B", give("text_area", k.text, TEXT_B)),
        ("click Analyse (text B)", click(k.analyse)),
        ("open another page", open_page(k.other_page)),
        ("come back to Sentiment", open_page(k.page)),
    ]


# --- Commands ---------------------------------------------------------------------------


def versions() -> dict[str, str]:
    return {
        "python": sys.version.split()[0],
        "streamlit": st.__version__,
        "vadersentiment": version("vadersentiment"),
    }


def measure(root: Path) -> dict[str, Any]:
    sys.path.insert(0, str(root))  # the baked package, as its tests import it
    entrypoint = root / "streamlit_app.py"
    spy_on_the_model()
    with tempfile.TemporaryDirectory(prefix="benchmark-driver-") as tmp:
        folder = Path(tmp)
        seed = write_app(folder, SEED_MULTIPAGE)
        return {
            "versions": versions(),
            "patterns": pattern_rows(folder),
            "counter": play(Session(entrypoint), counter_journey()),
            "sentiment": {
                "baked": play(on_a_new_server(entrypoint), sentiment_session(baked_keys())),
                "seed": play(on_a_new_server(seed), sentiment_session(SEED_KEYS)),
            },
        }


def first_run(script: Path) -> dict[str, Any]:
    """The first run of ``script`` in this fresh process: its imports and first render."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    start = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{script} failed: {[e.value for e in at.exception]}")
    return {"seconds": seconds}


def patterns() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="benchmark-driver-") as tmp:
        return {"patterns": pattern_rows(Path(tmp))}


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
