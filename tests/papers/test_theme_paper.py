"""The theme report (deep dive): one theme's aim, outcomes, objectives and priorities, its
actions with their approved history, and its indicators with charts."""

from __future__ import annotations

from collections import Counter

import pytest

from planwatch.delivery.models import RagStatus
from planwatch.papers.builders.theme import build_theme
from planwatch.papers.content import Chart, PaperContent, Table
from tests.papers.builders_data import (
    AFTER,
    HIDDEN,
    STORIES,
    YEAR,
    a_paper,
    blocks,
    cambridgeshire,
    delivery_story,
    editable,
    latest_codes,
    section_named,
    sections,
    street_counts,
    table_rows,
    write,
)

VICTIMS = [s for s in STORIES if s.theme == "Victims"]


@pytest.fixture
def plan(published_plan):
    delivery_story(published_plan)
    return published_plan


@pytest.fixture
def area(plan):
    """Cambridgeshire, with its real March 2018 figures."""
    return cambridgeshire(plan)


def test_the_sections_come_in_the_order_of_the_panels_papers(plan):
    content = build_theme(plan, theme="Victims")

    assert content.kind == "theme"
    assert [(s.number, s.heading) for s in content.sections] == [
        ("1", "Purpose"),
        ("2", "Recommendations"),
        ("3", "Background"),
        ("4", "The Victims theme"),
        ("5", "Delivery of the Victims theme"),
        ("6", "Performance"),
        ("7", "Appendices"),
    ]
    assert [(a.number, a.heading) for a in content.appendices] == [
        ("Appendix 1", "Delivery of the Victims theme: each action's updates")
    ]
    assert content.heading.body == "Police and Crime Panel"
    assert content.heading.report_of == "Police and Crime Commissioner"
    assert content.made_from == {"plan": plan.slug, "theme": "Victims"}


def test_it_sets_out_the_themes_aim_outcomes_objectives_and_priorities(plan):
    theme = plan.themes.get(name="Victims")

    part = section_named(build_theme(plan, theme=theme), "4")

    texts = [b.text for b in blocks(part) if b.type == "paragraph"]
    items = [item for b in blocks(part) if b.type == "list" for item in b.items]
    assert theme.aim in texts
    assert [o.text for o in theme.outcomes.all()] == items[: theme.outcomes.count()]
    for objective in theme.objectives.all():
        assert objective.text in texts
        assert all(p.text in items for p in objective.priorities.all())
    assert [s.heading for s in part.subsections[2].subsections] == [
        f"Objective {n}" for n in range(1, theme.objectives.count() + 1)
    ]


def test_the_delivery_commentary_counts_the_latest_published_quarter(plan):
    content = build_theme(plan, theme="victims")

    latest = latest_codes(VICTIMS, [AFTER])
    counts = Counter(latest.values())
    labels = dict(RagStatus.objects.filter(plan=plan).values_list("code", "label"))
    words = editable(content)["delivery_commentary"].text
    assert f"There are {len(VICTIMS)} actions under the Victims theme." in words
    assert f"{counts['C']} of {len(VICTIMS)} actions is {labels['C']}" in words
    assert f"{counts['A']} is {labels['A']}" in words
    assert f"{counts[None]} has no approved update" in words
    # V1.1 stays complete, V1.2 goes from Red to Amber: Since ... 1 improved and 1 is complete.
    assert "1 improved and 1 is complete." in words
    table = next(b for b in section_named(content, "5").blocks if isinstance(b, Table))
    assert {row[0]: int(row[1]) for row in table_rows(table)} == {
        labels["C"]: counts["C"], labels["G"]: 0, labels["A"]: counts["A"],
        labels["R"]: 0, labels["NS"]: 0, "No approved update": counts[None], "Total": 3,
    }  # fmt: skip


def test_each_actions_history_shows_every_approved_update_of_a_published_quarter(plan):
    content = build_theme(plan, theme="Victims")

    appendix = content.appendices[0]
    assert [s.heading.split()[0] for s in appendix.subsections] == [s.reference for s in VICTIMS]
    for story, part in zip(VICTIMS, appendix.subsections, strict=True):
        history = next(b for b in part.blocks if isinstance(b, Table))
        quarters = [q for q in (*YEAR, AFTER) if q in story.statuses]
        assert [row[3] for row in table_rows(history)] == [story.commentary(q) for q in quarters]
        assert [row[0][:10] for row in table_rows(history)] == [
            f"Q{q[-1]} {q[:4]}/{q[5:7]}" for q in quarters
        ]


