"""The delivery-monitoring paper's content: the Panel paper's structure, its heading from the
paper, default wording worked out from the data, Appendix 1 as the Delivery Plan for the
quarter, and the officers' narrative in place of the default wording."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from planwatch.delivery.direction import Direction
from planwatch.delivery.services import update_amend
from planwatch.papers.builders.delivery_monitoring import build_delivery_monitoring
from planwatch.papers.content import BulletList, Paragraph, Table
from planwatch.papers.selectors import draft_content
from planwatch.papers.services import paper_edit_narrative, paper_publish
from planwatch.reporting.delivery_plan import COLUMNS
from tests.papers.monitoring import (
    CONTACT_DETAILS,
    CONTACT_OFFICER,
    CURRENT,
    PREVIOUS,
    STORIES,
    UNPUBLISHED,
    approved_counts,
    expected_rows,
    reload,
)


def paragraphs(section) -> dict[str, str]:
    return {b.editable: b.text for b in section.blocks if isinstance(b, Paragraph) and b.editable}


def tables(section) -> list[Table]:
    found = [b for b in section.blocks if isinstance(b, Table)]
    for sub in section.subsections:
        found += tables(sub)
    return found


def test_the_sections_are_those_of_the_panels_paper(paper):
    content = draft_content(paper)

    assert [(s.number, s.heading) for s in content.sections] == [
        ("1", "Purpose"),
        ("2", "Recommendations"),
        ("3", "Terms of reference"),
        ("4", "Background"),
        ("5", "Delivery against the Plan"),
        ("6", "Background documents"),
        ("7", "Appendices"),
    ]
    assert [a.number for a in content.appendices] == ["Appendix 1"]
    assert content.appendices[0].heading.startswith("Delivery Plan – Actions to deliver")
    assert content.sections[-1].blocks[0].items == (
        f"Appendix 1 – {content.appendices[0].heading}",
    )
    assert content.kind == "delivery-monitoring"
    assert content.made_from == {
        "plan": paper.plan.slug,
        "period": CURRENT,
        "compared_with": PREVIOUS,
    }


def test_the_heading_block_comes_from_the_paper_and_its_meeting(paper):
    heading = draft_content(paper).heading

    assert heading.body == "Police and Crime Panel"
    assert heading.meeting_date == "12 September 2018"
    assert heading.agenda_item == "7"
    assert heading.public is True
    assert heading.report_of == "Police and Crime Commissioner for Northmoor"
    assert heading.contact_officer == CONTACT_OFFICER
    assert heading.contact_details == CONTACT_DETAILS


def test_the_summary_counts_the_actions_at_each_status(paper):
    counts = approved_counts(paper.plan)
    delivery = draft_content(paper).sections[4]

    summary = paragraphs(delivery)["delivery_summary"]
    assert f"sets out {len(STORIES)} actions" in summary
    for label, count in counts.items():
        if label and count:
            verb = "is" if count == 1 else "are"
            assert re.search(rf"\b{count} (of {len(STORIES)} actions )?{verb} {label}\b", summary)
    assert f"{counts[None]} has no approved update" in summary
    status_table = tables(delivery)[0]
    shown = {row[0].text: row[1].text for row in status_table.rows}
    assert {label: int(shown[label]) for label in counts if label} == {
        label: count for label, count in counts.items() if label
    }
    assert shown["Total"] == str(len(STORIES))


def test_it_says_what_changed_since_the_quarter_before(paper):
    previous = paper.plan.periods.get(slug=PREVIOUS)
    delivery = draft_content(paper).sections[4]
    said = {
        Direction.IMPROVING: "improved",
        Direction.NO_CHANGE: "unchanged",
        Direction.DETERIORATING: "deteriorated",
        Direction.NEW: "new",
        Direction.COMPLETED: "completed",
    }

    changes = paragraphs(delivery)["delivery_changes"]
    assert changes.startswith(f"Compared with {previous.label}")
    for direction, count in Counter(s.direction for s in STORIES if s.direction).items():
        assert re.search(rf"\b{count} (is|are|has|have)( been)? {said[direction]}\b", changes)
    worse = next(t for t in tables(delivery) if t.caption.startswith("Actions whose status is"))
    assert [row[0].text for row in worse.rows] == [
        s.reference for s in STORIES if s.direction == Direction.DETERIORATING
    ]


def test_appendix_1_is_the_delivery_plan_for_the_quarter(paper):
    appendix = draft_content(paper).appendices[0]

    action_tables = [t for t in tables(appendix) if t.headings == COLUMNS]
    rows = [
        (row[0].text, row[4].text, row[5].text) for table in action_tables for row in table.rows
    ]
    assert rows == expected_rows(paper.plan)
    assert all(t.row_headings for t in action_tables)
    reported = {s.theme for s in STORIES}
    themes = [t.name for t in paper.plan.themes.all() if t.name in reported]
    assert [s.heading for s in appendix.subsections] == [*themes, "Key"]


def test_status_cells_carry_their_colour_and_their_words(paper):
    appendix = draft_content(paper).appendices[0]
    key = {s.label: s.colour for s in paper.plan.rag_statuses.all()}

    cells = [row[4] for t in tables(appendix) if t.headings == COLUMNS for row in t.rows]
    for cell in cells:
        if cell.text in key:
            assert cell.rag == key[cell.text]
        else:
            assert cell.text == "No update" and cell.rag is None


def test_the_officers_narrative_replaces_the_default_wording(paper):
    paper_edit_narrative(
        paper=paper,
        by=None,
        texts={
            "recommendations": "The Panel is recommended to note the report and comment on V1.2.",
            "background_documents": "The Plan\nThe audit of the Plan, May 2018",
        },
    )
    content = draft_content(reload(paper))

    assert paragraphs(content.sections[1]) == {
        "recommendations": "The Panel is recommended to note the report and comment on V1.2."
    }
    documents = content.sections[5].blocks[0]
    assert isinstance(documents, BulletList)
    assert documents.items == ("The Plan", "The audit of the Plan, May 2018")
    assert documents.editable == "background_documents"


def test_the_default_wording_follows_the_data(paper):
    before = paragraphs(draft_content(paper).sections[4])["delivery_summary"]
    update = paper.plan.actions.get(reference="V1.2").updates.get(period__slug=CURRENT)
    update_amend(
        update=update,
        rag=paper.plan.rag_statuses.get(code="G"),
        commentary="Recovered",
        reason="The lead sent a correction",
        by=None,
    )

    after = paragraphs(draft_content(paper).sections[4])["delivery_summary"]
    assert before != after
    assert "1 is Red" in before and "Red" not in after


def test_an_earlier_published_paper_is_named_as_the_last_report(paper, reported_plan):
    paper_publish(paper=paper, by=None)
    later = build_delivery_monitoring(reported_plan, period=CURRENT, paper=None)

    reporting = paragraphs(later.sections[4])["delivery_reporting"]
    assert reporting.startswith(
        "The Delivery Plan was last reported to the Panel on 12 September 2018"
    )
    assert "(Agenda Item 7)" in reporting
    assert any(
        "Agenda Item 7, Police and Crime Panel, 12 September 2018" in item
        for item in later.sections[5].blocks[0].items
    )


def test_a_quarter_not_yet_published_gives_a_draft_with_updates_awaiting_review(
    reported_plan, unpublished_quarter
):
    content = build_delivery_monitoring(reported_plan, period=UNPUBLISHED)

    assert content.made_from["draft"] == "yes"
    appendix = content.appendices[0]
    texts = [b.text for b in appendix.blocks if isinstance(b, Paragraph)]
    assert any(text.startswith("Draft: not yet published") for text in texts)
    statuses = {
        row[0].text: row[4].text
        for t in tables(appendix)
        if t.headings == COLUMNS
        for row in t.rows
    }
    assert statuses["V1.1"] == "Amber (awaiting review)"


def test_the_latest_published_quarter_is_the_default(reported_plan):
    assert build_delivery_monitoring(reported_plan).made_from["period"] == CURRENT


def test_an_unknown_quarter_is_refused_naming_the_choices(reported_plan):
    with pytest.raises(
        ValueError, match=f"no reporting period '2030-31-q1': choose {PREVIOUS}, {CURRENT}"
    ):
        build_delivery_monitoring(reported_plan, period="2030-31-q1")
