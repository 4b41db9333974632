"""Officers record an inspection report and its recommendations in the browser's forms, see
the response due date, and draft the response; mistakes come back on the form."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from planwatch.assurance import services
from planwatch.assurance.models import Inspection, Recommendation
from tests.delivery import builders


@pytest.fixture
def as_officer(client, officer):
    client.force_login(officer)
    return client


def test_an_officer_records_a_report_and_sees_its_due_date(as_officer, published_plan):
    response = as_officer.post(
        "/assurance/inspections/new/",
        {
            "reference": "HMI-2018-01",
            "title": "Crime data integrity inspection",
            "kind": "thematic",
            "published_on": "12/07/2018",
        },
    )

    assert response["Location"] == "/assurance/inspections/HMI-2018-01/"
    inspection = Inspection.objects.get()
    assert inspection.history.latest().history_user.username == "olu"
    page = as_officer.get(response["Location"]).content.decode()
    assert "5 September 2018" in page


def test_a_mistake_comes_back_on_the_form_and_nothing_is_kept(as_officer):
    response = as_officer.post(
        "/assurance/inspections/new/",
        {"reference": "HMI-1", "title": "", "kind": "thematic", "published_on": "31/02/2018"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the title of the report" in page
    assert "must be a real date" in page
    assert not Inspection.objects.exists()


def test_a_recommendation_links_to_delivery_plan_actions(
    as_officer, inspection, published_plan, lead
):
    builders.action(published_plan, "V1.1", lead=lead)
    url = f"/assurance/inspections/{inspection.reference}/recommendations/new/"
    data = {
        "reference": "R1",
        "kind": "recommendation",
        "text": "Record every reported crime within 24 hours",
        "owner": lead.pk,
        "actions": "V1.1, Z9",
    }

    refused = as_officer.post(url, data)
    assert "Z9: no such action" in refused.content.decode()
    assert not Recommendation.objects.exists()

    as_officer.post(url, {**data, "actions": "V1.1"})
    item = Recommendation.objects.get()
    assert [a.reference for a in item.actions.all()] == ["V1.1"] and item.owner == lead
    page = as_officer.get(f"/assurance/inspections/{inspection.reference}/").content.decode()
    assert "Record every reported crime within 24 hours" in page


def test_the_draft_response_downloads_as_word(as_officer, inspection, recommendations):
    response = as_officer.get(f"/assurance/inspections/{inspection.reference}/response.docx")

    assert response["Content-Disposition"] == (
        'attachment; filename="hmi-2018-01-response-draft.docx"'
    )
    document = docx.Document(io.BytesIO(response.content))
    assert any("Draft" in p.text for p in document.paragraphs)
    assert [row.cells[0].text for row in document.tables[-1].rows][1:] == ["R1", "AFI1"]


def test_the_response_is_recorded_as_published_once_every_item_is_answered(
    as_officer, inspection, recommendations, officer
):
    url = f"/assurance/inspections/{inspection.reference}/response/"
    refused = as_officer.post(url, {"state": "published", "on": "01/09/2018"})
    assert "Say what is done, or why nothing" in refused.content.decode()

    for item in recommendations:
        services.recommendation_save(item=item, by=officer, response="Done")
    as_officer.post(url, {"state": "published", "on": "01/09/2018"})

    inspection.refresh_from_db()
    assert (inspection.response_state, inspection.response_published_on) == (
        "published",
        dt.date(2018, 9, 1),
    )
