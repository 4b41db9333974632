"""The officers' pages for a paper (prepare it from an agenda item, edit its narrative,
preview it, download drafts, publish it) and the public's downloads of published versions
from the meeting's page: exact stored bytes, with the right type and name."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from planwatch.papers.models import Job, Paper, PaperVersion
from planwatch.papers.services import paper_publish
from tests.papers.jobs import run_queued_tasks
from tests.papers.monitoring import CURRENT, reload
from tests.papers.test_publish import amend_v12_to_green

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def meeting_url(meeting) -> str:
    return f"/governance/{meeting.body.slug}/meetings/{meeting.pk}/"


@pytest.fixture
def as_officer(client, officer):
    client.force_login(officer)
    return client


def test_an_officer_prepares_the_paper_from_its_agenda_item(as_officer, reported_plan, agenda_item):
    url = f"/papers/new/for-agenda-item/{agenda_item.pk}/"
    form = as_officer.get(url).content.decode()
    assert 'value="delivery-monitoring" checked' in form

    response = as_officer.post(
        url,
        {
            "kind": "delivery-monitoring",
            "plan": reported_plan.pk,
            "period": CURRENT,
            "report_of": "Police and Crime Commissioner for Northmoor",
            "contact_officer": "Dana Grey",
        },
    )

    paper = Paper.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/papers/{paper.pk}/"
    assert (paper.meeting, paper.agenda_item, paper.agenda_number) == (
        agenda_item.meeting,
        agenda_item,
        "7",
    )
    assert paper.history.latest().history_user.username == "olu"


def test_a_period_the_plan_lacks_is_shown_as_an_error_on_the_form(
    as_officer, reported_plan, agenda_item
):
    response = as_officer.post(
        f"/papers/new/for-agenda-item/{agenda_item.pk}/",
        {
            "kind": "delivery-monitoring",
            "plan": reported_plan.pk,
            "period": "2030-31-q1",
            "report_of": "Police and Crime Commissioner",
        },
    )

    assert response.status_code == 200
    assert "no reporting period &#x27;2030-31-q1&#x27;" in response.content.decode()
    assert not Paper.objects.exists()


def test_the_narrative_form_offers_the_data_s_wording_and_keeps_only_real_edits(as_officer, paper):
    url = f"/papers/{paper.pk}/narrative/"
    page = as_officer.get(url).content.decode()
    assert "The Panel is recommended to note the report." in page
    assert 'name="delivery_summary"' in page

    fields = {
        name: text
        for name, text in re.findall(
            r'<textarea name="([a-z_]+)"[^>]*>\n?(.*?)</textarea>', page, re.DOTALL
        )
    }
    fields = {
        name: text.replace("&#x27;", "'").replace("&quot;", '"') for name, text in fields.items()
    }
    fields["recommendations"] = "The Panel is recommended to note the report and the Red action."
    response = as_officer.post(url, fields)

    assert response.status_code == 302
    assert reload(paper).narrative == {
        "recommendations": "The Panel is recommended to note the report and the Red action."
    }


def test_the_preview_is_the_draft_from_current_data_with_the_narrative_escaped(as_officer, paper):
    as_officer.post(f"/papers/{paper.pk}/narrative/", {"purpose": "<b>Bold</b> purpose"})

    page = as_officer.get(f"/papers/{paper.pk}/preview/").content.decode()

    assert "/static/papers/paper.css" in page
    assert "&lt;b&gt;Bold&lt;/b&gt; purpose" in page
    assert "Draft: made from PlanWatch" in page
    assert '<th scope="row">V1.1</th>' in page


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_draft_files_are_made_from_current_data(as_officer, paper, fmt):
    response = as_officer.get(f"/papers/{paper.pk}/draft.{fmt}")

    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert re.search(
        r'filename="2018-09-12-police-and-crime-panel-item-7-.*-draft\.' + fmt,
        response["Content-Disposition"],
    )
    assert response["Cache-Control"] == "no-store"
    assert response.content[:2] in {b"%P", b"PK", b"<!"}


def test_an_officer_publishes_and_then_corrects_the_paper(as_officer, paper):
    url = f"/papers/{paper.pk}/publish/"
    assert 'name="reason"' not in as_officer.get(url).content.decode()

    first = as_officer.post(url)
    job = Job.objects.get()
    assert first["Location"] == f"/papers/jobs/{job.pk}/"
    assert not PaperVersion.objects.exists()
    assert "Waiting to start" in as_officer.get(first["Location"]).content.decode()
    assert run_queued_tasks() == ["SUCCESSFUL"]
    assert "Version 1 was published." in as_officer.get(first["Location"]).content.decode()
    amend_v12_to_green(paper.plan)
    refused = as_officer.post(url, {"reason": ""})
    corrected = as_officer.post(url, {"reason": "V1.2 is Green"})
    run_queued_tasks()

    assert "Say what this version corrects in version 1" in refused.content.decode()
    assert corrected.status_code == 302
    assert list(paper.versions.values_list("number", "reason")) == [(1, ""), (2, "V1.2 is Green")]
    page = as_officer.get(f"/papers/{paper.pk}/").content.decode()
    assert "Replaces version 1: V1.2 is Green" in page


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_anyone_downloads_the_exact_published_bytes(client, published, fmt):
    amend_v12_to_green(published.paper.plan)

    response = client.get(f"/papers/{published.paper_id}/versions/1.{fmt}")

    stored = PaperVersion.objects.get(pk=published.pk).file(fmt)
    assert response.status_code == 200
    assert response.content == stored
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["ETag"] == f'"{hashlib.sha256(stored).hexdigest()}"'
    assert response["Repr-Digest"] == (
        f"sha-256=:{base64.b64encode(hashlib.sha256(stored).digest()).decode()}:"
    )
    assert re.search(
        rf'filename="2018-09-12-police-and-crime-panel-item-7-monitoring-.*-v1\.{fmt}"',
        response["Content-Disposition"],
    )


def test_the_published_web_page_is_served_with_a_policy_for_its_own_style_only(client, published):
    response = client.get(f"/papers/{published.paper_id}/versions/1.html")

    policy = response["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "unsafe-inline" not in policy and "script-src" not in policy


def test_the_meeting_page_links_the_published_paper_for_everyone(client, paper, officer):
    url = meeting_url(paper.meeting)
    assert f"/papers/{paper.pk}/versions/" not in client.get(url).content.decode()

    version = paper_publish(paper=paper, by=None)

    public = client.get(url).content.decode()
    for fmt in ("pdf", "docx", "html"):
        assert f"/papers/{paper.pk}/versions/{version.number}.{fmt}" in public
    assert f'/papers/{paper.pk}/"' not in public
    client.force_login(officer)
    assert f'href="/papers/{paper.pk}/"' in client.get(url).content.decode()


def test_officers_see_where_a_paper_can_be_prepared(client, officer, agenda_item):
    client.force_login(officer)

    page = client.get(meeting_url(agenda_item.meeting)).content.decode()

    assert f"/papers/new/for-agenda-item/{agenda_item.pk}/" in page


POSTS = [
    ("narrative/", {"purpose": "Changed"}),
    ("publish/", {}),
    ("edit/", {"report_of": "Someone else", "period": CURRENT}),
]


@pytest.mark.parametrize("who", ["lead", "panel_member", "auditor", None])
@pytest.mark.parametrize(("page", "data"), POSTS, ids=[page for page, _ in POSTS])
def test_only_opcc_staff_change_or_publish_a_paper(client, paper, who, page, data, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    before = list(Paper.objects.values())

    response = client.post(f"/papers/{paper.pk}/{page}", data)

    assert response.status_code == (403 if who else 302)
    assert list(Paper.objects.values()) == before
    assert not Job.objects.exists()
    assert not PaperVersion.objects.exists()


def test_the_papers_list_runs_a_fixed_number_of_queries(
    as_officer, paper, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = as_officer.get("/papers/").content.decode()
    assert "Version 1" in page


def test_the_meeting_page_runs_a_fixed_number_of_queries(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        assert client.get(meeting_url(published.paper.meeting)).status_code == 200
