"""An officer records an inspection report with two recommendations, links one to a Delivery
Plan action, drafts the s.55 response, and sees its due date on the home page. Every page on
the way is accessible."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.pages import assert_accessible, sign_in
from tests.delivery import builders

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_an_officer_records_a_report_and_drafts_the_response(
    page: Page, live_server, officer, lead, published_plan
):
    builders.action(published_plan, "V1.1", lead=lead)
    base = live_server.url
    published = timezone.localdate() - dt.timedelta(days=50)
    due = published + dt.timedelta(days=55)
    due_text = f"{due.day} {due:%B %Y}"

    sign_in(page, base, officer)
    page.get_by_role("link", name="Audits and inspections").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audits and inspections")
    assert_accessible(page)
    page.get_by_role("link", name="Record an inspection report").click()
    assert_accessible(page)
    page.get_by_label("Reference").fill("HMI-2026-07")
    page.get_by_label("Title of the report").fill("Crime data integrity inspection")
    page.get_by_label("Thematic").check()
    page.get_by_label("Date the report was published").fill(published.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_text("The report was recorded.")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text(due_text)
    assert_accessible(page)

    for reference, text, actions in (
        ("R1", "Record every reported crime within 24 hours", "V1.1"),
        ("R2", "Audit the recording of rape reports", ""),
    ):
        page.get_by_role("link", name="Add a recommendation").click()
        page.get_by_label("Reference").fill(reference)
        page.get_by_label("Recommendation", exact=True).check()
        page.get_by_label("What the report asks").fill(text)
        page.get_by_label("Delivery Plan actions it answers (optional)").fill(actions)
        assert_accessible(page)
        page.get_by_role("button", name="Save the recommendation").click()
        expect(page.get_by_text(f"Recommendation {reference} was recorded.")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Record every reported crime within 24 hours")
    expect(table.get_by_role("row").nth(1)).to_contain_text("V1.1")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Draft the response (Word)").click()
    assert download.value.suggested_filename == "hmi-2026-07-response-draft.docx"

    page.get_by_role("link", name="Plan on a Page").click()
    banner = page.get_by_role("region", name="Inspection responses due")
    expect(banner).to_contain_text("HMI-2026-07")
    expect(banner).to_contain_text(f"due by {due_text} (5 days left)")
    assert_accessible(page)
