"""The deployment's topology, run without Docker: two `streamlit run` replicas behind
nginx with deploy/nginx.conf, and the database they share, on 127.0.0.1 only.

These tests are marked ``deploy`` and left out of a plain ``uv run pytest``; run them
with ``uv run pytest -m deploy`` (``-s`` shows their summary). They need nginx
(``apt-get install nginx``) and a Chromium; where the app has a database, PostgreSQL's
server programs too (``apt-get install postgresql``), and its driver (in the dev group,
as in the ``postgres`` extra). They skip when one is missing, unless
TEMPLATE_REQUIRE_DEPLOY=1 is set in the environment: then they fail.
"""

from __future__ import annotations

import contextlib
import glob
import http.client
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
import served
from playwright.sync_api import expect
from served import (
    PROJECT,
    START_TIMEOUT,
    WAIT_MS,
    answers,
    free_port,
    launch_chromium,
    stop,
    streamlit_command,
)

HERE = Path(__file__).resolve().parent
SHIPPED_NGINX = PROJECT / "deploy" / "nginx.conf"
REQUIRE = "TEMPLATE_REQUIRE_DEPLOY"
SUMMARY = "deploy summary"  # the user property a test reports its figures under
ROUTE_PROBES = 40  # new routing cookies asked for, at most, to land on one replica: 2**-40
LOG_TIMEOUT = 5  # seconds for nginx to log a request it has answered


def pytest_configure(config: pytest.Config) -> None:
    # Here rather than in pyproject.toml, so that removing this folder removes it too.
    config.addinivalue_line("markers", "deploy: the deployment's servers, run on loopback")


@pytest.hookimpl(tryfirst=True)  # before -m deselects, so `-m "not deploy"` sees the mark
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ours = [item for item in items if item.path.resolve().is_relative_to(HERE)]
    for item in ours:
        item.add_marker(pytest.mark.deploy)
    # They run only when asked for by name: a plain run's -m (or none) leaves them out.
    if ours and "deploy" not in (config.option.markexpr or ""):
        config.hook.pytest_deselected(items=ours)
        items[:] = [item for item in items if item not in ours]


def missing(what: str) -> NoReturn:
    """Skip for want of ``what``, or fail where TEMPLATE_REQUIRE_DEPLOY says it must be."""
    if os.environ.get(REQUIRE, "") not in ("", "0"):
        pytest.fail(f"{what}, and {REQUIRE} says the deploy tests must run")
    pytest.skip(what)


def program(name: str, *folders: str) -> str | None:
    """``name`` on the PATH, else in the first of ``folders`` (globs, newest first) that
    holds it: Debian keeps PostgreSQL's server programs in /usr/lib/postgresql/*/bin."""
    if found := shutil.which(name):
        return found
    for pattern in folders:
        for folder in sorted(glob.glob(pattern), reverse=True):
            if (Path(folder) / name).is_file():
                return str(Path(folder) / name)
    return None


