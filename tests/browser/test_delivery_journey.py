"""A quarter of the Delivery Plan in a real browser: a Lead reports, an officer reviews and
publishes, and the public page shows the result. Every page on the way is accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from planwatch.delivery.models import PeriodState
from planwatch.delivery.services import update_approve
from tests.browser.pages import assert_accessible, sign_in
from tests.delivery import builders

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

TITLE = "Answer emergency calls within ten seconds"
CURRENT = "Q2 2018/19 (July to September 2018)"
RETURN_REASON = "Add this quarter's call-answering figures."


def _choose_status(page: Page, label: str) -> None:
    page.get_by_role("radio", name=re.compile(rf"^{label}:")).check()


@pytest.fixture
def reported_quarter(published_plan, lead, officer):
    """Q1 published with V1.1 approved as Red (through the workflow); Q2 open for updates."""
    previous = builders.quarter(published_plan, "2018-19-q1")
    action = builders.action(published_plan, "V1.1", lead=lead, title=TITLE)
    red = builders.written(action, previous, "R", "Too few call handlers.", by=lead)
    update_approve(update=red, by=officer)
    builders.publish(previous)
    return builders.quarter(published_plan, "2018-19-q2", PeriodState.OPEN)


def test_a_lead_reports_an_officer_reviews_and_publishes_and_the_plan_shows_it(
    page: Page, browser, live_server, lead, officer, published_plan, reported_quarter
):
    base = live_server.url

    # The Lead writes a Red update; without commentary it is refused.
    sign_in(page, base, lead)
    page.get_by_role("link", name="My actions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(page.locator("tbody tr").first).to_contain_text("To do")
    assert_accessible(page)

    page.get_by_role("link", name="Write the update for V1.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"V1.1 {TITLE}")
    expect(page.get_by_text("Last published status: Red")).to_be_visible()
    assert_accessible(page)

    _choose_status(page, "Red")
    page.get_by_role("button", name="Submit for review").click()
    expect(page).to_have_title(re.compile(r"^Error: Update on V1\.1"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Explain why the action is Red")
    expect(page.get_by_role("radio", name=re.compile(r"^Red:"))).to_be_checked()
    assert_accessible(page)

    page.get_by_role("textbox", name="Commentary").fill("Still too few call handlers.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("The update for V1.1 was submitted for review.")).to_be_visible()
    expect(page.locator("tbody tr").first).to_contain_text("Awaiting review")
    assert_accessible(page)

    # An officer returns it with a reason.
    officer_context = browser.new_context()
    try:
        desk = officer_context.new_page()
        sign_in(desk, base, officer)
        desk.get_by_role("link", name="Review updates").click()
        expect(desk.get_by_role("heading", level=1)).to_have_text("Updates to review")
        expect(desk.get_by_text("1 update awaits review.")).to_be_visible()
        assert_accessible(desk)

        desk.get_by_role("link", name=re.compile(r"^V1\.1 ")).click()
        expect(desk.get_by_role("heading", level=1)).to_have_text(f"V1.1 {TITLE}")
        assert_accessible(desk)

        desk.get_by_role("button", name="Return the update").click()
        expect(desk.locator(".govuk-error-summary")).to_contain_text(
            "Enter the reason for returning it"
        )
        assert_accessible(desk)
        desk.get_by_label("Reason for returning it").fill(RETURN_REASON)
        desk.get_by_role("button", name="Return the update").click()
        expect(desk.get_by_text("The update for V1.1 was returned to its lead.")).to_be_visible()
        assert_accessible(desk)

        # The Lead sees why and revises it to Amber.
        page.reload()
        expect(page.locator("tbody tr").first).to_contain_text(f"Reason: {RETURN_REASON}")
        assert_accessible(page)
        page.get_by_role("link", name="Revise the update for V1.1").click()
        expect(page.locator(".govuk-inset-text")).to_contain_text(RETURN_REASON)
        assert_accessible(page)
        _choose_status(page, "Amber")
        page.get_by_role("textbox", name="Commentary").fill(
            "Twelve call handlers joined; answering times are improving."
        )
        page.get_by_role("button", name="Submit for review").click()
        expect(page.get_by_text("The update for V1.1 was submitted for review.")).to_be_visible()

        # The officer approves it, then closes and publishes the quarter.
        desk.get_by_role("link", name="Review updates").click()
        desk.get_by_role("link", name=re.compile(r"^V1\.1 ")).click()
        expect(desk.locator(".govuk-summary-list")).to_contain_text("Amber")
        desk.get_by_role("button", name="Approve the update").click()
        expect(desk.get_by_text("The update for V1.1 was approved.")).to_be_visible()
        expect(desk.get_by_text("0 updates await review.")).to_be_visible()
        assert_accessible(desk)

        desk.get_by_role("link", name="Plan on a Page").click()
        desk.get_by_role("link", name="The Delivery Plan: progress on each action").click()
        expect(desk.get_by_role("heading", level=1)).to_contain_text("Q1 2018/19")
        assert_accessible(desk)
        desk.get_by_role("link", name="Manage periods").click()
        expect(desk.get_by_role("heading", level=1)).to_have_text("Reporting periods")
        assert_accessible(desk)

        desk.get_by_role("button", name=f"Close for review {CURRENT}").click()
        expect(desk.get_by_text(f"{CURRENT} is now in review.")).to_be_visible()
        assert_accessible(desk)
        desk.get_by_role("button", name=f"Publish {CURRENT}").click()
        expect(desk.get_by_text(f"{CURRENT} is now published.")).to_be_visible()
        assert_accessible(desk)

        # The Delivery Plan for the quarter: Amber, improving on last quarter's Red.
        desk.get_by_role("link", name=CURRENT).click()
        expect(desk.get_by_role("heading", level=1)).to_have_text(f"Delivery Plan: {CURRENT}")
        row = desk.locator("table.pw-delivery-table tbody tr", has_text="V1.1")
        expect(row).to_contain_text("Amber")
        expect(row).to_contain_text("Improving")
        expect(desk.locator("main")).to_contain_text("direction of travel since Q1 2018/19")
        assert_accessible(desk)

        row.get_by_role("link", name=TITLE).click()
        expect(desk.get_by_role("heading", level=1)).to_have_text(f"V1.1 {TITLE}")
        assert_accessible(desk)
        desk.get_by_role("link", name="Full record of changes").click()
        expect(desk.get_by_role("heading", level=1)).to_have_text("Record of changes")
        expect(desk.locator("tbody")).to_contain_text("Approved")
        expect(desk.locator("tbody")).to_contain_text(f"Returned: {RETURN_REASON}")
        assert_accessible(desk)
    finally:
        officer_context.close()

    # The public sees the published quarter the same way.
    public = browser.new_context()
    try:
        reader = public.new_page()
        reader.goto(f"{base}/plans/{published_plan.slug}/delivery/")
        expect(reader.get_by_role("heading", level=1)).to_have_text(f"Delivery Plan: {CURRENT}")
        row = reader.locator("table.pw-delivery-table tbody tr", has_text="V1.1")
        expect(row).to_contain_text("Amber")
        expect(row).to_contain_text("Improving")
        assert_accessible(reader)
    finally:
        public.close()


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("/rag-key/", None),
        ("/rag-key/new/", "Save the status"),
        ("/rag-key/G/edit/", None),
        ("/actions/", None),
        ("/actions/new/", "Save the action"),
        ("/actions/V1.1/edit/", None),
        ("/actions/V1.1/updates/2018-19-q1/amend/", "Save the correction"),
        ("/periods/", "Add the quarter"),
        ("/delivery/2018-19-q2/?status=G", None),
    ],
)
def test_the_officers_delivery_pages_are_accessible_with_and_without_errors(
    page: Page, live_server, officer, published_plan, reported_quarter, path, button
):
    sign_in(page, live_server.url, officer)
    page.goto(f"{live_server.url}/plans/{published_plan.slug}{path}")
    assert_accessible(page)
    if button:
        for field in page.locator(
            "main form[method=post] textarea, main form input.govuk-input"
        ).all():
            field.fill("")
        page.get_by_role("button", name=button).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(page)
