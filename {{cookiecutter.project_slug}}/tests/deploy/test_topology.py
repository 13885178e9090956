"""Two replicas behind nginx, one database: what scaling out must keep for a user.

Each browser below is a new profile, so a new routing cookie and a new session. nginx's
access log (conftest.py) says which replica served each routing cookie; stopping a
replica then shows the same from the other side: the sessions it held start over, the
others go on as if nothing happened.
"""

from __future__ import annotations

import time

import served
from playwright.sync_api import expect

MIN_SESSIONS = 6
MAX_SESSIONS = 16  # more only while every session lands on one replica: 2**-15 at 50/50
PRODUCTS = ("HB pencil · $0.29", "Paper clips (box of 100) · $0.10")


class Session(served.Tab):
    """One browser, its own profile and so its own routing cookie, on the app through
    nginx. Each interaction waits for the script run it causes."""

    def __init__(self, number: int, browser, url: str) -> None:
        self.number = number
        self.clicks = 0  # what the counter should show
        self.checkouts = 0
        super().__init__(browser, url, name=f"session {number}")

    @property
    def route(self) -> str:
        (cookie,) = [c["value"] for c in self.context.cookies() if c["name"] == "route"]
        return cookie

    @property
    def heading(self):
        """The counter's "Clicks: N" line."""
        return self.page.get_by_test_id("stMain").locator("h2").first

    def click(self, name: str) -> None:
        with self.interaction():
            self.page.get_by_role("button", name=name, exact=True).click()

    def open(self, name: str) -> None:
        with self.interaction():
            self.page.get_by_role("link", name=name, exact=True).click()
        expect(self.page.locator("h1").first).to_have_text(name)

    def add_one(self, times: int) -> None:
        for _ in range(times):
            self.click("Add 1")
            self.clicks += 1
        expect(self.heading).to_have_text(f"Clicks: {self.clicks}")

    # % if cookiecutter.include_cart
    def check_out(self) -> None:
        """Put a product in the cart, another than last time, and place the order."""
        self.open("Shop")
        self.page.get_by_test_id("stSelectbox").filter(has_text="Product").click()
        with self.interaction():
            self.page.get_by_role("option", name=PRODUCTS[self.checkouts % 2], exact=True).click()
        self.click("Add to cart")
        self.click("Check out")
        expect(self.page.get_by_test_id("stAlert")).to_contain_text("placed:")
        self.checkouts += 1
        self.open("Counter")

    # % endif
    def close(self) -> None:
        self.context.close()


# % if cookiecutter.include_cart
def orders_in(topology) -> tuple[int, int]:
    """The orders in PostgreSQL: how many rows, how many distinct checkouts."""
    import psycopg

    with psycopg.connect(topology.database) as db:
        return db.execute(
            "SELECT count(*), count(DISTINCT checkout_token) FROM shop_orders"
        ).fetchone()


# % endif
def replica_of(session: Session, topology) -> str:
    """The one replica nginx's log shows serving this session's routing cookie."""
    served = topology.routes().get(session.route, set())
    assert len(served) == 1, f"session {session.number} was served by {served or 'none'}"
    return next(iter(served))


def open_sessions(browser, topology, sessions: list[Session]) -> dict[str, list]:
    """Open sessions until there are MIN_SESSIONS and both replicas hold some."""
    on: dict[str, list[Session]] = {replica.name: [] for replica in topology.replicas}
    while len(sessions) < MIN_SESSIONS or not all(on.values()):
        assert len(sessions) < MAX_SESSIONS, f"{len(sessions)} sessions, all on one replica"
        sessions.append(Session(len(sessions) + 1, browser, topology.url))
        on[replica_of(sessions[-1], topology)].append(sessions[-1])
    return on


def numbers(sessions: list[Session]) -> str:
    return " ".join(str(session.number) for session in sessions)


def test_two_replicas_share_one_database_and_the_sessions_of_one_outlive_the_other(
    topology, browser, summary
) -> None:
    started = time.monotonic()
    sessions: list[Session] = []
    try:
        on = open_sessions(browser, topology, sessions)
        # Clicks taken in turn, so the replicas serve them interleaved: each session
        # counts its own, from where it was, on the replica it started on.
        for round_ in range(3):
            for session in sessions:
                session.add_one(1 + (session.number + round_) % 2)
        lines = [
            f"{len(sessions)} sessions through nginx to {len(topology.replicas)} replicas "
            f"(servers up in {topology.start_seconds:.1f} s)",
            "  " + "; ".join(f"{name}: sessions {numbers(held)}" for name, held in on.items()),
            "  every request of a session went to one replica (nginx's log, by routing cookie)",
            "  counts: " + ", ".join(f"session {s.number}: {s.clicks}" for s in sessions),
        ]
        # % if cookiecutter.include_cart
        placed = 0
        for session in sessions:
            session.check_out()
            placed += 1
        rows, distinct = orders_in(topology)
        assert (rows, distinct) == (placed, placed)
        lines.append(
            f"  checkouts from both replicas: {placed}; in PostgreSQL: {rows} rows, {distinct} distinct"
        )
        # % endif
        for session in sessions:  # still each on one replica, after every request
            replica_of(session, topology)

        stopped, survivor = topology.replicas
        stopped.stop()
        before = {session.number: session.clicks for session in on[survivor.name]}
        for session in on[survivor.name]:
            session.add_one(2)
            # % if cookiecutter.include_cart
            session.check_out()
            placed += 1
            # % endif
            assert replica_of(session, topology) == survivor.name
        for session in on[stopped.name]:
            # Its clicks lived in the stopped process. Reloaded, the page reaches the
            # survivor through nginx, in a new session that starts over.
            with session.interaction():
                session.page.reload()
            expect(session.heading).to_have_text("Clicks: 0")
            session.clicks = 0
            session.add_one(1)
            assert topology.routes()[session.route] == {stopped.name, survivor.name}
        went_on = ", ".join(
            f"session {s.number} went on {before[s.number]} -> {s.clicks}"
            for s in on[survivor.name]
        )
        # % if cookiecutter.include_cart
        went_on += ", each checked out again"
        # % endif
        lines += [
            f"  {stopped.name} stopped: on {survivor.name}, {went_on}",
            f"  sessions {numbers(on[stopped.name])}, reloaded, reached {survivor.name} "
            "and started over at 0",
        ]
        # % if cookiecutter.include_cart
        rows, distinct = orders_in(topology)
        assert (rows, distinct) == (placed, placed), "an order placed was lost"
        lines.append(
            f"  orders placed: {placed}; in PostgreSQL: {rows} rows, {distinct} distinct: none lost"
        )
        # % endif
        lines.append(f"  browsers: {time.monotonic() - started:.1f} s")
        summary(lines)
    finally:
        for session in sessions:
            session.close()
