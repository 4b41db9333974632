"""The Annual Report for 2017-18: progress against each objective from the published quarters
of the year, the actions completed in it, and each indicator's year against the year before."""

from __future__ import annotations

from collections import Counter

import pytest

from planwatch.papers.builders.annual import build_annual
from planwatch.papers.content import Chart, PaperContent, Table
from planwatch.performance.models import Observation
from tests.papers.builders_data import (
    AFTER,
    STORIES,
    YEAR,
    a_paper,
    blocks,
    cambridgeshire,
    count_judgement,
    delivery_story,
    editable,
    latest_codes,
    proportion_judgement,
    section_named,
    street_counts,
    table_rows,
    write,
)

IN_YEAR = [s for s in STORIES if not s.withdrawn]  # T1.1 was withdrawn, never reported
LAST_YEAR = [f"{2016 + (m < 4)}-{m:02d}" for m in (*range(4, 13), 1, 2, 3)]
THIS_YEAR = [f"{2017 + (m < 4)}-{m:02d}" for m in (*range(4, 13), 1, 2)]  # March is real


@pytest.fixture
def plan(published_plan):
    delivery_story(published_plan)
    return published_plan


@pytest.fixture
def years(plan) -> dict[str, tuple]:
    """Made-up months around Cambridgeshire's real March 2018; each indicator's two years
    added up (or pooled) here."""
    area = cambridgeshire(plan)
    burglary_last = {m: 280 + 2 * n for n, m in enumerate(LAST_YEAR)}
    burglary_this = {m: 330 + 3 * n for n, m in enumerate(THIS_YEAR)}
    write("crime-burglary", area, burglary_last | burglary_this)
    share_last = {m: (45 + n, 500) for n, m in enumerate(LAST_YEAR)}
    share_this = {m: (40 + n % 3, 480) for n, m in enumerate(THIS_YEAR)}
    write("charge-summons-share", area, share_last | share_this)
    violence = {m: 1500 for m in LAST_YEAR} | {m: 1510 for m in THIS_YEAR if m != "2017-07"}
    write("crime-violence-and-sexual-offences", area, violence)
    march = Observation.objects.get(indicator__code="charge-summons-share", period="2018-03")
    x1 = sum(x for x, _ in share_this.values()) + int(march.numerator)
    n1 = sum(n for _, n in share_this.values()) + int(march.denominator)
    x2, n2 = sum(x for x, _ in share_last.values()), sum(n for _, n in share_last.values())
    return {
        "Burglary": (
            sum(burglary_this.values()) + street_counts()["Burglary"],
            sum(burglary_last.values()),
        ),
        "Crimes whose last outcome is a charge or summons": ((x1, n1), (x2, n2)),
    }


def test_the_sections_come_in_order(plan):
    content = build_annual(plan, year="2017-18")

    assert content.kind == "annual"
    assert content.title == "Annual Report 2017-18"
    assert [(s.number, s.heading) for s in content.sections] == [
        ("1", "Purpose"),
        ("2", "Recommendations"),
        ("3", "Background"),
        ("4", "Delivery of the Plan in 2017-18"),
        ("5", "Progress against the objectives"),
        ("6", "Actions completed in 2017-18"),
        ("7", "Performance over the year"),
    ]
    assert [s.heading for s in section_named(content, "5").subsections] == [
        t.name for t in plan.themes.all()
    ]
    assert content.appendices == ()
    assert content.heading.body == "Police and Crime Panel"
    assert "Section 12 of the Police Reform" in editable(content)["background"].text


def test_the_year_is_told_from_each_actions_latest_approved_status_in_it(plan):
    content = build_annual(plan, year="2017-18")

    latest = latest_codes(IN_YEAR, YEAR)
    counts = Counter(latest.values())
    words = editable(content)["delivery_commentary"].text
    assert words.startswith(
        f"In 2017-18, {len(YEAR)} quarters of the Delivery Plan were published."
    )
    assert (
        f"{counts['C']} of {len(IN_YEAR)} actions is Complete, {counts['G']} is Green, "
        f"{counts['A']} is Amber, {counts['R']} is Red and {counts[None]} have no approved update."
    ) in words
    table = next(b for b in section_named(content, "4").blocks if isinstance(b, Table))
    assert dict(table_rows(table)) == {
        "Complete": "1", "Green": "1", "Amber": "1", "Red": "1", "Not started": "0",
        "No approved update": str(counts[None]), "Total": str(len(IN_YEAR)),
    }  # fmt: skip