def wait_until(ready: Callable[[], bool], server: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not ready():
        if server.poll() is not None or time.monotonic() > deadline:
            output = log.read_text("utf-8", errors="replace") if log.exists() else ""
            pytest.fail(f"{what} did not start:\n{output}")
        time.sleep(0.1)


# % if cookiecutter.include_cart or cookiecutter.sign_in == "oidc"
class PostgreSQL:
    """A PostgreSQL server of the test's own: a new cluster in a temporary folder,
    listening on 127.0.0.1 and on a socket in that folder, with a database ``app``.

    The server refuses to run as root: as root, it runs as the ``postgres`` user (or
    ``nobody``), in a folder that user owns."""

    def __init__(self, bin_folder: Path) -> None:
        self.bin = bin_folder
        self.port = free_port()
        self.user = None
        import tempfile

        self.folder = Path(tempfile.mkdtemp(prefix="deploy-postgres-"))
        if os.geteuid() == 0:
            self.user = "postgres" if _known_user("postgres") else "nobody"
            shutil.chown(self.folder, self.user)
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.url = f"postgresql+psycopg://app@127.0.0.1:{self.port}/app"

    def _run(self, *command: str) -> None:
        result = subprocess.run(  # noqa: S603
            [str(self.bin / command[0]), *command[1:]],
            cwd=self.folder,
            user=self.user,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            log = self.log.read_text("utf-8", errors="replace") if self.log.exists() else ""
            pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}{log}")

    def start(self) -> None:
        # Trust on loopback and the socket: a throwaway cluster, reachable from nowhere else.
        self._run(
            "initdb", "-D", str(self.data), "-U", "app", "--auth=trust",
            "--encoding=UTF8", "--locale=C",
        )  # fmt: skip
        self.resume()
        import psycopg

        with psycopg.connect(self.dsn("postgres"), autocommit=True) as db:
            db.execute("CREATE DATABASE app")

    def dsn(self, database: str = "app") -> str:
        return f"postgresql://app@127.0.0.1:{self.port}/{database}"

    def resume(self) -> None:
        """Start the server on the cluster, on the same port; returns once it accepts
        connections (pg_ctl -w)."""
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder}"
        self._run(
            "pg_ctl", "start", "-D", str(self.data), "-l", str(self.log), "-w",
            "-t", str(START_TIMEOUT), "-o", options,
        )  # fmt: skip

    def halt(self, mode: str = "fast") -> None:
        """Stop the server and keep the cluster, for resume(). pg_ctl's ``mode``: fast
        ends every session and shuts down cleanly; immediate quits at once, as a crash
        does, and the next start recovers from the write-ahead log."""
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", mode, "-w")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.halt()
        shutil.rmtree(self.folder, ignore_errors=True)


def _known_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def new_postgres(stack: contextlib.ExitStack) -> PostgreSQL:
    """The app's database, as deploy/ runs it beside the replicas, not started yet (its
    address is known already); stopped with ``stack``."""
    pg_ctl = program("pg_ctl", "/usr/lib/postgresql/*/bin")
    if pg_ctl is None or not (Path(pg_ctl).parent / "initdb").is_file():
        missing("no PostgreSQL server programs (initdb, pg_ctl): apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing("no PostgreSQL driver in this environment: uv sync (the dev group has psycopg)")
    postgres = PostgreSQL(Path(pg_ctl).parent)
    stack.callback(postgres.stop)
    return postgres


# % endif
@dataclass
class Replica:
    """One `streamlit run` of the app, on a port of its own."""

    name: str
    port: int
    server: subprocess.Popen
    log: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop(self.server)

    def kill(self) -> None:
        """SIGKILL, as a crash or the kernel's OOM killer ends a process: no socket
        closed, no write finished. Returns once it has exited."""
        stop(self.server, signal.SIGKILL)


def start_replica(
    name: str, folder: Path, database_url: str | None, cookie_secret: str, auth: str
) -> Replica:
    """A replica as deploy/ runs it: the same app, the same cookie secret, one database,
    and the same ``auth`` (the sign-in's secrets, as TOML, or "" for none)."""
    import json

    folder.mkdir()
    secrets_file = folder / "secrets.toml"
    # A file of the test's own, so no replica reaches a database a developer configured.
    # JSON's escapes are TOML's.
    lines = ["[connections.app]", f"url = {json.dumps(database_url)}"] if database_url else []
    secrets_file.write_text("".join(line + "\n" for line in lines) + auth, "utf-8")
    port = free_port()
    command = streamlit_command(port, secrets_file)
    # In the environment rather than on the command line, where `ps` would show it.
    environment = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret}
    log = folder / "streamlit.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    return Replica(name, port, server, log)


def nginx_site(shipped: str, replicas: list[Replica], port: int) -> str:
    """deploy/nginx.conf with the replicas' and nginx's own addresses put in: each of
    them must be there exactly once, so a changed file fails here rather than pass
    with something else tested."""
    replaced = {
        "server app1:8501;": f"server {replicas[0].address};",
        "server app2:8501;": f"server {replicas[1].address};",
        "listen 80;": f"listen 127.0.0.1:{port};",
    }
    for shipped_text, ours in replaced.items():
        assert shipped.count(shipped_text) == 1, f"deploy/nginx.conf: {shipped_text!r}"
        shipped = shipped.replace(shipped_text, ours)
    return shipped


