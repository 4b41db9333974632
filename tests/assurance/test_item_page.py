"""The owner of an agreed action moves it on, revises its due date and reports progress on its
page; closing without evidence comes back on the form; nobody else may change it."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.assurance.models import AuditAction, ProgressNote


def url(item) -> str:
    return f"/assurance/items/audit-action/{item.pk}/"


def test_the_owner_closes_it_only_with_evidence(client, agreed, lead):
    client.force_login(lead)

    refused = client.post(url(agreed), {"form": "status", "status": "closed"})
    assert refused.status_code == 200
    assert "Say what evidence shows it is done" in refused.content.decode()
    assert AuditAction.objects.get(pk=agreed.pk).status == "open"

    done = client.post(
        url(agreed), {"form": "status", "status": "closed", "evidence": "Checklist seen"}
    )
    assert done.status_code == 302
    item = AuditAction.objects.get(pk=agreed.pk)
    assert (item.status, item.evidence) == ("closed", "Checklist seen")


def test_the_owner_revises_the_due_date_and_reports_progress(client, agreed, lead):
    client.force_login(lead)

    client.post(url(agreed), {"form": "due", "due": "30/09/2018", "why": "New finance system"})
    client.post(url(agreed), {"form": "note", "text": "Checklist drafted"})

    page = client.get(url(agreed)).content.decode()
    assert "first agreed 30 June 2018" in page and "New finance system" in page
    assert AuditAction.objects.get(pk=agreed.pk).current_due == dt.date(2018, 9, 30)
    assert ProgressNote.objects.get().written_by == lead


@pytest.mark.parametrize("who", ["other_lead", "panel_member", "auditor"])
def test_nobody_else_changes_it(client, agreed, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.post(url(agreed), {"form": "note", "text": "Mine now"})

    assert response.status_code == 403
    assert not ProgressNote.objects.exists()
