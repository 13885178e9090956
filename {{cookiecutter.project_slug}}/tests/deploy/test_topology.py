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

# % if cookiecutter.sign_in == "oidc"
USERS = ("ada", "grace", "alan", "edsger", "barbara")  # the provider's subjects, a browser each
# % endif
MIN_SESSIONS = 6
MAX_SESSIONS = 16  # more only while every session lands on one replica: 2**-15 at 50/50


# % if cookiecutter.include_cart
class Product:
    """A product of the shop's catalog, as a test puts it in a cart."""

    def __init__(self, name: str, price: str, cents: int) -> None:
        self.name = name
        self.price = price  # as the shop shows it
        self.cents = cents

    @property
    def option(self) -> str:
        """The product as the Product box offers it."""
        return f"{self.name} · {self.price}"


# % if cookiecutter.sign_in == "oidc"
NOT_PLACED = (
    "Your order was not placed: the orders database did not answer. Your cart is "
    "unchanged; try again in a moment."
)
NOT_SAVED = "cannot be saved for your next visit just now"  # the sidebar's notice
DOOMED_USERS, SURVIVING_USERS = 3, 2  # the checkout burst's browsers on each replica
# % endif
# A signed-in USERS[n]'s cart holds PRODUCTS[n] alone: an order's lines say whose it was.
PRODUCTS = (
    Product("HB pencil", "$0.29", 29),
    Product("Paper clips (box of 100)", "$0.10", 10),
    Product("Eraser", "$0.65", 65),
    Product("Black gel pen", "$1.15", 115),
    Product("30 cm ruler", "$1.99", 199),
)


# % endif
class Session(served.Tab):
    """One browser, its own profile and so its own routing cookie, on the app through
    nginx. Each interaction waits for the script run it causes."""

    def __init__(self, number: int, browser, url: str) -> None:
        self.number = number
        self.clicks = 0  # what the counter should show
        self.checkouts = 0
        super().__init__(browser, url, name=f"session {number}")

    # % if cookiecutter.include_cart
    def check_out(self) -> None:
        """Put a product in the cart, another than last time, and place the order."""
        self.open("Shop")
        self.choose("Product", PRODUCTS[self.checkouts % 2].option)
        self.click("Add to cart")
        self.click("Check out")
        expect(self.page.get_by_test_id("stAlert")).to_contain_text("placed:")
        self.checkouts += 1
        self.open("Counter")

    # % endif
    @property
    def heading(self):
        """The counter's "Clicks: N" line."""
        return self.page.get_by_test_id("stMain").locator("h2").first

    def add_one(self, times: int) -> None:
        for _ in range(times):
            self.click("Add 1")
            self.clicks += 1
        expect(self.heading).to_have_text(f"Clicks: {self.clicks}")


# % if cookiecutter.include_cart
def orders_in(topology) -> tuple[int, int]:
    """The orders in PostgreSQL: how many rows, how many distinct checkouts."""
    import psycopg

    with psycopg.connect(topology.database) as db:
        rows, tokens = db.execute(
            "SELECT count(*), count(DISTINCT checkout_token) FROM shop_orders"
        ).fetchone() or (0, 0)
    return rows, tokens


# % endif
def open_sessions(browser, topology, sessions: list[Session]) -> dict[str, list]:
    """Open sessions until there are MIN_SESSIONS and both replicas hold some."""
    on: dict[str, list[Session]] = {replica.name: [] for replica in topology.replicas}
    while len(sessions) < MIN_SESSIONS or not all(on.values()):
        assert len(sessions) < MAX_SESSIONS, f"{len(sessions)} sessions, all on one replica"
        sessions.append(Session(len(sessions) + 1, browser, topology.url))
        on[topology.replica_of(sessions[-1])].append(sessions[-1])
    return on


def numbers(sessions: list[Session]) -> str:
    return " ".join(str(session.number) for session in sessions)


