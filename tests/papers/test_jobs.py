"""Background work: an officer asks for a draft PDF or a publication, the job is queued in the
database, `planwatch worker` runs it, and the job's page shows its state and then offers the
file. Checks are made again when the job runs, so a user who lost the right meanwhile gets
nothing."""

from __future__ import annotations

import json
import signal

import pytest
from django.core.management import call_command

from planwatch.accounts.models import Role
from planwatch.papers.models import Job, PaperVersion
from tests.papers.jobs import run_queued_tasks
from tests.pdf_tools import pdf_info, pdf_text


@pytest.fixture
def as_officer(client, officer):
    client.force_login(officer)
    return client


def _state(client, job: Job) -> dict:
    return json.loads(client.get(f"/papers/jobs/{job.pk}/state/").content)


def test_a_draft_pdf_is_queued_then_made_by_the_worker_and_offered(as_officer, paper, tmp_path):
    response = as_officer.post(f"/papers/{paper.pk}/draft.pdf/prepare/")

    job = Job.objects.get()
    assert response["Location"] == f"/papers/jobs/{job.pk}/"
    assert (job.what, job.state, job.requested_by.username) == ("draft", "queued", "olu")
    assert _state(as_officer, job)["finished"] is False
    assert as_officer.get(f"/papers/jobs/{job.pk}/file/").status_code == 404
    assert "Waiting to start" in as_officer.get(response["Location"]).content.decode()

    assert run_queued_tasks() == ["SUCCESSFUL"]

    state = _state(as_officer, job)
    assert state["finished"] is True and state["file"] == f"/papers/jobs/{job.pk}/file/"
    download = as_officer.get(state["file"])
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].endswith('-draft.pdf"')
    path = tmp_path / "draft.pdf"
    path.write_bytes(download.content)
    text = pdf_text(path)
    assert "Draft: made from PlanWatch" in text and "MONITORING THE DELIVERY" in text.upper()
    assert pdf_info(path)["Tagged"] == "yes"


def test_asking_twice_while_it_waits_queues_it_once(as_officer, paper):
    first = as_officer.post(f"/papers/{paper.pk}/draft.pdf/prepare/")
    second = as_officer.post(f"/papers/{paper.pk}/draft.pdf/prepare/")

    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    assert run_queued_tasks() == ["SUCCESSFUL"]


def test_a_draft_pdf_is_not_made_while_the_page_waits(as_officer, paper):
    assert as_officer.get(f"/papers/{paper.pk}/draft.pdf").status_code == 404
    assert as_officer.get(f"/papers/{paper.pk}/draft.docx").status_code == 200


def test_the_publication_fails_when_its_requester_lost_the_right_before_it_ran(
    as_officer, paper, officer
):
    as_officer.post(f"/papers/{paper.pk}/publish/")
    officer.role = Role.LEAD
    officer.save()

    run_queued_tasks()

    job = Job.objects.get()
    assert (job.state, job.error) == ("failed", "You may no longer do this.")
    assert not PaperVersion.objects.exists()


def test_a_publication_the_data_no_longer_allow_fails_with_the_reason(as_officer, paper):
    as_officer.post(f"/papers/{paper.pk}/publish/")
    as_officer.post(f"/papers/{paper.pk}/publish/")  # the same job, still waiting
    run_queued_tasks()
    # A second request after the first was published has nothing new to say.
    response = as_officer.post(f"/papers/{paper.pk}/publish/", {"reason": "Again"})

    assert "Nothing has changed since version 1" in response.content.decode()
    assert PaperVersion.objects.count() == 1
    assert Job.objects.count() == 1


@pytest.mark.parametrize("who", ["lead", "panel_member", "auditor", None])
def test_only_opcc_staff_queue_or_follow_jobs(client, paper, officer, who, request):
    client.force_login(officer)
    client.post(f"/papers/{paper.pk}/draft.pdf/prepare/")
    job = Job.objects.get()
    run_queued_tasks()
    client.logout()
    if who:
        client.force_login(request.getfixturevalue(who))

    refused = 403 if who else 302
    assert client.post(f"/papers/{paper.pk}/draft.pdf/prepare/").status_code == refused
    for page in ("", "state/", "file/"):
        assert client.get(f"/papers/jobs/{job.pk}/{page}").status_code == refused
    assert Job.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_what_is_queued_and_gives_ctrl_c_back(
    client, officer, reported_plan, agenda_item
):
    from planwatch.papers.services import paper_create
    from tests.papers.monitoring import CURRENT

    paper = paper_create(
        plan=reported_plan,
        kind="delivery-monitoring",
        body=agenda_item.meeting.body,
        agenda_item=agenda_item,
        by=None,
        period=CURRENT,
    )
    client.force_login(officer)
    client.post(f"/papers/{paper.pk}/publish/")
    before = signal.getsignal(signal.SIGINT)

    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job = Job.objects.get()
    assert job.state == "done" and job.started_at <= job.finished_at
    assert job.version == PaperVersion.objects.get(paper=paper, number=1)
    assert signal.getsignal(signal.SIGINT) == before
