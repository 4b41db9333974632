"""An officer adds a September Panel meeting and its agenda with the keyboard; a signed-out
visitor then finds it on the Panel's meetings page. Every page on the way is accessible."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.pages import assert_accessible, sign_in
from tests.governance import builders

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

ITEM = "Monitoring the delivery of the Police and Crime Plan"


def _type_into(page: Page, label: str, text: str) -> None:
    """Move to the field with the keyboard (Tab from the field before), then type."""
    page.keyboard.press("Tab")
    expect(page.get_by_label(label, exact=True)).to_be_focused()
    page.keyboard.type(text)


def test_an_officer_adds_a_september_panel_meeting_and_the_public_sees_it(
    page: Page, browser, live_server, officer
):
    builders.bodies()  # a browser test's database is emptied after each test
    base = live_server.url
    september = dt.date(timezone.localdate().year + 1, 9, 8)
    when = september.strftime("%A %-d September %Y") + ", 10:00 to 12:30"

    sign_in(page, base, officer)
    page.get_by_role("link", name="Meetings", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    assert_accessible(page)
    page.get_by_role("link", name="Police and Crime Panel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Police and Crime Panel")
    expect(page.get_by_text("No meetings are scheduled yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a meeting of the Panel")
    assert_accessible(page)
    page.get_by_label("Title (optional)").focus()
    _type_into(page, "Date", september.strftime("%d/%m/%Y"))
    _type_into(page, "Start time", "10:00")
    _type_into(page, "End time", "09:00")
    _type_into(page, "Venue", "Council Chamber, Moortown Town Hall")
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="Public", exact=False).first).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save the meeting")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_title("Error: Add a meeting of the Panel – PlanWatch")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The end time must be after the start time")
    assert_accessible(page)
    summary.get_by_role("link", name="The end time must be after the start time").press("Enter")
    expect(page.get_by_label("End time", exact=True)).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("12:30")
    page.keyboard.press("Enter")

    expect(page.get_by_text("The meeting was saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Meeting, {september.day} September {september.year}"
    )
    expect(page.locator(".govuk-summary-list")).to_contain_text(when)
    assert_accessible(page)

    page.get_by_role("link", name="Add an agenda item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an agenda item")
    assert_accessible(page)
    page.get_by_label("Number").focus()
    page.keyboard.type("5")
    _type_into(page, "Item title", ITEM)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kind of paper")).to_be_focused()
    page.get_by_label("Kind of paper").select_option(label="Monitoring the delivery of the Plan")
    _type_into(page, "Title of the paper", "Delivery Plan update, quarter 1")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Item 5 was saved.")).to_be_visible()
    agenda = page.get_by_role("table")
    expect(agenda).to_contain_text(ITEM)
    expect(agenda).to_contain_text("Delivery Plan update, quarter 1")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    # A signed-out visitor finds it on the Panel's meetings page.
    visitor = browser.new_context()
    try:
        public = visitor.new_page()
        public.goto(base + "/")
        public.get_by_role("link", name="Meetings", exact=True).click()
        public.get_by_role("link", name="Police and Crime Panel").click()
        meeting_link = public.get_by_role("link", name=when)
        expect(meeting_link).to_be_visible()
        expect(public.get_by_role("link", name="Add a meeting")).to_have_count(0)
        expect(
            public.get_by_role("link", name="Subscribe to the Panel's meetings in your calendar")
        ).to_have_attribute(
            "href",
            f"webcal://{base.split('://')[1]}/governance/police-and-crime-panel/meetings.ics",
        )
        assert_accessible(public)

        meeting_link.click()
        expect(public.get_by_role("table")).to_contain_text(ITEM)
        expect(public.get_by_role("link", name="Add an agenda item")).to_have_count(0)
        assert_accessible(public)

        public.get_by_role("link", name="Back to the Panel's meetings").click()
        public.get_by_role("link", name="Back to all meetings").click()
        public.get_by_role("link", name="Meetings by month").click()
        public.get_by_role("link", name="Next month").click()
        expect(public.get_by_role("heading", level=1)).to_contain_text("Meetings in")
        assert_accessible(public)
    finally:
        visitor.close()
