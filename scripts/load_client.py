"""The websocket half of scripts/load_benchmark.py: many browser tabs on one Streamlit server.

`scripts/load_benchmark.py` starts it with the bake's own `uv run python`, so the protobufs
it speaks are those of the server's Streamlit. It talks to one server on this machine,
ws://127.0.0.1:PORT/_stcore/stream, and nothing else. Each command writes JSON:

    load --port P --sessions N --clicks C --out FILE
        N tabs open the page, then all of them click "Add 1" C times without pause
    churn --port P --sessions M --clicks C --parallel K --out FILE
        M tabs come and go, K open at once: each opens the page, clicks C times, closes

Both take --deadline SECONDS: then every tab stops, and what was measured is written.

A tab does what the browser does. It connects with the "streamlit" subprotocol and asks
for a run of the page (a `rerun_script` BackMsg: no widget states, the page's query string
and hash). It reads ForwardMsgs until that run's `script_finished`, noting the widgets the
run drew and their values. A click is one more `rerun_script`: the button's trigger, plus
the current value of every other widget on the page, as the browser sends them. A click's
latency runs from sending it to its `script_finished`. At the end the page must read
"Clicks: C": a click the server dropped or ran twice shows there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

import streamlit
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

BUTTON = "Add 1"  # the label of the button every tab clicks, in the bake and the bare app
COUNT = re.compile(r"Clicks: (\d+)")  # the heading that shows the count
RUN_TIMEOUT = 60.0  # seconds for one script run: a loaded server is slow, not broken
LIMITS = {"sessions": 2000, "clicks": 1000, "deadline": 3600.0, "parallel": 100}  # bounds

# Widgets whose state is a trigger: the browser sends one only for the click itself.
TRIGGERS = {"button", "download_button", "link_button"}


class RunFailed(Exception):
    """A script run that did not finish as a user would want: an exception, a timeout."""


# --- One tab -----------------------------------------------------------------------------


def widget_value(element: Element) -> WidgetState | None:
    """The state the browser holds for a value widget as the server drew it; None for a
    trigger, or a kind this client does not know (listed in the output as not sent)."""
    kind = element.WhichOneof("type")
    widget = getattr(element, kind)
    if kind in ("text_input", "text_area"):
        return WidgetState(
            id=widget.id, string_value=widget.value if widget.set_value else widget.default
        )
    if kind == "checkbox":  # st.checkbox and st.toggle
        return WidgetState(
            id=widget.id, bool_value=widget.value if widget.set_value else widget.default
        )
    return None


@dataclass
class Page:
    """What the tab's last script run drew: its widgets, and the count in its title."""

    values: dict[str, WidgetState] = field(default_factory=dict)  # by widget id
    buttons: dict[str, str] = field(default_factory=dict)  # label -> widget id
    count: int | None = None
    unsent: set[str] = field(default_factory=set)  # widget kinds whose state is not sent
    exceptions: list[str] = field(default_factory=list)

    def draw(self, element: Element) -> None:
        kind = element.WhichOneof("type")
        if kind == "heading" and (shown := COUNT.fullmatch(element.heading.body)):
            self.count = int(shown[1])
        elif kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind in TRIGGERS:
            self.buttons[getattr(element, kind).label] = getattr(element, kind).id
        elif (state := widget_value(element)) is not None:
            self.values[state.id] = state
        elif getattr(getattr(element, kind), "id", ""):
            self.unsent.add(kind)


class Tab:
    """One browser tab on the app's home page, over its own websocket."""

    def __init__(self, socket: ClientConnection, port: int) -> None:
        self.socket = socket
        self.url = f"http://127.0.0.1:{port}/"
        self.page = Page()
        self.unsent: set[str] = set()  # every widget kind whose state this tab did not send
        self.page_hash = ""  # the current page's script hash, once the server names it
        self.query = ""

    def rerun_message(self, trigger: str | None) -> bytes:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        info = state.context_info  # what a browser in UTC with English settings reports
        info.timezone, info.timezone_offset, info.locale, info.url = "UTC", 0, "en-US", self.url
        state.widget_states.widgets.extend(self.page.values.values())
        if trigger is not None:
            state.widget_states.widgets.add(id=trigger, trigger_value=True)
        return message.SerializeToString()

    async def run(self, trigger: str | None = None) -> float:
        """Ask for a script run (a click if ``trigger`` names a button); its seconds."""
        start = time.perf_counter()
        await self.socket.send(self.rerun_message(trigger))
        try:
            async with asyncio.timeout(RUN_TIMEOUT):
                await self.read_until_finished()
        except TimeoutError:
            raise RunFailed(f"no script_finished within {RUN_TIMEOUT:.0f} s") from None
        seconds = time.perf_counter() - start
        self.unsent |= self.page.unsent
        if self.page.exceptions:
            raise RunFailed(f"the page shows an exception: {self.page.exceptions[0]}")
        return seconds

    async def read_until_finished(self) -> None:
        """Read ForwardMsgs until a run finishes; a run cut short for a newer one is skipped
        and the newer run's page read instead (each run starts with a new_session)."""
        finished = ForwardMsg.ScriptFinishedStatus
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.socket.recv())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page = Page()
                self.page_hash = message.new_session.page_script_hash or self.page_hash
            elif kind == "navigation" and message.navigation.page_script_hash:
                self.page_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self.page.draw(message.delta.new_element)
            elif kind == "script_finished":
                status = message.script_finished
                if status == finished.FINISHED_SUCCESSFULLY:
                    return
                if status != finished.FINISHED_EARLY_FOR_RERUN:
                    raise RunFailed(f"script finished with {finished.Name(status)}")

    def button(self, label: str) -> str:
        if label not in self.page.buttons:
            raise RunFailed(f"no {label!r} button on the page; buttons: {list(self.page.buttons)}")
        return self.page.buttons[label]


