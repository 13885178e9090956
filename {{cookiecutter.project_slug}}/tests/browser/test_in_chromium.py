"""Each page's main flow in a real browser: what a user clicks and types, what they see.

The AppTest suites check every rule of session state; these check that the rules
hold through the server, the websocket and the frontend too.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect


def settled(page: Page) -> None:
    """Wait until the app's run has finished, then check it shows no exception."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def title(page: Page):
    return page.locator("h1").first


def button(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def open_page(page: Page, name: str, heading: str | None = None) -> None:
    """Follow the sidebar's link to a page and wait for its heading (its name by default)."""
    page.get_by_role("link", name=name, exact=True).click()
    expect(title(page)).to_have_text(heading or name)
    settled(page)


def type_text(page: Page, label: str, text: str) -> None:
    """Type into a field and press Enter, which is when Streamlit takes the value."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter" if field.evaluate("e => e.tagName") == "INPUT" else "Control+Enter")


def rows_in_table(page: Page):
    """The data rows of the page's one st.dataframe, read from its accessible grid."""
    grid = page.get_by_test_id("stDataFrame").locator("table[role=grid]")
    return int(grid.get_attribute("aria-rowcount")) - 1  # the header is a row too


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()


# % if cookiecutter.include_wizard is chosen
def test_the_wizard_goes_forward_and_back_and_submits(page: Page) -> None:
    open_page(page, "Onboarding")
    button(page, "Next").click()
    expect(page.get_by_text("it cannot be empty")).to_be_visible()
    type_text(page, "Name", "  Zoë 🎈  ")
    button(page, "Next").click()
    expect(page.get_by_text("Step 2 of 4")).to_be_visible()
    button(page, "Back").click()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Zoë 🎈")
    button(page, "Next").click()
    choose(page, "Role", "Developer")
    button(page, "Next").click()
    type_text(page, "Goal", "Ship **it**")
    button(page, "Next").click()
    expect(page.get_by_text("Goal: Ship **it**")).to_be_visible()
    button(page, "Submit").click()
    expect(page.get_by_text("Thank you, Zoë 🎈: your answers are recorded.")).to_be_visible()
    open_page(page, "Counter", "Clicks: 0")
    open_page(page, "Onboarding")  # the submission outlives a visit to another page
    assert rows_in_table(page) == 1


# % endif
# % if cookiecutter.include_cart is chosen
def test_the_cart_adds_changes_a_quantity_and_checks_out(page: Page) -> None:
    open_page(page, "Shop")
    choose(page, "Product", "Paper clips (box of 100) · $0.10")
    type_text(page, "Quantity", "2")
    button(page, "Add to cart").click()
    expect(page.get_by_test_id("stMetricValue")).to_have_text("$0.20")
    choose(page, "Product", "HB pencil · $0.29")
    type_text(page, "Quantity", "1")
    button(page, "Add to cart").click()
    expect(page.get_by_test_id("stMetricValue")).to_have_text("$0.49")
    type_text(page, "Quantity of HB pencil", "3")
    expect(page.get_by_test_id("stMetricValue")).to_have_text("$1.07")
    button(page, "Check out").click()
    expect(page.get_by_test_id("stAlert")).to_contain_text("placed: 5 items, $1.07. Thank you!")
    expect(page.get_by_text("Your cart is empty.")).to_be_visible()
    settled(page)


# % endif
# % if cookiecutter.include_model_cache is chosen
def test_sentiment_keeps_its_result_while_the_display_changes(page: Page) -> None:
    open_page(page, "Sentiment")
    type_text(page, "Text to analyse (up to 1,000 characters)", "I love this template!")
    button(page, "Analyse").click()
    result = page.locator("p", has_text="confidence")
    expect(result).to_contain_text("Positive · ")
    shown = result.inner_text()
    size = result.get_attribute("style")
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    expect(result).not_to_have_attribute("style", size)
    expect(result).to_have_text(shown)
    settled(page)
    assert rows_in_table(page) == 1  # moving the slider added no result to the history


# % endif
def test_the_counter_counts_each_click_and_its_label(page: Page) -> None:
    # Each click waits for its run: a click made while another waits for its run is
    # merged into it, as Streamlit does for a user who clicks faster than it answers.
    for count in (1, 2, 3):
        button(page, "Add 1").click()
        expect(title(page)).to_have_text(f"Clicks: {count}")
    button(page, "Add 10").click()
    expect(title(page)).to_have_text("Clicks: 13")
    type_text(page, "What are you counting?", "Cups of tea")
    expect(title(page)).to_have_text("Cups of tea: 13")
    settled(page)


def test_two_tabs_are_two_sessions(browser: Browser, page: Page) -> None:
    button(page, "Add 1").click()
    expect(title(page)).to_have_text("Clicks: 1")
    other = browser.new_context()
    try:
        tab = other.new_page()
        tab.goto(page.url)
        expect(title(tab)).to_have_text("Clicks: 0")
    finally:
        other.close()
    settled(page)


def test_log_out_forgets_the_session_and_goes_home(page: Page) -> None:
    button(page, "Add 10").click()
    expect(title(page)).to_have_text("Clicks: 10")
    open_page(page, "Account")
    type_text(page, "Display name", "Zoë")
    button(page, "Sign in").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as Zoë")).to_be_visible()
    button(page, "Log out").click()
    expect(title(page)).to_have_text("Clicks: 0")
    open_page(page, "Account")
    expect(page.get_by_label("Display name", exact=True)).to_have_value("")
    settled(page)
