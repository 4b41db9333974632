"""The performance report to the Business Co-ordination Board with the data pack appended:
Cambridgeshire's real March 2018 figures against made-up figures for March 2017."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.papers.builders.performance import build_performance
from planwatch.papers.content import BulletList, Chart, PaperContent, Table
from planwatch.performance.indicator_services import data_note_add, series_break_add
from planwatch.performance.models import Indicator, Observation
from tests.papers.builders_data import (
    a_paper,
    blocks,
    cambridgeshire,
    count_judgement,
    editable,
    proportion_judgement,
    section_named,
    street_counts,
    table_rows,
    write,
)

COUNTS = {  # indicator code -> crime type in the file and March 2017 as a share of March 2018
    "crime-burglary": ("Burglary", 0.7),
    "crime-anti-social-behaviour": ("Anti-social behaviour", 1.4),
    "crime-violence-and-sexual-offences": ("Violence and sexual offences", 0.997),
}


@pytest.fixture
def figures(published_plan) -> dict[str, str]:
    """Real March 2018 figures, made-up March 2017 ones; the judgement each should get,
    worked out here with scipy."""
    area = cambridgeshire(published_plan)
    crimes, expected = street_counts(), {}
    for code, (crime_type, share) in COUNTS.items():
        last = round(crimes[crime_type] * share)
        write(code, area, {"2017-03": last})
        polarity = Indicator.objects.get(code=code).polarity
        expected[code] = count_judgement(crimes[crime_type], last, polarity)
    share = Observation.objects.get(indicator__code="charge-summons-share", period="2018-03")
    x1, n1 = int(share.numerator), int(share.denominator)
    write("charge-summons-share", area, {"2017-03": (round(x1 * 0.6), n1)})
    expected["charge-summons-share"] = proportion_judgement(x1, n1, round(x1 * 0.6), n1, "higher")
    expected["crime-all-excl-asb"] = "not judged"  # no figure for March 2017
    return expected


def test_the_sections_come_in_order_with_the_data_pack_appended(published_plan, figures):
    content = build_performance(published_plan, period="2018-03")

    assert content.kind == "performance"
    assert content.title == "Performance report: March 2018"
    assert [(s.number, s.heading) for s in content.sections] == [
        ("1", "Purpose"),
        ("2", "Recommendations"),
        ("3", "Background"),
        ("4", "Summary of performance"),
        ("5", "Performance by theme"),
        ("6", "Appendices"),
    ]
    themes = [t.name for t in published_plan.themes.all()]
    assert [(s.number, s.heading) for s in section_named(content, "5").subsections] == [
        (f"5.{n}", name) for n, name in enumerate(themes, start=1)
    ]
    (appendix,) = content.appendices
    assert appendix.heading == "Performance data pack: March 2018, Cambridgeshire"
    assert [s.heading for s in appendix.subsections] == themes
    victims = published_plan.themes.get(name="Victims")
    assert [(s.number, s.heading) for s in appendix.subsections[0].subsections] == [
        (f"A1.1.{n}", i.name) for n, i in enumerate(victims.indicators.order_by("code"), 1)
    ]
    assert content.heading.body == "Business Co-ordination Board"
    assert content.made_from == {
        "plan": published_plan.slug, "period": "2018-03", "area": "E23000023"
    }  # fmt: skip


def test_the_summary_counts_the_judgements_worked_out_independently(published_plan, figures):
    content = build_performance(published_plan, period="2018-03")

    wanted = {j: list(figures.values()).count(j) for j in set(figures.values())}
    assert wanted == {
        "improving": 2,
        "deteriorating": 1,
        "no significant change": 1,
        "not judged": 1,
    }
    table = next(b for b in section_named(content, "4").blocks if isinstance(b, Table))
    counts = {row[0]: int(row[1]) for row in table_rows(table)}
    assert counts == {
        "Improving significantly": wanted["improving"],
        "Deteriorating significantly": wanted["deteriorating"],
        "No significant change": wanted["no significant change"],
        "Not judged (not tested, or neither higher nor lower is better)": wanted["not judged"],
        "No figure for the period": 0,
        "Total": len(figures),
    }
    words = editable(content)["summary_commentary"].text
    assert "5 of 5 indicators have a figure for March 2018: compared with March 2017, " in words
    assert (
        f"{wanted['improving']} improving significantly, {wanted['deteriorating']} deteriorating "
        f"significantly, {wanted['no significant change']} with no significant change and "
        f"{wanted['not judged']} not judged."
    ) in words
    assert "Deteriorating significantly: Burglary." in words


def test_each_theme_has_its_own_commentary_and_table(published_plan, figures):
    content = build_performance(published_plan, period="2018-03")

    found = editable(content)
    for theme in published_plan.themes.all():
        assert f"commentary_{theme.name.lower()}" in found
    victims = section_named(content, "5.1")
    rows = table_rows(next(b for b in victims.blocks if isinstance(b, Table)))
    crimes = street_counts()
    burglary = next(row for row in rows if row[0] == "Burglary")
    assert burglary[1:4] == [
        f"{crimes['Burglary']:,}", f"{round(crimes['Burglary'] * 0.7):,}", "Deteriorating"
    ]  # fmt: skip


def test_the_data_pack_gives_each_indicators_figures_judgement_spc_chart_and_notes(
    published_plan, figures
):
    burglary = Indicator.objects.get(code="crime-burglary")
    data_note_add(indicator=burglary, text="Includes attempts.", added=dt.date(2018, 4, 3), by=None)
    series_break_add(indicator=burglary, date=dt.date(2018, 5, 23), reason="New system", by=None)

    content = build_performance(published_plan, period="2018-03")

    words = {"improving": "Improving", "deteriorating": "Deteriorating"}
    words |= {"no significant change": "No significant change"}
    for part in content.appendices[0].subsections[0].subsections:  # Victims
        code = Indicator.objects.get(name=part.heading).code
        facts = dict(table_rows(part.blocks[0]))
        assert facts["Judgement"] == words.get(figures[code], facts["Judgement"])
        charts = [b.title for b in part.blocks if isinstance(b, Chart)]
        if code in COUNTS:  # two figures: March 2017 and March 2018
            assert facts["Statistical process control"].startswith("Common cause variation")
            assert charts == [
                f"{part.heading}: control chart",
                f"{part.heading}: each month against a year before",
            ]
        else:
            assert facts["Statistical process control"].startswith("Not enough figures")
            assert charts == []
    burglary_part = content.appendices[0].subsections[0].subsections[1]
    facts = dict(table_rows(burglary_part.blocks[0]))
    assert facts["Figure, March 2018"] == f"{street_counts()['Burglary']:,}"
    assert facts["Significance"].startswith("Significant increase (p ")
    notes = next(b for b in burglary_part.blocks if isinstance(b, BulletList))
    assert notes.items == (
        "3 April 2018: Includes attempts.",
        "Series break, 23 May 2018: New system",
    )


def test_without_figures_the_report_says_so(published_plan):
    content = build_performance(published_plan)

    assert "No performance figures are held" in editable(content)["summary_commentary"].text
    assert not [b for b in blocks(content) if isinstance(b, Chart)]
    assert content.appendices[0].heading == "Performance data pack: the period"


def test_a_period_that_is_not_a_month_or_quarter_is_refused(published_plan):
    with pytest.raises(ValueError, match="'2018-13' is not a real month"):
        build_performance(published_plan, period="2018-13")


def test_the_latest_month_with_figures_is_the_default(published_plan, figures):
    assert build_performance(published_plan).made_from["period"] == "2018-03"


def test_the_content_survives_a_json_round_trip(published_plan, figures):
    content = build_performance(published_plan, period="2017-18-q4")

    assert PaperContent.from_json(content.to_json()) == content


def test_the_officers_narrative_replaces_the_default_text(published_plan, figures):
    paper = a_paper(summary_commentary="Burglary rose.", commentary_victims="  ")

    content = build_performance(published_plan, period="2018-03", paper=paper)

    found = editable(content)
    assert found["summary_commentary"].text == "Burglary rose."
    assert found["commentary_victims"].text.startswith("3 of 3 indicators")  # blank: default
    assert found["purpose"].text.startswith("This report sets out for the Northmoor Police")
    assert content.heading.agenda_item == "7"
