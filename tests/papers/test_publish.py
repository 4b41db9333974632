"""Publishing freezes a paper: its files and the content they were made from are stored with
their hashes and never change, even when the data do; the draft keeps following the data.
A correction is a new version that names the one it replaces and says why."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.delivery.services import update_amend
from planwatch.papers.content import PaperContent
from planwatch.papers.models import FrozenError, Paper, PaperVersion
from planwatch.papers.render import render_html
from planwatch.papers.selectors import draft_content
from planwatch.papers.services import paper_create, paper_edit_narrative, paper_publish
from tests.papers.monitoring import CURRENT, UNPUBLISHED, read_docx


def amend_v12_to_green(plan) -> None:
    update = plan.actions.get(reference="V1.2").updates.get(period__slug=CURRENT)
    update_amend(
        update=update,
        rag=plan.rag_statuses.get(code="G"),
        commentary="Back on track after all.",
        reason="The Lead sent a correction",
        by=None,
    )


def stored(version: PaperVersion) -> dict[str, bytes]:
    version = PaperVersion.objects.get(pk=version.pk)
    return {fmt: version.file(fmt) for fmt in ("html", "pdf", "docx")}


def test_publishing_stores_the_three_files_and_the_content_with_their_hashes(paper, published):
    files = stored(published)

    assert published.number == 1 and published.replaces is None
    assert files["pdf"].startswith(b"%PDF-") and files["docx"].startswith(b"PK")
    assert files["html"].startswith(b"<!DOCTYPE html>")
    for fmt, data in files.items():
        assert published.file_sha256(fmt) == hashlib.sha256(data).hexdigest()
    content = PaperContent.from_json(published.content_json)
    assert published.content_hash == content.digest()
    assert content == draft_content(paper)
    assert json.loads(published.content_json)["made_from"]["period"] == CURRENT


def test_a_published_paper_never_changes_when_the_data_do(paper, published):
    before = stored(published)

    amend_v12_to_green(paper.plan)

    version = PaperVersion.objects.get(pk=published.pk)
    assert stored(version) == before
    assert version.files_intact()
    assert version.content_hash == published.content_hash
    assert b"V1.2" in before["html"]
    draft = render_html(draft_content(paper))
    assert '<td class="rag rag-green">Green</td><td>→ No change</td><td>Back on track' in draft
    assert b"Back on track" not in before["html"]
    assert draft_content(paper).digest() != published.content_hash


def test_publishing_again_makes_a_version_that_names_the_one_it_replaces_and_why(paper, published):
    amend_v12_to_green(paper.plan)

    second = paper_publish(paper=paper, by=None, reason="V1.2 was Green, not Red")

    assert second.number == 2
    assert second.replaces == published
    assert second.reason == "V1.2 was Green, not Red"
    assert published.replaced_by == second
    assert stored(published) == stored(PaperVersion.objects.get(pk=published.pk))
    assert b"Back on track" in stored(second)["html"]


def test_a_new_version_must_say_what_it_corrects(paper, published):
    amend_v12_to_green(paper.plan)

    with pytest.raises(ValidationError, match="Say what this version corrects in version 1"):
        paper_publish(paper=paper, by=None)
    assert paper.versions.count() == 1


def test_a_version_identical_to_the_last_is_refused(paper, published):
    with pytest.raises(ValidationError, match="Nothing has changed since version 1"):
        paper_publish(paper=paper, by=None, reason="Again")


def test_a_narrative_edit_is_published_in_the_next_version_only(paper, published):
    paper_edit_narrative(paper=paper, by=None, texts={"recommendations": "Note and comment."})

    second = paper_publish(paper=paper, by=None, reason="The recommendation was reworded")

    texts = [paragraph.text for paragraph in read_docx(stored(second)["docx"]).paragraphs]
    assert "2.1\tNote and comment." in texts
    assert b"Note and comment." in stored(second)["html"]
    assert b"Note and comment." not in stored(published)["html"]


def test_a_published_version_cannot_be_changed_or_deleted(published):
    version = PaperVersion.objects.get(pk=published.pk)
    version.reason = "Tampered"

    with pytest.raises(FrozenError):
        version.save()
    with pytest.raises(FrozenError):
        version.delete()
    with pytest.raises(FrozenError):
        PaperVersion.objects.filter(pk=published.pk).update(reason="Tampered")
    with pytest.raises(FrozenError):
        PaperVersion.objects.filter(pk=published.pk).delete()
    assert PaperVersion.objects.get(pk=published.pk).reason == ""


def test_a_paper_on_a_quarter_not_yet_published_cannot_be_published(
    reported_plan, agenda_item, unpublished_quarter
):
    paper = paper_create(
        plan=reported_plan,
        kind="delivery-monitoring",
        body=agenda_item.meeting.body,
        agenda_item=agenda_item,
        by=None,
        period=UNPUBLISHED,
    )

    with pytest.raises(ValidationError, match="is not published yet"):
        paper_publish(paper=paper, by=None)
    assert not paper.versions.exists()


def test_a_paper_needs_a_period_the_plan_has(reported_plan, agenda_item):
    with pytest.raises(ValidationError) as refused:
        paper_create(
            plan=reported_plan,
            kind="delivery-monitoring",
            body=agenda_item.meeting.body,
            agenda_item=agenda_item,
            by=None,
            period="2030-31-q1",
        )
    assert "no reporting period '2030-31-q1'" in refused.value.message_dict["period"][0]
    assert not Paper.objects.exists()


@pytest.mark.parametrize("who", ["lead", "panel_member", "auditor"])
def test_only_opcc_staff_write_or_publish_papers(who, paper, request):
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        paper_publish(paper=paper, by=user)
    with pytest.raises(PermissionDenied):
        paper_edit_narrative(paper=paper, by=user, texts={"purpose": "Changed"})
    with pytest.raises(PermissionDenied):
        paper_create(
            plan=paper.plan, kind="delivery-monitoring", body=paper.body, by=user, period=CURRENT
        )
    assert not paper.versions.exists()
    assert Paper.objects.get(pk=paper.pk).narrative == {}


def test_publishing_is_recorded_in_the_papers_history(paper, published, officer):
    paper_edit_narrative(paper=paper, by=officer, texts={"purpose": "Why."})
    second = paper_publish(paper=paper, by=officer, reason="Purpose reworded")

    reasons = list(
        paper.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == [
        "Created",
        "Published version 1",
        "Edited the narrative",
        "Published version 2: Purpose reworded",
    ]
    assert paper.history.latest().history_user == officer
    assert second.published_by == officer


def test_a_theme_report_is_made_and_published_through_the_same_framework(
    reported_plan, agenda_item
):
    victims = reported_plan.themes.get(name="Victims")
    paper = paper_create(
        plan=reported_plan,
        kind="theme",
        body=agenda_item.meeting.body,
        agenda_item=agenda_item,
        by=None,
        theme=victims,
    )

    version = paper_publish(paper=paper, by=None)

    content = PaperContent.from_json(version.content_json)
    assert content.kind == "theme" and content.made_from["theme"] == "Victims"
    assert content.heading.agenda_item == "7"
    assert stored(version)["pdf"].startswith(b"%PDF-")
    assert "V1.1" in stored(version)["html"].decode("utf-8")