def test_each_objective_lists_its_actions_with_their_latest_status_in_the_year(plan):
    content = build_annual(plan, year="2017-18")

    labels = dict(plan.rag_statuses.values_list("code", "label"))
    latest = latest_codes(IN_YEAR, YEAR)
    rows = {}
    for part in section_named(content, "5").subsections:
        for objective in part.subsections:
            for table in (b for b in objective.blocks if isinstance(b, Table)):
                rows |= {row[0]: (objective.heading, row[3], row[4]) for row in table_rows(table)}
    assert set(rows) == {s.reference for s in IN_YEAR}
    for story in IN_YEAR:
        objective, status, when = rows[story.reference]
        code = latest[story.reference]
        assert status == (labels[code] if code else "No approved update in 2017-18")
        theme = plan.themes.get(name=story.theme)
        if story.objective is None:
            assert objective == "Actions not linked to an objective"
        else:
            assert objective == theme.objectives.all()[story.objective].text
    assert rows["O1.1"][1:] == ("Green", "Q4 2017/18 (January to March 2018)")  # not AFTER's
    transformation = section_named(content, "5.4")
    assert transformation.subsections[0].blocks[0].text == "No actions were recorded against it."


def test_actions_completed_in_the_year_are_those_first_complete_in_it(plan):
    content = build_annual(plan, year="2017-18")

    table = next(b for b in section_named(content, "6").blocks if isinstance(b, Table))
    completed = [
        s.reference
        for s in IN_YEAR
        if (first := next((q for q in (*YEAR, AFTER) if s.statuses.get(q) == "C"), None))
        and first in YEAR
    ]
    assert [row[0] for row in table_rows(table)] == completed == ["V1.1"]
    assert table_rows(table)[0][3] == "Q4 2017/18 (January to March 2018)"
    assert editable(content)["completed_commentary"].text == "1 action was completed in 2017-18."
    next_year = build_annual(plan, year="2018-19")
    assert "O1.1" in [row[0] for row in table_rows(section_named(next_year, "6").blocks[1])]


def test_no_unapproved_or_unpublished_update_counts(plan):
    text = build_annual(plan, year="2018-19").to_json()

    assert "HIDDEN" not in text
    content = build_annual(plan, year="2018-19")
    assert "1 quarter of the Delivery Plan was published" in (
        editable(content)["delivery_commentary"].text
    )


def test_indicators_compare_the_years_total_or_pooled_share_with_the_year_before(plan, years):
    content = build_annual(plan, year="2017-18")

    part = section_named(content, "7")
    table = next(b for b in part.blocks if isinstance(b, Table))
    rows = {row[0]: row[1:] for row in table_rows(table)}
    this, last = years["Burglary"]
    assert rows["Burglary"][:2] == [f"{this:,}", f"{last:,}"]
    assert rows["Burglary"][3].lower().startswith(count_judgement(this, last, "lower"))
    (x1, n1), (x2, n2) = years["Crimes whose last outcome is a charge or summons"]
    share = rows["Crimes whose last outcome is a charge or summons"]
    assert share[:2] == [f"{100 * x1 / n1:.1f}%", f"{100 * x2 / n2:.1f}%"]
    assert share[3].lower().startswith(proportion_judgement(x1, n1, x2, n2, "higher"))
    assert rows["Violence and sexual offences"][0] == "Figures for 11 of 12 months only"
    assert rows["Violence and sexual offences"][3].startswith("Not tested")
    assert rows["Anti-social behaviour incidents"][:2] == [
        "Figures for 1 of 12 months only",
        "No figure",
    ]
    words = editable(content)["performance_commentary"].text
    assert words.startswith("2 of 5 indicators have figures for the whole of 2017-18")
    charts = [b for b in blocks(part) if isinstance(b, Chart)]
    assert "Burglary: each month against a year before" in [c.title for c in charts]
    assert all(c.svg.startswith("<svg") and c.table.rows for c in charts)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (None, "Give the financial year of the Annual Report, for example 2017-18"),
        ("", "Give the financial year"),
        ("2017/18", "not a financial year written like 2017-18"),
        ("2017-19", "not a financial year written like 2017-18"),
        ("2010-11", "2010-11 is outside the .* choose 2017-18, 2018-19 and 2019-20"),
    ],
)
def test_a_missing_malformed_or_outside_year_is_refused(published_plan, year, message):
    with pytest.raises(ValueError, match=message):
        build_annual(published_plan, year=year)


def test_the_content_survives_a_json_round_trip(plan, years):
    content = build_annual(plan, year="2017-18")

    assert PaperContent.from_json(content.to_json()) == content


def test_the_officers_narrative_replaces_the_default_text(plan):
    paper = a_paper(purpose="Our year.", commentary_victims="Victims did well.")

    content = build_annual(plan, year="2017-18", paper=paper)

    found = editable(content)
    assert found["purpose"].text == "Our year."
    assert found["commentary_victims"].text == "Victims did well."
    assert found["commentary_offenders"].text.startswith("Offenders: at the end of 2017-18, ")
    assert content.heading.meeting_date == "12 September 2018"
