"""The assurance pages: inspections with their response dates, the trackers with filters,
counts, pages and a spreadsheet; read by OPCC staff, auditors and the Panel only."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest
from django.utils import timezone

from planwatch.assurance import services
from planwatch.assurance.models import AuditAction
from tests.assurance.conftest import level
from tests.delivery import builders


@pytest.fixture
def as_officer(client, officer):
    client.force_login(officer)
    return client


def test_the_index_lists_reports_with_their_response_dates_and_counts(
    as_officer, inspection, recommendations, agreed
):
    page = as_officer.get("/assurance/").content.decode()

    assert "<title>Audits and inspections – PlanWatch</title>" in page
    assert "HMI-2018-01" in page and "5 September 2018" in page and "Overdue" in page
    assert (
        '<dt class="govuk-summary-list__key">Open</dt><dd class="govuk-summary-list__value">2'
        in (page)
    )


def test_the_tracker_filters_by_priority_status_owner_and_overdue(as_officer, agreed, lead):
    url = "/assurance/audit-actions/"
    assert "IA-2018-03/1" in as_officer.get(url).content.decode()

    def references(**query) -> list[str]:
        page = as_officer.get(url, query).content.decode()
        return [ref for ref in ("IA-2018-03/1", "IA-2018-03/2") if ref in page]

    assert references(priority="high") == ["IA-2018-03/1"]
    assert references(owner="finance") == ["IA-2018-03/2"]
    assert references(overdue="1") == ["IA-2018-03/1", "IA-2018-03/2"]  # both past due by now
    services.item_set_status(item=agreed, status="in_progress", by=lead)
    assert references(status="in_progress") == ["IA-2018-03/1"]
    assert references(status="closed") == []


def test_long_trackers_are_paged_keeping_the_filters(as_officer, audit, officer):
    for n in range(3, 56):
        services.audit_action_save(
            item=AuditAction(audit=audit),
            by=officer,
            reference=f"{n:02d}",
            finding="Finding",
            recommendation=f"Recommendation {n}",
            priority=level("priority", "low"),
            original_due=dt.date(2030, 1, 1),
        )

    first = as_officer.get("/assurance/audit-actions/", {"priority": "low"}).content.decode()
    second = as_officer.get(
        "/assurance/audit-actions/", {"priority": "low", "page": 2}
    ).content.decode()

    assert "53 items match these filters" in first and "Page 1 of 2" in first
    assert 'href="?priority=low&amp;page=2"' in first
    assert "IA-2018-03/55" in second and "IA-2018-03/03" not in second


def test_the_spreadsheet_holds_the_filtered_rows_with_formulas_as_text(as_officer, agreed, officer):
    services.audit_action_save(item=agreed, by=officer, recommendation="=HYPERLINK(1)")

    response = as_officer.get("/assurance/audit-actions.xlsx", {"priority": "high"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Source", "Reference", "Priority or kind", "Recommendation")
    assert len(rows) == 2
    assert rows[1][:4] == ("IA-2018-03", "1", "High", "'=HYPERLINK(1)")
    assert rows[1][6:8] == ("30/06/2018", "30/06/2018")


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 302), ("lead", 403), ("panel_member", 200), ("auditor", 200), ("officer", 200)],
)
def test_who_reads_the_trackers(client, agreed, who, status, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    for url in ("/assurance/", "/assurance/audit-actions/", "/assurance/recommendations.xlsx"):
        assert client.get(url).status_code == status


@pytest.mark.parametrize(
    ("who", "sees"), [("officer", True), ("panel_member", True), (None, False)]
)
def test_the_action_page_says_what_it_answers_to_those_who_read_assurance(
    client, agreed, published_plan, officer, who, sees, request
):
    v11 = builders.action(published_plan, "V1.1")
    services.item_link(item=agreed, by=officer, actions=[v11])
    if who:
        client.force_login(request.getfixturevalue(who))

    page = client.get(f"/plans/{published_plan.slug}/actions/V1.1/").content.decode()

    assert ("Audit IA-2018-03 (Commissioning and grants), agreed action 1" in page) is sees


def test_the_trackers_print_as_a_paper_for_the_joint_audit_committee(
    as_officer, agreed, recommendations, lead
):
    services.due_date_revise(
        item=agreed, due=dt.date(2018, 9, 30), reason="New finance system", by=lead
    )

    response = as_officer.get("/assurance/jac-paper.docx")

    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Joint Audit Committee" in text
    summary, audits, recs = document.tables
    open_row = [c.text for c in summary.rows[1].cells]
    assert open_row == ["Open", "2", "2"]
    first = [c.text for c in audits.rows[1].cells]
    assert first[:5] == [
        "IA-2018-03/1",
        "Check each grant's conditions before paying it",
        "High",
        "Lee",
        "Open",
    ]
    assert first[5] == "30 September 2018 (first agreed 30 June 2018)"
    expected = (timezone.localdate() - dt.date(2018, 6, 30)).days
    assert first[6] == f"{expected} days"
    assert [c.text for c in recs.rows[1].cells][0] == "HMI-2018-01/R1"


def test_the_tracker_shows_each_linked_action_with_its_published_status(
    as_officer, agreed, published_plan, officer, lead
):
    v11 = builders.action(published_plan, "V1.1", lead=lead)
    v12 = builders.action(published_plan, "V1.2", lead=lead)
    first = builders.quarter(published_plan, "2018-19-q1")
    builders.approved(v11, first, "R", "Behind")
    builders.publish(first)
    second = builders.quarter(published_plan, "2018-19-q2")
    builders.approved(v11, second, "G", "Back on track")
    builders.publish(second)
    services.item_link(item=agreed, by=officer, actions=[v11, v12])

    page = as_officer.get("/assurance/audit-actions/").content.decode()

    assert "V1.1 (Green), V1.2" in page
