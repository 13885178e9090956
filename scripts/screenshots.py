"""Screenshots of every page of a default bake, taken in headless Chromium as a user goes.

    python3 -m uv run python scripts/screenshots.py [--chromium PATH] [--out DIR]

Bakes the default answers into a temporary directory, installs the app's dependencies
there with uv, serves it through scripts/serving.py with the Shop's orders sent to a
temporary SQLite file, drives one browser session through every page, and writes one
PNG per page to docs/screenshots/. A page that shows an exception, a warning or an
error is never saved: no picture asks for one, so one shown means the app went wrong.
Everything temporary (bake, virtual environment, database, server) is gone at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import re
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from baking import bake_command, child_env  # scripts/ is sys.path[0] when run as a script
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from serving import free_port, serving, stop
from uv import find_uv_bin

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "docs" / "screenshots"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # Same pixels on every run: without these, a few anti-aliased corners came out
    # one shade apart between two runs, so the PNGs changed for nothing.
    "--force-color-profile=srgb",
    "--disable-lcd-text",
    "--disable-partial-raster",
    "--disable-skia-runtime-opts",
    "--num-raster-threads=1",
]
VIEWPORT = {"width": 1280, "height": 800}
# st.warning and st.error, as Streamlit's test ids name their boxes (stAlertContentWarning).
ALERT_KINDS = ("Warning", "Error")
MAX_HEIGHT = 2000  # a page taller than this is cut: a README picture should not need scrolling
MAX_PNG_BYTES = 250_000  # keeps the repository light; these pages come out at 30 to 100 KB
TIMEOUT_MS = 30_000  # the first Analyse loads the sentiment model on a cold, shared machine
# Chrome that changes from one run to the next or says nothing about the app: the
# running indicator, the Deploy button and menu, the coloured line above the header.
HIDDEN_WHILE_SHOOTING = """
[data-testid="stStatusWidget"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
    visibility: hidden !important;
}
"""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--chromium",
        default=DEFAULT_CHROMIUM,
        help=f"the Chromium or Chrome executable to drive (default: {DEFAULT_CHROMIUM})",
    )
    parser.add_argument(
        "--out", type=Path, default=OUT_DIR, help="where the PNGs go (default: docs/screenshots)"
    )
    return parser.parse_args(argv)


def check_chromium(executable: str) -> None:
    """Stop early, in one line, when there is no browser: Playwright's own download
    is not used (it needs a network the machines running this may not have)."""
    path = Path(executable)
    if not path.is_file() or not os.access(path, os.X_OK):
        raise SystemExit(
            f"error: no Chromium executable at {executable}; install one "
            "(Debian/Ubuntu: apt-get install chromium) or pass --chromium PATH"
        )


def run(command: Sequence[str], cwd: Path, env: dict[str, str]) -> None:
    """Run a setup step quietly; on failure, show what it printed and stop."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(
            f"error: {' '.join(map(str, command))} exited with {done.returncode}:\n"
            f"{done.stdout}{done.stderr}"
        )


def bake(work: Path, env: dict[str, str]) -> Path:
    """Bake the default answers with cookiecutter's CLI; return the project directory.

    A config file inside ``work`` keeps cookiecutter's replay file there too, so
    taking screenshots leaves nothing in the user's home directory.
    """
    output = work / "bake"
    run(bake_command(work, output), cwd=work, env=env)
    (project,) = output.iterdir()  # the slug comes from the answers: take what was baked
    return project


def write_secrets(project: Path, database: Path, provider_url: str) -> None:
    """Point the app's database at ``database`` and its sign-in at the local provider
    (see secrets.toml.example); the [auth] text comes from the bake's local_sign_in.py."""
    url = f"sqlite:///{database.as_posix()}"  # an absolute path gives the four slashes
    spec = importlib.util.spec_from_file_location("local_sign_in", project / "local_sign_in.py")
    local_sign_in = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(local_sign_in)
    # Streamlit puts the server's port in place of {port}; the browser opens 127.0.0.1.
    auth = local_sign_in.auth_secrets("http://127.0.0.1:{port}", provider_url)
    secrets = project / ".streamlit" / "secrets.toml"
    # JSON without ASCII escaping is a valid TOML basic string: same quotes, same escapes.
    secrets.write_text(
        f"[connections.app]\nurl = {json.dumps(url, ensure_ascii=False)}\n{auth}", encoding="utf-8"
    )