def test_no_update_that_is_unapproved_or_in_an_unpublished_quarter_appears(plan):
    text = build_theme(plan, theme="Victims").to_json()

    assert "HIDDEN" not in text
    assert any(reference.startswith("V") for reference, *_ in HIDDEN)


def test_a_period_ends_the_history_and_sets_the_quarter_reported(plan):
    content = build_theme(plan, theme="Victims", period="2017-18-q3")

    text = content.to_json()
    assert "2017-18-q4" not in text and "Q4 2017/18" not in text
    words = editable(content)["delivery_commentary"].text
    assert "In Q3 2017/18 (October to December 2017), the latest published quarter" in words
    latest = Counter(latest_codes(VICTIMS, YEAR[:3]).values())
    assert f"{latest['G']} of 3 actions is Green and {latest['A']} are Amber" in words


def test_its_indicators_come_with_their_real_figures(plan, area):
    content = build_theme(plan, theme="Victims", period="2018-03")

    crimes = street_counts()
    part = section_named(content, "6")
    summary = next(b for b in part.blocks if isinstance(b, Table))
    rows = {row[0]: row[1] for row in table_rows(summary)}
    assert rows["Burglary"] == f"{crimes['Burglary']:,}"
    assert rows["Violence and sexual offences"] == f"{crimes['Violence and sexual offences']:,}"
    everything = sum(crimes.values()) - crimes["Anti-social behaviour"]
    assert rows["All crime excluding anti-social behaviour"] == f"{everything:,}"
    assert "Anti-social behaviour incidents" not in rows  # a Communities indicator
    assert [s.heading for s in part.subsections] == list(rows)
    assert "3 indicators evidence the Victims theme in Cambridgeshire" in (
        editable(content)["performance_commentary"].text
    )
    assert content.made_from["period"] == "2018-03"


def test_charts_carry_an_svg_a_text_alternative_and_their_data(plan, area):
    write("crime-burglary", area, {"2018-01": 320, "2018-02": 350})

    content = build_theme(plan, theme="Victims", period="2018-03")

    charts = [b for b in blocks(content) if isinstance(b, Chart)]
    assert charts
    for chart in charts:
        assert chart.svg.startswith("<svg") and "<title" in chart.svg
        assert chart.title and chart.description.endswith(".")
        assert chart.table.rows and len(chart.table.headings) == len(chart.table.rows[0])
    burglary = next(c for c in charts if c.title == "Burglary: control chart")
    assert [row[:2] for row in table_rows(burglary.table)] == [
        ["January 2018", "320"], ["February 2018", "350"],
        ["March 2018", f"{street_counts()['Burglary']:,}"],
    ]  # fmt: skip


@pytest.mark.parametrize("theme", ["Victim", "", None])
def test_an_unknown_or_missing_theme_is_refused_naming_the_choices(plan, theme):
    with pytest.raises(ValueError, match="Victims, Offenders, Communities, Transformation"):
        build_theme(plan, theme=theme)


def test_a_theme_of_another_plan_is_refused(plan, draft_plan):
    other = draft_plan.themes.get(name="Victims")

    with pytest.raises(ValueError, match="not a theme of"):
        build_theme(plan, theme=other)


def test_a_period_that_is_not_a_month_or_quarter_is_refused(plan):
    with pytest.raises(ValueError, match="2018-19-q1"):
        build_theme(plan, theme="Victims", period="summer 2018")


def test_the_content_survives_a_json_round_trip(plan, area):
    content = build_theme(plan, theme="Victims", period="2018-03")

    assert PaperContent.from_json(content.to_json()) == content


def test_the_officers_narrative_replaces_the_default_text_and_the_heading_is_the_papers(plan):
    paper = a_paper(purpose="Our own purpose.", delivery_commentary="Our own commentary.")

    content = build_theme(plan, theme="Victims", paper=paper)

    found = editable(content)
    assert found["purpose"].text == "Our own purpose."
    assert found["delivery_commentary"].text == "Our own commentary."
    assert found["recommendations"].text.startswith("The Northmoor Police and Crime Panel is")
    assert set(found) == {
        "purpose", "recommendations", "background", "delivery_commentary",
        "performance_commentary",
    }  # fmt: skip
    heading = content.heading
    assert (heading.body, heading.meeting_date, heading.agenda_item) == (
        "Northmoor Police and Crime Panel", "12 September 2018", "7",
    )  # fmt: skip
    assert heading.contact_officer == "Dana Grey"
    assert all(s.number for s in sections(content))