# % if cookiecutter.sign_in == "oidc"
# Signed-in users, each at the local identity provider (oidc-provider-mock) through nginx
# in a browser of their own. Their work is kept in the database both replicas share, so
# it outlives a replica killed with SIGKILL, as a crash ends it: a reload takes the
# browser through nginx to the other replica, where a new session gives it back.
# % if cookiecutter.include_cart
# When the database stops under the replicas, a checkout says the order was not placed
# and keeps the cart; once it is back, checkout works again with no replica restarted.
# Each cart is placed once, however often its checkout is tried: PostgreSQL says so.
# % endif
class Shopper(served.Tab):
    """One user, signed in, in a browser profile of their own, on the app through nginx.

    ``route`` is a routing cookie from nginx (Topology.route_to), for a browser that
    must start on a given replica; without one, nginx gives the browser its own.
    """

    def __init__(self, browser, topology, user: str, route: str | None = None) -> None:
        self.user = user
        self.confirmed: set[int] = set()  # every order number the server confirmed to it
        self.checkouts = 0  # clicks on Check out
        cookies = [] if route is None else [routing_cookie(route)]
        storage = {"cookies": cookies, "origins": []}
        super().__init__(browser, topology.url, name=user, storage_state=storage)
        self.sign_in_as(user)

    # % if cookiecutter.include_cart
    def received(self, frame: str | bytes) -> None:
        """A confirmation counts as seen once the server has sent it: whatever the tab
        shows after a reload, the user was told that order was placed."""
        super().received(frame)
        if isinstance(frame, bytes):
            self.confirmed.update(order_numbers(frame))

    @property
    def product(self) -> Product:
        return PRODUCTS[USERS.index(self.user)]

    @property
    def total(self):
        return self.page.get_by_test_id("stMetricValue")

    @property
    def empty_cart(self):
        return self.page.get_by_text("Your cart is empty.", exact=True)

    def add_to_cart(self, product: Product) -> None:
        self.choose("Product", product.option)
        self.click("Add to cart")

    def press_check_out(self) -> None:
        """Click Check out and go on at once, as one of many users clicking together."""
        self.checkouts += 1
        self.button("Check out").click()

    def check_out(self) -> None:
        with self.interaction():
            self.press_check_out()

    def order_shown(self) -> int:
        """The number of the order the page says was placed, once it says so."""
        shown = self.page.get_by_text("placed: 1 item")
        expect(shown).to_be_visible()
        (number,) = order_numbers(shown.inner_text())
        return number

    # % endif
    @property
    def signed_in(self):
        return self.page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {self.user}")


def routing_cookie(route: str) -> dict:
    """nginx's routing cookie as a browser keeps it (deploy/nginx.conf sets it so)."""
    return {
        "name": "route", "value": route, "domain": "127.0.0.1", "path": "/",
        "expires": -1, "httpOnly": True, "secure": False, "sameSite": "Lax",
    }  # fmt: skip


# % if cookiecutter.include_cart
def order_numbers(text: str | bytes) -> list[int]:
    """The numbers of the orders a text confirms ("Order #N placed: ..."): a page's
    text, or a frame from the server, whose strings are UTF-8 as they stand."""
    import re  # here, not at the top: only the shop's orders are looked for

    shown = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    return [int(number) for number in re.findall(r"Order #(\d+) placed: ", shown)]


def orders_of(topology, shoppers: list[Shopper]) -> dict[str, list[tuple[int, int, str]]]:
    """Each shopper's orders in PostgreSQL, as (id, total in cents, customer), found by
    the product only their cart held."""
    import psycopg

    with psycopg.connect(topology.database) as db:
        rows = db.execute(
            "SELECT o.id, o.total_cents, o.customer, l.name FROM shop_orders o"
            " JOIN shop_order_lines l ON l.order_id = o.id ORDER BY o.id"
        ).fetchall()
    whose = {shopper.product.name: shopper.user for shopper in shoppers}
    found: dict[str, list[tuple[int, int, str]]] = {shopper.user: [] for shopper in shoppers}
    for order_id, cents, customer, name in rows:
        found[whose[name]].append((order_id, cents, customer))
    return found


def fill_carts(browser, topology, on: list[str]) -> list[Shopper]:
    """A signed-in shopper on each replica named in ``on``, in turn, each with a cart
    of their own product, on the Shop page; the caller closes them."""
    shoppers: list[Shopper] = []
    for user, replica in zip(USERS, on, strict=False):
        shoppers.append(Shopper(browser, topology, user, topology.route_to(replica)))
        shopper = shoppers[-1]
        shopper.open("Shop")
        shopper.add_to_cart(shopper.product)
        expect(shopper.total).to_have_text(shopper.product.price)
        assert topology.replica_of(shopper) == replica
    return shoppers