def nginx_main(folder: Path, site: Path) -> str:
    """A main configuration around the site, in the foreground, every path in ``folder``.
    Its access log says, for each request, the routing cookie and the replica it went to."""
    # As root, nginx's workers would run as nobody, who cannot enter pytest's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"    {kind}_temp_path {folder / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"daemon off;\nworker_processes 1;\n{user}pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} notice;\n"
        "events { worker_connections 512; }\n"
        "http {\n"
        "    log_format routes '$route|$upstream_addr|$status|$request';\n"
        f"    access_log {folder / 'access.log'} routes;\n"
        f"{temp}"
        f"    include {site};\n"
        "}\n"
    )


@dataclass
class Topology:
    url: str  # nginx's
    replicas: list[Replica]
    database: str | None  # PostgreSQL's connection string, where the app has a database
    # % if cookiecutter.include_cart or cookiecutter.sign_in == "oidc"
    postgres: PostgreSQL  # to stop and start it under the running replicas
    # % endif
    access_log: Path
    start_seconds: float  # from nothing to all four servers answering

    def replica_at(self, address: str) -> Replica:
        (replica,) = [r for r in self.replicas if r.address == address]
        return replica

    def replica_named(self, name: str) -> Replica:
        (replica,) = [r for r in self.replicas if r.name == name]
        return replica

    def other_than(self, name: str) -> Replica:
        (replica,) = [r for r in self.replicas if r.name != name]
        return replica

    def routes(self) -> dict[str, set[str]]:
        """For each routing cookie in nginx's access log, the replicas that served it.
        A request nginx answered itself (no replica reached) is left out."""
        by_route: dict[str, set[str]] = {}
        for line in self.access_log.read_text("utf-8").splitlines():
            route, upstreams = line.split("|")[:2]
            # "a, b" when nginx tried a replica that was down, then the next one.
            for address in upstreams.split(", ") if upstreams != "-" else []:
                by_route.setdefault(route, set()).add(self.replica_at(address).name)
        return by_route

    def route_of(self, tab: served.Tab) -> str:
        """The routing cookie nginx gave ``tab``'s browser."""
        (cookie,) = [c.get("value", "") for c in tab.context.cookies() if c.get("name") == "route"]
        return cookie

    def replicas_serving(self, tab: served.Tab) -> set[str]:
        """The replicas nginx's log shows serving ``tab``'s browser."""
        return self.routes().get(self.route_of(tab), set())

    def replica_of(self, tab: served.Tab) -> str:
        """The one replica nginx's log shows serving ``tab``'s browser."""
        served_by = self.replicas_serving(tab)
        assert len(served_by) == 1, f"{tab.name} was served by {served_by or 'none'}"
        return next(iter(served_by))

    def route_to(self, replica: str) -> str:
        """A routing cookie that nginx gave a new visitor and sent to ``replica``.

        A browser gets its cookie with its first answer from nginx, and its replica is
        the hash of that random cookie: asking nginx for new ones, a request each, and
        giving a browser one that landed where a test needs it spreads the test's
        browsers over the replicas without opening browsers that would go unused.
        """
        for _ in range(ROUTE_PROBES):
            route = self._new_route()
            if self._logged_replicas(route) == {replica}:
                return route
        pytest.fail(f"{ROUTE_PROBES} routing cookies from nginx, none to {replica}")

    def _new_route(self) -> str:
        host, port = self.url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=WAIT_MS / 1000)
        try:
            connection.request("GET", "/_stcore/health")
            answer = connection.getresponse()
            answer.read()
        finally:
            connection.close()
        assert answer.status == 200, answer.status
        # The replica sets a cookie of its own (Streamlit's XSRF token) beside nginx's.
        (route,) = [
            cookie.removeprefix("route=").split(";")[0]
            for cookie in answer.headers.get_all("Set-Cookie") or []
            if cookie.startswith("route=")
        ]
        return route

    def _logged_replicas(self, route: str) -> set[str]:
        """The replicas nginx's log says served ``route``; it logs a request just after
        answering it, so its line may be a moment behind the answer."""
        deadline = time.monotonic() + LOG_TIMEOUT
        while (found := self.routes().get(route)) is None:
            if time.monotonic() > deadline:
                pytest.fail(f"nginx logged no request for route {route} in {LOG_TIMEOUT} s")
            time.sleep(0.01)
        return found


