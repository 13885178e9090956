"""Each page's main flow in a real browser: what a user clicks and types, what they see.

The AppTest suites check every rule of session state; these check that the rules
hold through the server, the websocket and the frontend too. The ``tab`` fixture
(conftest.py) is a new session; each of its interactions waits for the script run it
causes and checks that no exception shows.
"""

from __future__ import annotations

from playwright.sync_api import expect

from app import TITLE


# % if cookiecutter.include_wizard
def test_the_wizard_goes_forward_and_back_and_submits(tab) -> None:
    tab.open("Onboarding")
    tab.click("Next")
    expect(tab.page.get_by_text("it cannot be empty")).to_be_visible()
    tab.type("Name", "  Zoë 🎈  ")
    tab.click("Next")
    expect(tab.page.get_by_text("Step 2 of 4")).to_be_visible()
    tab.click("Back")
    expect(tab.page.get_by_label("Name", exact=True)).to_have_value("Zoë 🎈")
    tab.click("Next")
    tab.choose("Role", "Developer")
    tab.click("Next")
    tab.type("Goal", "Ship **it**")
    tab.click("Next")
    expect(tab.page.get_by_text("Goal: Ship **it**")).to_be_visible()
    tab.click("Submit")
    expect(tab.page.get_by_text("Thank you, Zoë 🎈: your answers are recorded.")).to_be_visible()
    tab.open("Counter")
    tab.open("Onboarding")  # the submission outlives a visit to another page
    assert tab.rows_in_table() == 1


# % endif
# % if cookiecutter.include_cart
def test_the_cart_adds_changes_a_quantity_and_checks_out(tab) -> None:
    # Filling the cart reruns the cart's part of the page alone; a checkout, which
    # also lists the order below it, the whole page.
    total = tab.page.get_by_test_id("stMetricValue")
    tab.open("Shop")
    tab.ran("full")
    tab.choose("Product", "Paper clips (box of 100) · $0.10")
    tab.type("Quantity", "2")
    tab.click("Add to cart")
    tab.ran("part", "part", "part")
    expect(total).to_have_text("$0.20")
    tab.choose("Product", "HB pencil · $0.29")
    tab.type("Quantity", "1")
    tab.click("Add to cart")
    expect(total).to_have_text("$0.49")
    tab.type("Quantity of HB pencil", "3")
    tab.ran("part", "part", "part", "part")
    expect(total).to_have_text("$1.07")
    with tab.interaction():  # the pencil's line, the second
        tab.button("Remove").nth(1).click()
    expect(total).to_have_text("$0.20")
    tab.ran("part")
    tab.click("Check out")
    tab.ran("full")
    expect(tab.page.get_by_test_id("stAlert")).to_contain_text("placed: 2 items, $0.20. Thank")
    expect(tab.page.get_by_text("Your cart is empty.")).to_be_visible()
    expect(tab.page.get_by_test_id("stDataFrame")).to_be_visible()  # the order, listed
    assert tab.rows_in_table() == 1
    tab.open("Counter")
    tab.ran("full")


def test_a_cart_line_says_what_each_value_is_on_a_phone(tab) -> None:
    tab.open("Shop")
    tab.page.set_viewport_size({"width": 390, "height": 844})  # a line's columns stack
    tab.choose("Product", "Black gel pen · $1.15")
    tab.type("Quantity", "2")
    tab.click("Add to cart")
    text = tab.page.get_by_test_id("stMain").get_by_test_id("stMarkdownContainer")
    unit_price, line_total = text.filter(has_text="each"), text.filter(has_text="Line total")
    quantity = tab.page.get_by_text("Quantity of Black gel pen", exact=True)
    for shown in (unit_price, quantity, line_total):
        expect(shown).to_be_visible()
    expect(unit_price).to_have_text("Black gel pen $1.15 each", use_inner_text=True)
    expect(tab.page.get_by_label("Quantity of Black gel pen", exact=True)).to_have_value("2")
    expect(line_total).to_have_text("Line total $2.30", use_inner_text=True)


# % endif
# % if cookiecutter.include_model_cache
def test_sentiment_keeps_its_result_while_the_display_changes(tab) -> None:
    tab.open("Sentiment")
    tab.type("Text to analyse (up to 1,000 characters)", "I love this template!")
    tab.click("Analyse")
    result = tab.page.get_by_test_id("stHtml").locator("p")
    expect(result).to_have_text("Positive")
    shown, size = result.inner_text(), result.get_attribute("style")
    tab.ran("full", "full", "full")  # the page, the text, Analyse
    tab.page.get_by_role("slider").focus()
    with tab.interaction():
        tab.page.keyboard.press("ArrowRight")
    tab.ran("part")  # the display settings rerun the results' part of the page alone
    expect(result).not_to_have_attribute("style", size)
    expect(result).to_have_text(shown)
    assert tab.rows_in_table() == 1  # moving the slider added no result to the history
    with tab.interaction():
        tab.page.get_by_text("Show details", exact=True).click()
    tab.ran("part")
    expect(tab.page.get_by_test_id("stJson")).to_be_visible()
    expect(result).to_have_text(shown)
    tab.open("Counter")
    tab.ran("full")


