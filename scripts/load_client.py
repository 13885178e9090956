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
and hash). It reads ForwardMsgs until that run's `script_finished`, placing each element
and block at its `delta_path` in its copy of the page, as the frontend's tree does, and
noting for each widget the `fragment_id` of the delta that drew it (none outside
fragments). A click is one more `rerun_script`: the button's trigger, plus the current
value of every widget on the page, inside the fragment and out, as the browser sends them;
a click on a widget a fragment drew also carries that `fragment_id`, and the server then
reruns only the fragment. Its run starts with a `new_session` whose metadata names the
fragment, redraws the fragment's part of the page at the same paths, and ends with
FINISHED_FRAGMENT_RUN_SUCCESSFULLY. At a run's end the tab drops what the run left stale,
by the frontend's rule: after a full run, whatever the run did not draw; after a fragment
run, only what it did not draw inside that fragment's blocks, so the title, navigation and
sidebar of the last full run stay. A click's latency runs from sending it to its
`script_finished`.

Each tab counts its runs of each kind (`full_runs`, `fragment_runs`, its first run
included) and checks each: a click on a fragment's widget must rerun that fragment, any
other click and the first run the whole script. A run of the other kind is counted in
`mismatched_runs` and fails the tab, so it shows among the errors. At the end the page must
read "Clicks: C" (the count's heading, in the bake and every yardstick): a click the server
dropped or ran twice shows there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

import streamlit
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Delta_pb2 import Delta
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


@dataclass(frozen=True)
class Widget:
    """A widget the tab can click: its id, and the fragment whose delta drew it ("" for none)."""

    id: str
    fragment_id: str


@dataclass(frozen=True)
class Node:
    """An element or a block of the page, and the tab's number of the run that drew it."""

    delta: Delta  # a new_element or an add_block, with the delta's fragment_id
    run: int

    @property
    def is_block(self) -> bool:
        return self.delta.WhichOneof("type") == "add_block"


DeltaPath = tuple[int, ...]  # a delta_path: the root container (main, sidebar...), then indices


@dataclass
class Page:
    """What the page shows: its elements and blocks by delta path, and what the tab reads
    from them after each run (its widgets, and the count in its heading)."""

    nodes: dict[DeltaPath, Node] = field(default_factory=dict)
    values: dict[str, WidgetState] = field(default_factory=dict)  # by widget id
    buttons: dict[str, Widget] = field(default_factory=dict)  # by label
    count: int | None = None
    unsent: set[str] = field(default_factory=set)  # widget kinds whose state is not sent
    exceptions: list[str] = field(default_factory=list)

    def apply(self, path: DeltaPath, delta: Delta, run: int) -> None:
        """Put a delta's element or block at ``path``. As in the frontend, an element
        replaces whatever was there; a block keeps the children of a block of its own kind,
        which the run then redraws or leaves stale."""
        kind = delta.WhichOneof("type")
        if kind not in ("new_element", "add_block"):
            return  # a transient (a spinner) shows nothing this tab reads
        old = self.nodes.get(path)
        keeps_children = (
            kind == "add_block"
            and old is not None
            and old.is_block
            and old.delta.add_block.WhichOneof("type") == delta.add_block.WhichOneof("type")
        )
        if not keeps_children:
            self.drop_under(path)
        self.nodes[path] = Node(delta, run)

    def drop_under(self, path: DeltaPath) -> None:
        under = [p for p in self.nodes if len(p) > len(path) and p[: len(path)] == path]
        for p in under:
            del self.nodes[p]

    def clear_stale(self, run: int, fragment_ids: Sequence[str]) -> None:
        """Drop what the finished run left stale, by the frontend's rule: after a full run,
        every node the run did not draw; after a fragment run, the nodes it did not draw
        inside a block of one of its fragments that it redrew. Then read the page again."""
        self.nodes = {
            path: node
            for path, node in self.nodes.items()
            if self.kept(path, node, run, fragment_ids)
        }
        self.read()

    def kept(self, path: DeltaPath, node: Node, run: int, fragment_ids: Sequence[str]) -> bool:
        inside = False  # below a block of a fragment this run reran
        for depth in range(2, len(path)):  # path[:1] is a root container, never a node
            parent = self.nodes.get(path[:depth])
            if parent is None or (parent.run != run and (inside or not fragment_ids)):
                return False
            if parent.delta.fragment_id in fragment_ids and parent.run == run:
                inside = True
        if not fragment_ids:
            return node.run == run
        # Inside a rerun fragment's block, the frontend keeps an element no fragment drew.
        return not inside or node.run == run or not (node.is_block or node.delta.fragment_id)

    def read(self) -> None:
        """What the tab reads from the page, in page order."""
        self.values, self.buttons, self.count = {}, {}, None
        self.unsent, self.exceptions = set(), []
        for path in sorted(self.nodes):
            delta = self.nodes[path].delta
            if not self.nodes[path].is_block:
                self.read_element(delta.new_element, delta.fragment_id)

    def read_element(self, element: Element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "heading" and (shown := COUNT.fullmatch(element.heading.body)):
            self.count = int(shown[1])
        elif kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind in TRIGGERS:
            widget = getattr(element, kind)
            self.buttons[widget.label] = Widget(widget.id, fragment_id)
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
        self.run_number = 0  # the runs the server started for this tab, one new_session each
        self.fragments_this_run: list[str] = []  # the fragments the current run reruns
        self.full_runs = 0
        self.fragment_runs = 0
        self.mismatches: list[str] = []  # runs of another kind than the click asked for

    def rerun_message(self, trigger: Widget | None) -> bytes:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        info = state.context_info  # what a browser in UTC with English settings reports
        info.timezone, info.timezone_offset, info.locale, info.url = "UTC", 0, "en-US", self.url
        # Every widget on the page, for a fragment's rerun too: the browser sends them all.
        state.widget_states.widgets.extend(self.page.values.values())
        if trigger is not None:
            state.widget_states.widgets.add(id=trigger.id, trigger_value=True)
            state.fragment_id = trigger.fragment_id
        return message.SerializeToString()

    async def run(self, trigger: Widget | None = None) -> float:
        """Ask for a script run (a click if ``trigger`` names a button); its seconds."""
        wanted = trigger.fragment_id if trigger is not None else ""
        start = time.perf_counter()
        await self.socket.send(self.rerun_message(trigger))
        try:
            async with asyncio.timeout(RUN_TIMEOUT):
                reran = await self.read_until_finished()
        except TimeoutError:
            # The server answers nothing to a rerun of a fragment it no longer holds.
            asked = f" for a rerun of fragment {wanted}" if wanted else ""
            raise RunFailed(f"no script_finished within {RUN_TIMEOUT:.0f} s{asked}") from None
        seconds = time.perf_counter() - start
        self.count_run(reran, wanted)
        self.unsent |= self.page.unsent
        if self.page.exceptions:
            raise RunFailed(f"the page shows an exception: {self.page.exceptions[0]}")
        return seconds

    def count_run(self, reran: list[str], wanted: str) -> None:
        """Count a finished run by its kind, and note it if the browser expected the other."""
        if reran:
            self.fragment_runs += 1
        else:
            self.full_runs += 1
        if wanted and wanted not in reran:
            got = f"fragments {reran}" if reran else "the full script"
            self.mismatches.append(f"run {self.run_number}: {got}, not fragment {wanted}")
        elif reran and not wanted:
            self.mismatches.append(f"run {self.run_number}: fragments {reran}, not a full run")

    async def read_until_finished(self) -> list[str]:
        """Read ForwardMsgs until a run finishes; the fragments it reran, none for a full
        run. A run cut short for a newer one is skipped and the newer run read instead
        (each run starts with a new_session)."""
        finished = ForwardMsg.ScriptFinishedStatus
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.socket.recv())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.run_number += 1
                self.fragments_this_run = list(message.metadata.run.fragment_ids)
                self.page_hash = message.new_session.page_script_hash or self.page_hash
            elif kind == "navigation" and message.navigation.page_script_hash:
                self.page_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "delta":
                path = tuple(message.metadata.delta_path)
                self.page.apply(path, message.delta, self.run_number)
            elif kind == "script_finished":
                status = message.script_finished
                if status in (
                    finished.FINISHED_SUCCESSFULLY,
                    finished.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                ):
                    fragment_run = status == finished.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                    if fragment_run != bool(self.fragments_this_run):
                        raise RunFailed(
                            f"script finished with {finished.Name(status)} after a "
                            f"new_session naming fragments {self.fragments_this_run}"
                        )
                    self.page.clear_stale(self.run_number, self.fragments_this_run)
                    return self.fragments_this_run
                if status != finished.FINISHED_EARLY_FOR_RERUN:
                    raise RunFailed(f"script finished with {finished.Name(status)}")

    def button(self, label: str) -> Widget:
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
    full_runs: int = 0  # runs of the whole script, each tab's first run included
    fragment_runs: int = 0  # runs of a fragment alone
    mismatched_runs: int = 0  # runs of another kind than the browser expected
    errors: list[str] = field(default_factory=list)
    unsent: set[str] = field(default_factory=set)

    def failed(self, who: str, error: BaseException) -> None:
        self.errors.append(f"{who}: {type(error).__name__}: {error}"[:300])

    def add(self, tab: Tab) -> None:
        self.full_runs += tab.full_runs
        self.fragment_runs += tab.fragment_runs
        self.mismatched_runs += len(tab.mismatches)
        self.unsent |= tab.unsent


async def click(tab: Tab, clicks: int, tally: Tally) -> None:
    """Click "Add 1" ``clicks`` times without pause, then check that each run was of the
    kind the browser expected and that the page counted every click."""
    try:
        for _ in range(clicks):
            tally.click_ms.append(1000 * await tab.run(tab.button(BUTTON)))
    finally:
        tally.add(tab)
    problems = []
    if tab.mismatches:
        problems.append(f"{len(tab.mismatches)} runs of the wrong kind, first {tab.mismatches[0]}")
    if tab.page.count != clicks:
        problems.append(f"the page shows {tab.page.count} clicks after {clicks}")
    if problems:
        raise RunFailed("; ".join(problems))
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