@contextlib.contextmanager
def identity_provider(project: Path, env: dict[str, str]) -> Iterator[str]:
    """The bake's local provider (oidc-provider-mock), with Ada as a known user."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    claims = {"sub": "ada", "email": "ada@example.com", "name": "Ada Lovelace"}
    command = [
        *(find_uv_bin(), "run", "--no-sync", "python", "-m", "oidc_provider_mock"),
        *("--host", "127.0.0.1", "--port", str(port), "--user-claims", json.dumps(claims)),
    ]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # its request log would bury the script's own lines
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the identity provider did not start at {url}") from None
                time.sleep(0.2)
        yield url
    finally:
        stop(process)


def install(project: Path, env: dict[str, str]) -> list[str]:
    """Give the bake its own environment; return the command that runs its Python.

    The dev group comes too: it holds the local identity provider the sign-in uses.
    """
    uv = find_uv_bin()
    run([uv, "sync", "--quiet"], cwd=project, env=env)  # the dev group has the provider
    return [uv, "run", "--no-sync", "python"]


# --- the browser session ---------------------------------------------------------


def main_area(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def settle(page: Page) -> None:
    """Wait for the run an action started to finish, and fail if it raised.

    Call it once the action's expected result shows: Streamlit shows its status
    widget while a script runs and marks the elements it has not redrawn yet stale.
    """
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    expect(page.locator('[data-stale="true"]')).to_have_count(0)
    if shown := exception_shown(page):
        raise RuntimeError(f"the app shows an exception:\n{shown}")


def exception_shown(page: Page) -> str:
    """The text of the first exception box on the page, or "" when there is none."""
    boxes = page.get_by_test_id("stException")
    return boxes.first.inner_text() if boxes.count() else ""


def alert_shown(page: Page) -> str:
    """The text of the first st.warning or st.error box, sidebar included, or "" when
    there is none. No step of SHOTS asks for one (each types valid input), so one in a
    picture would show the app failing (a database it could not read, say) as normal."""
    for kind in ALERT_KINDS:
        boxes = page.get_by_test_id(f"stAlertContent{kind}")
        if boxes.count():
            return f"{kind}: {boxes.first.inner_text()}"
    return ""


def open_page(page: Page, title: str) -> None:
    """Follow the sidebar link ``title``, and wait for the page of that title."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.locator("h1").first).to_have_text(title)
    settle(page)


def type_into(page: Page, label: str, text: str, commit: str = "Enter") -> None:
    """Type like a user, then commit the field, as Streamlit only sends it on commit."""
    field = main_area(page).get_by_label(label, exact=True)
    field.fill(text)
    field.press(commit)
    expect(field).to_have_value(text)


def choose(page: Page, index: int, option: str | re.Pattern[str]) -> None:
    """Pick ``option`` in the main area's selectbox number ``index``."""
    main_area(page).get_by_test_id("stSelectbox").nth(index).click()
    page.get_by_role("option", name=option).click()


def click(page: Page, button: str) -> None:
    main_area(page).get_by_role("button", name=button, exact=True).click()


def sign_in(page: Page) -> None:
    """Log in through the local provider's page, as Ada, and come back signed in."""
    open_page(page, "Account")
    click(page, "Log in")
    page.wait_for_url("**/oauth2/authorize?**")
    page.locator('button[name="sub"][value="ada"]').click()
    signed_in = "Signed in as Ada Lovelace"
    # The provider sends the browser back to the app's home page, a new session.
    expect(page.get_by_test_id("stSidebar").get_by_text(signed_in)).to_be_visible()
    open_page(page, "Account")
    expect(main_area(page).get_by_text(signed_in)).to_be_visible()


def count_cups(page: Page) -> None:
    open_page(page, "Counter")
    title = main_area(page).locator("h2").first
    type_into(page, "What are you counting? (up to 40 characters)", "Cups of tea")
    expect(title).to_have_text("Cups of tea: 0")
    # One click at a time, each waited for: a user sees the number before clicking again.
    for button, shown in (("Add 1", 1), ("Add 1", 2), ("Add 10", 12), ("Add 1", 13)):
        settle(page)
        click(page, button)
        expect(title).to_have_text(f"Cups of tea: {shown}")


def onboard(page: Page) -> None:
    open_page(page, "Onboarding")
    main = main_area(page)
    type_into(page, "Name", "Ada Lovelace")
    settle(page)
    click(page, "Next")
    expect(main.get_by_text("Step 2 of 4")).to_be_visible()
    settle(page)
    choose(page, 0, "Data scientist")
    expect(main.get_by_role("combobox", name="Role")).to_have_value("Data scientist")
    settle(page)
    click(page, "Next")
    expect(main.get_by_text("Step 3 of 4")).to_be_visible()
    settle(page)
    # A text area commits on Ctrl+Enter; a plain Enter would start a new line.
    type_into(page, "Goal", "Share notebooks with my team", commit="Control+Enter")
    settle(page)
    click(page, "Next")
    expect(main.get_by_text("Check your answers")).to_be_visible()
    settle(page)
    click(page, "Submit")
    expect(main.get_by_text("Thank you, Ada Lovelace")).to_be_visible()
    expect(main.get_by_test_id("stDataFrame")).to_be_visible()


