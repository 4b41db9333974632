"""An officer finds an indicator in a real browser and adds a data note using only the
keyboard. Every page on the way is accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

NOTE = "Counted from the data.police.uk street-level file."


def test_an_officer_adds_a_data_note_to_an_indicator_with_the_keyboard(
    page: Page, live_server, officer, published_plan
):
    sign_in(page, live_server.url, officer)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Indicators").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicators")
    assert_accessible(page)

    page.get_by_role("link", name="Burglary", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Burglary")
    assert_accessible(page)

    # An empty note is refused with the GOV.UK error summary, which links to the field.
    page.get_by_role("button", name="Add the note").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_title("Error: Burglary – PlanWatch")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the data note")
    assert_accessible(page)

    summary.get_by_role("link", name="Enter the data note").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Data note", exact=True)).to_be_focused()
    page.keyboard.type(NOTE)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Date of the note")).to_be_focused()
    page.keyboard.type("01/10/2019")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add the note")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_text("The data note was saved.")).to_be_visible()
    notes = page.locator("h2:has-text('Data notes') + ul")
    expect(notes).to_contain_text(f"1 October 2019: {NOTE}")
    assert_accessible(page)
