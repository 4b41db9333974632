"""A meeting's agenda pack: one tagged PDF of the published papers in agenda order, each as it
was published, after a cover whose contents give the page each paper starts on. Officers
assemble it; whoever may see the meeting downloads it from the meeting's page."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import ValidationError

from planwatch.governance.models import Access, PaperKind
from planwatch.papers.jobs import job_pack
from planwatch.papers.models import Job
from planwatch.papers.services import paper_create, paper_publish
from tests.governance import builders as meetings
from tests.papers.jobs import run_queued_tasks
from tests.papers.monitoring import PREVIOUS
from tests.papers.test_publish import amend_v12_to_green
from tests.pdf_tools import pdf_info, pdf_text


def meeting_url(meeting) -> str:
    return f"/governance/{meeting.body.slug}/meetings/{meeting.pk}/"


@pytest.fixture
def two_papers(paper, published):
    """Item 7's paper (published first) and item 5's, on the quarter before, published after."""
    item = meetings.item(paper.meeting, "5", "Delivery last quarter", PaperKind.DELIVERY_MONITORING)
    earlier = paper_create(
        plan=paper.plan,
        kind="delivery-monitoring",
        body=paper.body,
        agenda_item=item,
        by=None,
        period=PREVIOUS,
        title="Monitoring the delivery: the quarter before",
    )
    return [paper_publish(paper=earlier, by=None), published]


def _assemble(client, officer, meeting) -> Job:
    client.force_login(officer)
    response = client.post(meeting_url(meeting) + "agenda-pack/assemble/")
    job = Job.objects.get(what="pack")
    assert response["Location"] == f"/papers/jobs/{job.pk}/"
    assert run_queued_tasks() == ["SUCCESSFUL"]
    client.logout()
    return job


def _pages(path, first: int, last: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(last), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_pack_holds_each_published_paper_in_agenda_order_from_its_page(
    client, officer, two_papers, tmp_path
):
    meeting = two_papers[0].paper.meeting
    _assemble(client, officer, meeting)

    response = client.get(meeting_url(meeting) + "agenda-pack.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(
        '"2018-09-12-police-and-crime-panel-agenda-pack.pdf"'
    )
    pack = tmp_path / "pack.pdf"
    pack.write_bytes(response.content)
    assert pdf_info(pack)["Tagged"] == "yes"
    # Page counts from the stored files of each version, counted by pdfinfo on its own.
    counts = []
    for version in two_papers:
        own = tmp_path / f"v{version.pk}.pdf"
        own.write_bytes(version.file("pdf"))
        counts.append(int(pdf_info(own)["Pages"]))
    total = int(pdf_info(pack)["Pages"])
    cover = total - sum(counts)
    assert cover >= 1
    contents = " ".join(_pages(pack, 1, cover).split())
    item5, item7 = two_papers
    starts = [cover + 1, cover + 1 + counts[0]]
    assert f"5 {item5.title}" in contents and f"7 {item7.title}" in contents
    assert contents.index(item5.title) < contents.index(item7.title)
    for version, start in zip(two_papers, starts, strict=True):
        assert f"{start}" in contents.split(version.title, 1)[1].split()[:8]
        first_page = " ".join(_pages(pack, start, start).split()).upper()
        assert "AGENDA ITEM" in first_page and version.title.upper()[:30] in first_page


def test_the_pack_says_what_was_published_even_after_the_data_change(
    client, officer, paper, published, tmp_path
):
    amend_v12_to_green(paper.plan)
    _assemble(client, officer, paper.meeting)

    pack = tmp_path / "pack.pdf"
    pack.write_bytes(client.get(meeting_url(paper.meeting) + "agenda-pack.pdf").content)
    own = tmp_path / "own.pdf"
    own.write_bytes(published.file("pdf"))
    assert pdf_text(own) in pdf_text(pack)


def test_drafts_are_left_out_and_a_meeting_without_published_papers_has_no_pack(
    client, officer, paper
):
    with pytest.raises(ValidationError, match="No paper at this meeting is published yet"):
        job_pack(meeting=paper.meeting, by=officer)

    client.force_login(officer)
    page = client.get(meeting_url(paper.meeting)).content.decode()
    assert "Assemble the agenda pack" not in page
    assert client.get(meeting_url(paper.meeting) + "agenda-pack.pdf").status_code == 404
    assert not Job.objects.exists()


def test_the_meeting_page_offers_the_pack_and_says_when_a_paper_came_after_it(
    client, officer, paper, published
):
    url = meeting_url(paper.meeting)
    assert "agenda-pack.pdf" not in client.get(url).content.decode()
    _assemble(client, officer, paper.meeting)
    assert "Download the agenda pack (PDF)" in client.get(url).content.decode()

    amend_v12_to_green(paper.plan)
    paper_publish(paper=paper, by=None, reason="V1.2 is Green")

    public = client.get(url).content.decode()
    assert "A paper was published after the pack was assembled" in public
    client.force_login(officer)
    assert "Assemble the agenda pack again" in client.get(url).content.decode()


def test_a_private_meeting_s_pack_is_not_shown_to_the_public(
    client, officer, auditor, reported_plan
):
    private = meetings.meeting(
        meetings.bodies()[meetings.PANEL],
        dt.date(2018, 9, 19),
        access=Access.PRIVATE,
    )
    item = meetings.item(private, "3", "Delivery", PaperKind.DELIVERY_MONITORING)
    paper = paper_create(
        plan=reported_plan,
        kind="delivery-monitoring",
        body=private.body,
        agenda_item=item,
        by=None,
        period=PREVIOUS,
    )
    paper_publish(paper=paper, by=None)
    _assemble(client, officer, private)

    assert client.get(meeting_url(private) + "agenda-pack.pdf").status_code == 404
    client.force_login(auditor)
    assert client.get(meeting_url(private) + "agenda-pack.pdf").status_code == 200


@pytest.mark.parametrize("who", ["lead", "panel_member", "auditor", None])
def test_only_opcc_staff_assemble_the_pack(client, published, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))

    response = client.post(meeting_url(published.paper.meeting) + "agenda-pack/assemble/")

    assert response.status_code == (403 if who else 302)
    assert not Job.objects.exists()
