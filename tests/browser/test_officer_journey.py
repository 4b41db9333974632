"""An officer changes the Plan in a real browser, and every page they pass is accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

NEW_OBJECTIVE = "Every victim of hate crime is offered support within two days"


def test_an_officer_adds_an_objective_and_sees_it_on_the_plan_on_a_page(
    page: Page, live_server, officer, published_plan
):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(published_plan.title)
    assert_accessible(page)

    page.get_by_role("link", name="Sign in").click()
    expect(page).to_have_title("Sign in – PlanWatch")
    assert_accessible(page)
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    account = page.locator(".pw-header__account")
    expect(account).to_contain_text("Signed in as Olu (OPCC officer)")
    expect(account.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change this Plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(published_plan.title)
    assert_accessible(page)

    page.get_by_role("link", name="Add an objective to Victims").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an objective")
    assert_accessible(page)

    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title("Error: Add an objective – PlanWatch")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Objective").fill(NEW_OBJECTIVE)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The objective was added.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to the Plan on a Page").click()
    victims = page.locator("section.pw-theme", has=page.get_by_role("heading", name="Victims"))
    expect(victims).to_contain_text(NEW_OBJECTIVE)
    assert_accessible(page)

    victims.get_by_role("link", name="Victims").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Victims")
    expect(page.get_by_role("heading", name=NEW_OBJECTIVE)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to the Plan on a Page").click()
    page.get_by_role("link", name="History of changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of changes")
    first_change = page.locator("tbody tr").first
    expect(first_change).to_contain_text("Olu")
    expect(first_change).to_contain_text("Added objective")
    expect(first_change).to_contain_text(NEW_OBJECTIVE)
    assert_accessible(page)

    for link, heading in [
        ("Accessibility statement", "Accessibility statement for PlanWatch"),
        ("Privacy notice", "Privacy notice"),
        ("Plans", "Police and Crime Plans"),
    ]:
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/plans/", "/sign-in/", "/accessibility/"])
def test_the_first_tab_focuses_the_skip_link(page: Page, live_server, published_plan, path):
    page.goto(live_server.url + path)

    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_an_anonymous_reader_without_javascript_sees_the_plan_on_a_page(
    browser, live_server, published_plan
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")

        themes = page.locator(".pw-theme h2")
        expect(themes).to_have_text(["Victims", "Offenders", "Communities", "Transformation"])
        expect(page.locator("body")).not_to_have_class("js-enabled")
        expect(page.get_by_role("link", name="Plans", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Sign in")).to_be_visible()
        expect(page.get_by_text("Change this Plan")).to_have_count(0)
    finally:
        context.close()
