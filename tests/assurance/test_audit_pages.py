"""Officers record an internal audit and the actions agreed on it in the forms; the audit's
page lists them with their owners, status and slippage."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.assurance.models import Audit, AuditAction
from tests.assurance.conftest import level


@pytest.fixture
def as_officer(client, officer):
    client.force_login(officer)
    return client


def test_an_officer_records_an_audit_and_an_agreed_action(as_officer, lead, published_plan):
    response = as_officer.post(
        "/assurance/audits/new/",
        {
            "reference": "IA-2018-03",
            "title": "Commissioning and grants",
            "auditor": "Internal audit",
            "reported_on": "20/03/2018",
            "assurance": level("assurance", "partial").pk,
        },
    )
    assert response["Location"] == "/assurance/audits/IA-2018-03/"
    assert Audit.objects.get().assurance.label == "Partial"

    added = as_officer.post(
        "/assurance/audits/IA-2018-03/actions/new/",
        {
            "reference": "1",
            "finding": "Grant conditions were not checked before payment",
            "recommendation": "Check each grant's conditions before paying it",
            "priority": level("priority", "high").pk,
            "owner": lead.pk,
            "original_due": "30/06/2018",
        },
    )
    assert added.status_code == 302
    item = AuditAction.objects.get()
    assert (item.owner, item.original_due, item.priority.label) == (
        lead,
        dt.date(2018, 6, 30),
        "High",
    )
    page = as_officer.get("/assurance/audits/IA-2018-03/").content.decode()
    assert "Check each grant&#x27;s conditions before paying it" in page
    assert "slipped" in page  # 30 June 2018 is long past


def test_an_agreed_action_needs_its_due_date_and_priority(as_officer, audit):
    response = as_officer.post(
        f"/assurance/audits/{audit.reference}/actions/new/",
        {"reference": "1", "finding": "F", "recommendation": "R"},
    )

    page = response.content.decode()
    assert "Enter the due date agreed" in page and "Enter the priority" in page
    assert not AuditAction.objects.exists()