async def open_tab(stack: AsyncExitStack, port: int) -> tuple[Tab, float]:
    """A new tab on the home page, and the seconds of its first run; the stack closes it."""
    socket = await stack.enter_async_context(
        connect(
            f"ws://127.0.0.1:{port}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]  # a Subprotocol is a str
            open_timeout=RUN_TIMEOUT,
            max_size=2**24,
        )
    )
    tab = Tab(socket, port)
    return tab, await tab.run()


# --- Commands ----------------------------------------------------------------------------


@dataclass
class Tally:
    """What a command saw; the orchestrator computes rates and percentiles from it."""

    streamlit: str = streamlit.__version__
    open_ms: list[float] = field(default_factory=list)  # first run of each tab
    click_ms: list[float] = field(default_factory=list)  # each click, until its run finished
    clicks_seconds: float = 0.0  # wall time of the clicking, all tabs together
    seconds: float = 0.0  # wall time of the whole command
    tabs_done: int = 0  # tabs that did all their clicks and showed the right count
    errors: list[str] = field(default_factory=list)
    unsent: set[str] = field(default_factory=set)

    def failed(self, who: str, error: BaseException) -> None:
        self.errors.append(f"{who}: {type(error).__name__}: {error}"[:300])


async def click(tab: Tab, clicks: int, tally: Tally) -> None:
    """Click "Add 1" ``clicks`` times without pause, then check the page counted them all."""
    try:
        for _ in range(clicks):
            tally.click_ms.append(1000 * await tab.run(tab.button(BUTTON)))
    finally:
        tally.unsent |= tab.unsent
    if tab.page.count != clicks:
        raise RunFailed(f"the page shows {tab.page.count} clicks after {clicks}")
    tally.tabs_done += 1


async def guarded(who: str, work: Awaitable[None], tally: Tally) -> None:
    """Await ``work``; a failure is counted, and the other tabs go on."""
    try:
        await work
    except Exception as error:  # a failed run, a closed websocket, a frame no ForwardMsg
        tally.failed(who, error)


async def load(port: int, sessions: int, clicks: int, tally: Tally) -> None:
    """All tabs open first; then all click at once, so the server has ``sessions`` users
    clicking for the whole measure."""
    async with AsyncExitStack() as stack:
        opened: list[Tab] = []

        async def open_one() -> None:
            tab, seconds = await open_tab(stack, port)
            tally.open_ms.append(1000 * seconds)
            opened.append(tab)

        await asyncio.gather(
            *(guarded(f"tab {n} opening", open_one(), tally) for n in range(sessions))
        )
        start = time.perf_counter()
        await asyncio.gather(
            *(guarded(f"tab {n}", click(tab, clicks, tally), tally) for n, tab in enumerate(opened))
        )
        tally.clicks_seconds = time.perf_counter() - start


async def churn(port: int, sessions: int, clicks: int, parallel: int, tally: Tally) -> None:
    """Tabs that come and go: each opens, clicks, checks its count and closes; at most
    ``parallel`` are open at once."""
    gate = asyncio.Semaphore(parallel)

    async def visit() -> None:
        async with gate, AsyncExitStack() as stack:
            tab, seconds = await open_tab(stack, port)
            tally.open_ms.append(1000 * seconds)
            await click(tab, clicks, tally)

    start = time.perf_counter()
    await asyncio.gather(*(guarded(f"tab {n}", visit(), tally) for n in range(sessions)))
    tally.clicks_seconds = time.perf_counter() - start


async def within_deadline(command: str, args: argparse.Namespace, tally: Tally) -> None:
    """Run the command; at the deadline, stop every tab and report what was measured."""
    start = time.perf_counter()
    try:
        async with asyncio.timeout(args.deadline):
            if command == "load":
                await load(args.port, args.sessions, args.clicks, tally)
            else:
                await churn(args.port, args.sessions, args.clicks, args.parallel, tally)
    except TimeoutError:
        tally.errors.append(f"deadline: stopped after {args.deadline:.0f} s")
    tally.seconds = time.perf_counter() - start


def bounded(name: str, kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type that refuses values above LIMITS[name] (and below 1)."""

    def parse(text: str) -> float:
        value = kind(text)
        if not 0 < value <= LIMITS[name]:
            raise argparse.ArgumentTypeError(f"{name} must be in 1..{LIMITS[name]}")
        return value

    return parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["load", "churn"])
    parser.add_argument("--port", type=int, required=True, help="the server's port on 127.0.0.1")
    parser.add_argument("--sessions", type=bounded("sessions", int), required=True)
    parser.add_argument("--clicks", type=bounded("clicks", int), required=True)
    parser.add_argument("--deadline", type=bounded("deadline", float), default=600.0)
    parser.add_argument("--parallel", type=bounded("parallel", int), default=10, help="churn")
    parser.add_argument("--out", type=Path, required=True, help="where the JSON goes")
    args = parser.parse_args()
    tally = Tally()
    asyncio.run(within_deadline(args.command, args, tally))
    result = {**asdict(tally), "unsent": sorted(tally.unsent)}
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    if tally.errors:
        print(f"{len(tally.errors)} errors; the first: {tally.errors[0]}", file=sys.stderr)


if __name__ == "__main__":
    main()