def start_nginx(
    stack: contextlib.ExitStack, nginx: str, folder: Path, replicas: list[Replica], port: int
) -> Path:
    """``nginx`` with the shipped site in front of ``replicas``, on ``port``, stopped
    with ``stack``; returns its access log."""
    folder.mkdir()
    site = folder / "site.conf"
    site.write_text(nginx_site(SHIPPED_NGINX.read_text("utf-8"), replicas, port), "utf-8")
    main = folder / "nginx.conf"
    main.write_text(nginx_main(folder, site), "utf-8")
    log = folder / "error.log"
    proxy = subprocess.Popen(  # noqa: S603
        [nginx, "-p", str(folder), "-c", str(main), "-e", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    stack.callback(stop, proxy)
    wait_until(lambda: answers(port, "/_stcore/health"), proxy, "nginx", log)
    return folder / "access.log"


@contextlib.contextmanager
def serve_topology(
    folder: Path, auth_for: Callable[[str], str] | None = None
) -> Iterator[Topology]:
    """The database, two replicas and nginx, all stopped on exit, whatever happened.
    ``auth_for(nginx's URL)``, if given, is the sign-in's section of both replicas'
    secrets: one text, so one cookie secret, and a redirect_uri through nginx."""
    nginx = program("nginx", "/usr/sbin")
    if nginx is None:  # before any server is started
        missing("no nginx: apt-get install nginx")
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        database_url = database = None  # the app's, and the test's way in
        # % if cookiecutter.include_cart or cookiecutter.sign_in == "oidc"
        postgres = new_postgres(stack)
        database_url, database = postgres.url, postgres.dsn()
        # % endif
        port = free_port()  # nginx's, now: the sign-in's redirect_uri names it
        url = f"http://127.0.0.1:{port}"
        auth = auth_for(url) if auth_for else ""
        cookie_secret = secrets.token_urlsafe(32)
        replicas = []
        for name in ("app1", "app2"):
            replica = start_replica(name, folder / name, database_url, cookie_secret, auth)
            stack.callback(replica.stop)
            replicas.append(replica)
        # % if cookiecutter.include_cart or cookiecutter.sign_in == "oidc"
        postgres.start()  # while the replicas start: they reach it when a session runs
        # % endif
        for replica in replicas:
            wait_until(
                lambda replica=replica: answers(replica.port, "/_stcore/health"),
                replica.server, f"replica {replica.name}", replica.log,
            )  # fmt: skip
        access_log = start_nginx(stack, nginx, folder / "nginx", replicas, port)
        yield Topology(
            url=url,
            replicas=replicas,
            database=database,
            # % if cookiecutter.include_cart or cookiecutter.sign_in == "oidc"
            postgres=postgres,
            # % endif
            access_log=access_log,
            start_seconds=time.monotonic() - started,
        )


@pytest.fixture
def topology(tmp_path: Path) -> Iterator[Topology]:
    """The deployment, for guests: no sign-in is set up."""
    with serve_topology(tmp_path) as topology:
        yield topology


# % if cookiecutter.sign_in == "oidc"
@pytest.fixture
def signed_in_topology(tmp_path: Path) -> Iterator[Topology]:
    """The deployment with sign-in: the local identity provider, started first and
    stopped last, and an [auth] section on both replicas that points at it."""
    from local_sign_in import auth_secrets

    with (
        served.identity_provider(tmp_path) as provider_url,
        serve_topology(tmp_path, lambda url: auth_secrets(url, provider_url)) as topology,
    ):
        yield topology


# % endif
@pytest.fixture
def summary(record_property) -> Callable[[list[str]], None]:
    """Report a test's figures: on stderr, which `pytest -s` shows even from a
    pytest-xdist worker, and in the JUnit XML report (--junitxml) as a property."""

    def report(lines: list[str]) -> None:
        print("\n".join(lines), file=sys.stderr)
        record_property(SUMMARY, "\n".join(lines))

    return report


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    expect.set_options(timeout=WAIT_MS)  # a busy machine's page takes its time to show
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        if chromium is None:
            missing("no Chromium: apt-get install chromium, or set CHROMIUM_PATH")
        yield chromium
        chromium.close()
