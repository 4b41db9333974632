"""An officer records an inspection report with two recommendations, links one to a Delivery
Plan action, drafts the s.55 response, and sees its due date on the home page. Every page on
the way is accessible."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from planwatch.assurance import services
from planwatch.assurance.models import Audit, AuditAction, Inspection, InspectionGrade
from tests.assurance.conftest import level
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


def test_the_owner_closes_an_agreed_action_with_evidence_from_the_tracker(
    page: Page, live_server, officer, lead
):
    services.scale_levels_ensure_default(by=None)  # a browser test's database starts empty
    audit = services.audit_save(
        audit=Audit(),
        by=officer,
        reference="IA-2026-01",
        title="Grants",
        auditor="Internal audit",
        reported_on=dt.date(2026, 3, 20),
        assurance=level("assurance", "reasonable"),
    )
    services.audit_action_save(
        item=AuditAction(audit=audit),
        by=officer,
        reference="1",
        finding="Conditions were not checked",
        recommendation="Check each grant's conditions before paying it",
        priority=level("priority", "high"),
        original_due=dt.date(2026, 6, 30),
        owner=lead,
    )
    base = live_server.url

    for year, scheme, grade in ((2019, "PEEL 2018/19", "good"), (2022, "PEEL 2021/22", "adequate")):
        report = services.inspection_save(
            inspection=Inspection(),
            by=officer,
            reference=f"PEEL-{year}",
            title=f"PEEL {year}",
            kind="peel",
            published_on=dt.date(year, 5, 2),
        )
        services.inspection_grade_save(
            record=InspectionGrade(inspection=report),
            by=officer,
            area="Preventing crime",
            grade=level("grade", grade),
            scheme=scheme,
        )

    sign_in(page, base, officer)
    page.goto(base + "/assurance/")
    expect(page.get_by_text("The grading scheme changed from PEEL 2018/19")).to_be_visible()
    assert_accessible(page)
    page.goto(base + "/assurance/inspections/PEEL-2022/grades/new/")
    assert_accessible(page)
    page.goto(base + "/assurance/audit-actions/?priority=high")
    expect(page.get_by_role("table")).to_contain_text("Check each grant's conditions")
    assert_accessible(page)
    page.goto(base + "/assurance/audits/IA-2026-01/")
    assert_accessible(page)
    page.get_by_role("link", name="1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreed action 1")
    page.get_by_label("Closed").check()
    page.get_by_role("button", name="Save the status").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what evidence")
    assert_accessible(page)
    page.get_by_label("Closed").check()
    page.get_by_label("Evidence").fill("Ten payments checked at the May JAC")
    page.get_by_role("button", name="Save the status").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Ten payments checked")
    assert_accessible(page)


def test_an_officer_configures_a_scale_and_publishes_an_audit_that_a_visitor_reads(
    page: Page, browser, live_server, officer
):
    services.scale_levels_ensure_default(by=None)  # a browser test's database starts empty
    services.audit_save(
        audit=Audit(),
        by=officer,
        reference="IA-2026-02",
        title="Victims' services contracts",
        auditor="Internal audit",
        reported_on=dt.date(2026, 4, 14),
        assurance=level("assurance", "substantial"),
    )
    base = live_server.url
    sign_in(page, base, officer)
    page.goto(base + "/assurance/")
    page.get_by_role("link", name="Scales: assurance levels, priorities and grades").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a level").click()
    page.get_by_label("Inspection grade").check()
    page.get_by_label("Name").fill("Not graded")
    page.get_by_label("Place in the scale").fill("6")
    page.get_by_role("button", name="Save the level").click()
    added = "“Not graded” was added to the scale: Inspection grade."
    expect(page.get_by_text(added)).to_be_visible()
    assert_accessible(page)

    page.goto(base + "/assurance/audits/IA-2026-02/")
    expect(page.get_by_text("Only OPCC staff, auditors and Panel members")).to_be_visible()
    page.get_by_role("button", name="Publish to the public").click()
    expect(page.get_by_text("The report is now published")).to_be_visible()
    assert_accessible(page)

    visitor = browser.new_context()
    try:
        public = visitor.new_page()
        public.goto(base + "/")
        public.get_by_role("link", name="Audits and inspections").click()
        public.get_by_role("link", name="Victims' services contracts").click()
        expect(public.get_by_role("heading", level=1)).to_have_text("Victims' services contracts")
        expect(public.get_by_role("button", name="Withdraw from the public")).to_have_count(0)
        assert_accessible(public)
    finally:
        visitor.close()