def test_checkout_keeps_the_cart_while_postgresql_is_down_and_places_it_once_it_is_back(
    signed_in_topology, browser, summary
) -> None:
    topology = signed_in_topology
    shoppers: list[Shopper] = []
    try:
        shoppers += fill_carts(browser, topology, [replica.name for replica in topology.replicas])
        trying, idle = shoppers  # on app1, on app2
        processes = [replica.server.pid for replica in topology.replicas]
        started = time.monotonic()
        topology.postgres.halt("immediate")  # as a crash: no session is told goodbye
        trying.check_out()
        expect(trying.page.get_by_text(NOT_PLACED, exact=True)).to_be_visible()
        expect(trying.empty_cart).to_have_count(0)
        expect(trying.total).to_have_text(trying.product.price)
        outage = time.monotonic() - started
        topology.postgres.resume()
        # The idle user's replica tried nothing meanwhile: its pooled connections died
        # with the server unnoticed, and its first checkout must not fail on them.
        numbers = []
        for shopper in (idle, trying):
            shopper.check_out()
            numbers.append(shopper.order_shown())
            expect(shopper.empty_cart).to_be_visible()
            # The emptied cart was saved too: the sidebar does not say it could not be.
            expect(shopper.page.get_by_text(NOT_SAVED)).to_have_count(0)
        assert [replica.server.pid for replica in topology.replicas] == processes
        assert all(replica.server.poll() is None for replica in topology.replicas)
        orders = orders_of(topology, shoppers)
        for shopper in shoppers:
            ((order_id, cents, _customer),) = orders[shopper.user]
            assert shopper.confirmed == {order_id}, (shopper.user, shopper.confirmed, order_id)
            assert cents == shopper.product.cents
        summary(
            [
                "PostgreSQL stopped (pg_ctl stop -m immediate) under 2 signed-in carts, "
                f"{trying.user} on {topology.replica_of(trying)}, {idle.user} on "
                f"{topology.replica_of(idle)}",
                f"  for {outage:.1f} s: {trying.user}'s checkout said not placed and kept "
                f"the cart; {idle.user} waited",
                f"  started again, the same replica processes: {idle.user}'s first checkout "
                f"placed #{numbers[0]} (its replica's pool held dead connections only), "
                f"{trying.user}'s retry #{numbers[1]}",
            ]
        )
    finally:
        for shopper in shoppers:
            shopper.close()


def interleave(first: list[Shopper], second: list[Shopper]) -> list[Shopper]:
    merged = [shopper for pair in zip(first, second, strict=False) for shopper in pair]
    shorter = min(len(first), len(second))
    return merged + first[shorter:] + second[shorter:]


def burst(shoppers: list[Shopper], doomed: list[Shopper], replica) -> None:
    """Everyone clicks Check out without waiting; ``replica``, which serves ``doomed``,
    is killed as soon as it has confirmed its first order, while its other checkouts
    are in flight (and the one that confirmed may not have saved its emptied cart
    yet); one survivor clicks after that. Returns once each survivor's checkout run
    has finished; a doomed tab's may never finish."""
    surviving = [shopper for shopper in shoppers if shopper not in doomed]
    runs = {}
    for shopper in interleave(doomed, surviving[:-1]):
        runs[shopper.user] = shopper.runs
        shopper.press_check_out()
    doomed[0].wait_until(
        lambda: any(shopper.confirmed for shopper in doomed),
        f"no order confirmed on {replica.name}",
    )
    replica.kill()
    for shopper in surviving[-1:]:
        runs[shopper.user] = shopper.runs
        shopper.press_check_out()
    for shopper in surviving:
        shopper.wait_for_run(after=runs[shopper.user])


def come_back(shopper: Shopper, topology, killed: str) -> str:
    """A user whose replica died reloads, lands on the survivor still signed in, and
    checks out again if their cart came back; what they found, in words."""
    shopper.reload()
    expect(shopper.signed_in).to_be_visible()
    assert topology.replicas_serving(shopper) == {killed, topology.other_than(killed).name}
    if shopper.empty_cart.count():  # the reload's run has finished: the page is drawn
        return "cart empty (its order and the emptied cart were saved)"
    expect(shopper.total).to_have_text(shopper.product.price)
    shopper.check_out()
    return f"cart restored, checked out again: order #{shopper.order_shown()}"