# % endif
# % if cookiecutter.sign_in == "oidc"
def log_out(tab) -> None:
    """The sidebar's Log out, then the provider's own sign-out page, back to the app's
    home page in a new session."""
    tab.page.get_by_test_id("stSidebar").get_by_role("button", name="Log out").click()
    tab.page.get_by_role("button", name="End session").click()
    expect(tab.page.get_by_test_id("stSidebar").get_by_text("Not signed in")).to_be_visible()
    expect(tab.title).to_have_text("Counter")


def test_sign_in_survives_a_refresh_and_log_out_ends_it(tab) -> None:
    tab.sign_in_as("ada")
    with tab.interaction():  # a click before the reload's run ends can act on the old page
        tab.page.reload()
    expect(tab.page.get_by_test_id("stSidebar").get_by_text("Signed in as ada")).to_be_visible()
    tab.open("Account")  # log out from another page than home: it ends at home
    log_out(tab)
    tab.open("Account")
    expect(tab.button("Log in")).to_be_visible()


# % if cookiecutter.include_cart
def test_a_signed_in_users_cart_survives_a_refresh_and_stays_theirs(tab) -> None:
    total = tab.page.get_by_test_id("stMetricValue")
    tab.sign_in_as("ada")
    tab.open("Shop")
    tab.count_runs_from_here()
    tab.choose("Product", "Paper clips (box of 100) · $0.10")
    tab.type("Quantity", "2")
    tab.click("Add to cart")
    expect(total).to_have_text("$0.20")
    tab.ran("part", "part", "part")  # saved by the cart's part of the page, rerun alone
    with tab.interaction():  # a new session: session state starts over, the saved cart does not
        tab.page.reload()
    expect(tab.title).to_have_text("Shop")
    expect(total).to_have_text("$0.20")
    log_out(tab)
    tab.sign_in_as("bo")
    tab.open("Shop")
    expect(tab.page.get_by_text("Your cart is empty.")).to_be_visible()
    expect(total).to_have_text("$0.00")


def test_two_tabs_of_a_signed_in_user_fill_one_cart(tab, new_tab) -> None:
    tab.sign_in_as("cy")
    tab.open("Shop")
    other = new_tab(beside=tab)  # the same browser: signed in, a session of its own
    other.open("Shop")
    tab.choose("Product", "HB pencil · $0.29")
    tab.click("Add to cart")
    other.choose("Product", "Paper clips (box of 100) · $0.10")  # drawn before the pencil
    other.click("Add to cart")
    # Its cart's part reran alone, found the pencil saved first, and made the click a
    # full run, whose sync met both tabs' carts.
    other.ran("full", "part", "full")
    expect(other.page.get_by_test_id("stMetricValue")).to_have_text("$0.39")
    with tab.interaction():  # the next visit: a new session, with what both tabs saved
        tab.page.reload()
    expect(tab.page.get_by_test_id("stMetricValue")).to_have_text("$0.39")
    expect(tab.page.get_by_label("Quantity of HB pencil", exact=True)).to_have_value("1")


# % endif
# % endif
def test_the_app_shows_its_name_and_no_developer_menu(tab) -> None:
    sidebar = tab.page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
    expect(tab.page).to_have_title(TITLE)
    expect(tab.page.get_by_test_id("stToolbar")).to_be_attached()
    expect(tab.page.get_by_test_id("stAppDeployButton")).to_have_count(0)


# % if cookiecutter.sign_in == "demo"
def test_log_out_forgets_the_session_and_goes_home(tab) -> None:
    tab.click("Add 10")
    expect(tab.count).to_have_text("Clicks: 10")
    tab.open("Account")
    tab.type("Display name (up to 40 characters)", "Zoë")  # Enter submits the sign-in form
    expect(tab.page.get_by_test_id("stSidebar").get_by_text("Signed in as Zoë")).to_be_visible()
    with tab.interaction():  # the sidebar's Log out; the Account page has its own
        tab.page.get_by_test_id("stSidebar").get_by_role("button", name="Log out").click()
    expect(tab.count).to_have_text("Clicks: 0")
    expect(tab.button("Log out")).to_have_count(0)  # nobody is signed in now
    tab.open("Account")
    expect(tab.page.get_by_label("Display name (up to 40 characters)", exact=True)).to_have_value(
        ""
    )


# % endif
def test_the_counter_counts_each_click_and_its_label(tab) -> None:
    # Each click and the label rerun the counter's part of the page alone; the
    # sidebar's Reset this page, outside it, the whole page.
    for _ in range(3):
        tab.click("Add 1")
    expect(tab.count).to_have_text("Clicks: 3")
    tab.click("Add 10")
    expect(tab.count).to_have_text("Clicks: 13")
    tab.type("What are you counting? (up to 40 characters)", "Cups of tea")
    expect(tab.count).to_have_text("Cups of tea: 13")
    tab.ran("part", "part", "part", "part", "part")
    tab.click("Reset")
    expect(tab.count).to_have_text("Clicks: 0")
    tab.ran("part")
    tab.click("Add 1")
    tab.click("Reset this page")
    tab.ran("part", "full")
    expect(tab.count).to_have_text("Clicks: 0")
    tab.open("Account")
    tab.open("Counter")
    tab.ran("full", "full")


def test_two_tabs_are_two_sessions(tab, new_tab) -> None:
    tab.click("Add 1")
    expect(tab.count).to_have_text("Clicks: 1")
    expect(new_tab().count).to_have_text("Clicks: 0")