def fill_cart(page: Page) -> None:
    open_page(page, "Shop")
    main = main_area(page)
    total = main.get_by_test_id("stMetricValue")
    for product, quantity, expected_total in (
        ("A5 notebook", "2", "$9.90"),
        ("Black gel pen", "1", "$11.05"),
    ):
        choose(page, 0, re.compile(f"^{re.escape(product)} "))
        settle(page)
        type_into(page, "Quantity", quantity)
        settle(page)
        click(page, "Add to cart")
        expect(total).to_have_text(expected_total)
        settle(page)
    # Change a line in the cart itself: the pens go from one to three.
    type_into(page, "Quantity of Black gel pen", "3")
    expect(total).to_have_text("$13.35")


def analyse(page: Page) -> None:
    open_page(page, "Sentiment")
    main = main_area(page)
    label = "Text to analyse (up to 1,000 characters)"
    for text, verdict in (
        ("Delivery took three weeks and the box arrived broken.", "Negative"),
        ("I love this template: the tests caught my bug before I did!", "Positive"),
    ):
        type_into(page, label, text, commit="Control+Enter")
        settle(page)
        click(page, "Analyse")
        expect(main.get_by_test_id("stHtml").first).to_have_text(verdict)
        settle(page)
    main.get_by_text("Show details").click()
    expect(main.get_by_test_id("stJson")).to_be_visible()


def fit_to_content(page: Page) -> None:
    """Make the viewport as tall as the page, for a picture of all of it.

    Streamlit scrolls inside its main area, not the document, so Playwright's
    full-page screenshot would stop at the viewport's bottom edge.
    """
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    height = min(max(height, VIEWPORT["height"]), MAX_HEIGHT)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})


def save(page: Page, path: Path) -> int:
    """Save the whole page as it stands, steady: no focus ring, hover, caret or animation."""
    settle(page)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    fit_to_content(page)
    page.mouse.move(VIEWPORT["width"] - 5, 5)  # the empty top-right corner: nothing to hover
    # Fonts and the data grids' canvases draw after the DOM settles: wait two frames.
    page.evaluate("document.fonts.ready")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    settle(page)
    if shown := alert_shown(page):  # checked before writing, as the size is below
        raise RuntimeError(f"{path.name}: the app shows what no step asked for: {shown}")
    png = page.screenshot(
        animations="disabled", caret="hide", style=HIDDEN_WHILE_SHOOTING, scale="css"
    )
    page.set_viewport_size(VIEWPORT)  # the next page is driven at the usual size
    if len(png) > MAX_PNG_BYTES:  # checked before writing: a failed run keeps the old file
        raise RuntimeError(f"{path.name} would be {len(png):,} bytes, over {MAX_PNG_BYTES:,}")
    path.write_bytes(png)
    return len(png)


# The session, in order: each step leaves the page it names ready for its picture.
# Signing in first puts "Signed in as Ada Lovelace" in the sidebar of every picture.
SHOTS: tuple[tuple[str, Callable[[Page], None]], ...] = (
    ("account", sign_in),
    ("counter", count_cups),
    ("onboarding", onboard),
    ("shop", fill_cart),
    ("sentiment", analyse),
)


def new_page(browser: Browser) -> Page:
    """A tab as alike from run to run as possible: size, scale, motion, colours, clock."""
    context = browser.new_context(
        viewport=VIEWPORT,
        device_scale_factor=1,
        reduced_motion="reduce",
        color_scheme="light",
        locale="en-US",
        timezone_id="UTC",
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def shoot(page: Page, name: str, reach: Callable[[Page], None], out_dir: Path) -> None:
    try:
        reach(page)
    except (AssertionError, PlaywrightError) as failure:
        # Often the element waited for is missing because the app raised: say that.
        if shown := exception_shown(page):
            raise RuntimeError(f"{name}: the app shows an exception:\n{shown}") from failure
        if shown := alert_shown(page):
            raise RuntimeError(f"{name}: the app shows {shown}") from failure
        raise
    path = out_dir / f"{name}.png"
    size = save(page, path)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size / 1000:.0f} KB")


def drive(url: str, chromium: str, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = new_page(browser)
            page.goto(url)
            expect(page.locator("h1").first).to_have_text("Counter")
            for name, reach in SHOTS:
                shoot(page, name, reach, out_dir)
        finally:
            browser.close()


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    check_chromium(args.chromium)
    env = child_env()
    with tempfile.TemporaryDirectory(prefix="screenshots-") as temp:
        work = Path(temp)
        project = bake(work, env)
        python = install(project, env)
        with identity_provider(project, env) as provider_url:
            write_secrets(project, work / "app.sqlite", provider_url)
            with serving(python, "streamlit_app.py", project, env) as (url, seconds):
                print(f"baked and installed; {url} answered after {seconds:.1f} s")
                drive(url, args.chromium, args.out.resolve())


if __name__ == "__main__":
    main()