def test_a_checkout_burst_with_a_replica_killed_places_every_cart_exactly_once(
    signed_in_topology, browser, summary
) -> None:
    topology = signed_in_topology
    killed, survivor = topology.replicas
    shoppers: list[Shopper] = []
    try:
        on = [killed.name] * DOOMED_USERS + [survivor.name] * SURVIVING_USERS
        shoppers += fill_carts(browser, topology, on)
        doomed = shoppers[:DOOMED_USERS]
        started = time.monotonic()
        burst(shoppers, doomed, killed)
        for shopper in shoppers[DOOMED_USERS:]:
            shopper.order_shown()
        # What the killed replica had committed, and confirmed, before it died.
        committed = {user: len(found) for user, found in orders_of(topology, shoppers).items()}
        told = {shopper.user: bool(shopper.confirmed) for shopper in doomed}
        outcomes = {shopper.user: come_back(shopper, topology, killed.name) for shopper in doomed}
        elapsed = time.monotonic() - started

        orders = orders_of(topology, shoppers)
        rows, tokens = orders_in(topology)
        placed = sum(shopper.checkouts for shopper in shoppers)
        confirmed = {number for shopper in shoppers for number in shopper.confirmed}
        doubled = sum(max(len(found) - 1, 0) for found in orders.values())
        summary(
            [
                f"checkout burst: {len(shoppers)} signed-in users, {DOOMED_USERS} on "
                f"{killed.name} (SIGKILLed mid-burst), {SURVIVING_USERS} on {survivor.name}",
                f"  placed (clicks on Check out): {placed}; confirmed: {len(confirmed)}; "
                f"stored: {rows} ({tokens} checkout tokens); doubled: {doubled}",
                *(
                    f"  {user}: when {killed.name} died, orders stored {committed[user]}, "
                    f"confirmation seen {'yes' if told[user] else 'no'}; reloaded on "
                    f"{survivor.name}: {outcome}"
                    for user, outcome in outcomes.items()
                ),
                f"  from the burst to every user's order: {elapsed:.1f} s",
            ]
        )
        assert doubled == 0, orders
        assert rows == tokens == len(shoppers), orders  # one order per cart, none lost
        for shopper in shoppers:
            ((order_id, cents, _customer),) = orders[shopper.user]
            assert cents == shopper.product.cents
            # Every confirmation the user saw, before the kill or after it: this one order.
            assert shopper.confirmed <= {order_id}, (shopper.user, shopper.confirmed, order_id)
        customers = {found[0][2] for found in orders.values()}
        assert len(customers) == len(shoppers), "two users' orders under one customer"
    finally:
        for shopper in shoppers:
            shopper.close()


# % endif
def test_a_signed_in_user_finds_their_work_on_the_other_replica_after_theirs_is_killed(
    signed_in_topology, browser, summary
) -> None:
    topology = signed_in_topology
    user = Shopper(browser, topology, USERS[0])
    try:
        # % if cookiecutter.include_wizard
        user.open("Onboarding")
        user.type("Name", "Ada Lovelace")
        user.click("Next")
        expect(user.page.get_by_text("Step 2 of 4")).to_be_visible()
        # % endif
        # % if cookiecutter.include_cart
        user.open("Shop")
        user.add_to_cart(PRODUCTS[0])
        user.add_to_cart(PRODUCTS[1])
        expect(user.total).to_have_text("$0.39")
        # % endif
        killed = topology.replica_named(topology.replica_of(user))
        survivor = topology.other_than(killed.name)
        started = time.monotonic()
        killed.kill()
        user.reload()
        expect(user.signed_in).to_be_visible()
        # Its page reached the survivor through nginx, which tried the dead one first.
        assert topology.replicas_serving(user) == {killed.name, survivor.name}
        lines = [
            f"{user.user}, signed in on {killed.name}; {killed.name} killed (SIGKILL); "
            f"reloaded: signed in on {survivor.name} in {time.monotonic() - started:.1f} s",
        ]
        # % if cookiecutter.include_cart
        expect(user.total).to_have_text("$0.39")
        for product in PRODUCTS[:2]:
            quantity = user.page.get_by_label(f"Quantity of {product.name}", exact=True)
            expect(quantity).to_have_value("1")
        lines.append("  its cart there: HB pencil and paper clips, $0.39")
        # % endif
        # % if cookiecutter.include_wizard
        user.open("Onboarding")
        expect(user.page.get_by_text("Step 2 of 4")).to_be_visible()
        user.click("Back")
        expect(user.page.get_by_label("Name", exact=True)).to_have_value("Ada Lovelace")
        lines.append("  its wizard draft there: step 2 of 4, the name typed on step 1")
        # % endif
        summary(lines)
    finally:
        user.close()


# % endif
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
            topology.replica_of(session)

        stopped, survivor = topology.replicas
        stopped.stop()
        before = {session.number: session.clicks for session in on[survivor.name]}
        for session in on[survivor.name]:
            session.add_one(2)
            # % if cookiecutter.include_cart
            session.check_out()
            placed += 1
            # % endif
            assert topology.replica_of(session) == survivor.name
        for session in on[stopped.name]:
            # Its clicks lived in the stopped process. Reloaded, the page reaches the
            # survivor through nginx, in a new session that starts over.
            session.reload()
            expect(session.heading).to_have_text("Clicks: 0")
            session.clicks = 0
            session.add_one(1)
            assert topology.replicas_serving(session) == {stopped.name, survivor.name}
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
