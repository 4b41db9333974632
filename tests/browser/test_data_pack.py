"""The performance data pack in a real browser, on real data.police.uk figures for
Cambridgeshire (counted here from the published files), with its Bedfordshire and
Hertfordshire alliance partners as peers. Charts are images with text alternatives and
tables, and every page is accessible."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from planwatch.demo.loader import DEMO_PLAN
from planwatch.performance.indicator_services import data_note_add, series_break_add
from planwatch.performance.models import Area, Indicator
from planwatch.performance.periods import parse_period
from planwatch.performance.services import Figure, observations_write
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.services import plan_load
from tests.browser.pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
LOOKUP = SHARED / "reference" / "lad16-csp16-pfa16-lookup.csv"
POLICE_UK = SHARED / "police-uk"
# Last outcomes that mean a suspect was charged or summonsed (the case went to court).
CHARGED = {
    "Awaiting court outcome",
    "Court result unavailable",
    "Court case unable to proceed",
    "Defendant found not guilty",
    "Defendant sent to Crown Court",
    "Offender sent to prison",
    "Offender given suspended prison sentence",
    "Offender given community sentence",
    "Offender fined",
    "Offender given conditional discharge",
    "Offender given absolute discharge",
    "Offender ordered to pay compensation",
    "Offender deprived of property",
    "Offender otherwise dealt with",
    "Suspect charged as part of another case",
}
ASB = "Anti-social behaviour"
COUNTS = (
    "crime-all-excl-asb",
    "crime-anti-social-behaviour",
    "crime-burglary",
    "crime-violence-and-sexual-offences",
)


def _count(path: Path) -> dict[str, Counter]:
    """Per area name (the force, and each district from the LSOA name): the demo's measures."""
    counts: dict[str, Counter] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            district = row["LSOA name"].rsplit(" ", 1)[0] if row["LSOA name"] else None
            for area in filter(None, ("force", district)):
                tally = counts.setdefault(area, Counter())
                crime = row["Crime type"]
                if crime == ASB:
                    tally["crime-anti-social-behaviour"] += 1
                    continue
                tally["crime-all-excl-asb"] += 1
                tally["crime-burglary"] += crime == "Burglary"
                tally["crime-violence-and-sexual-offences"] += (
                    crime == "Violence and sexual offences"
                )
                tally["charged"] += row["Last outcome category"] in CHARGED
    return counts


@pytest.fixture
def cambridgeshire() -> tuple[Plan, dict[str, Counter]]:
    """The demo Plan for Cambridgeshire's force area, with the real figures of two months."""
    text = DEMO_PLAN.read_text(encoding="utf-8").replace(
        "force: northmoor", "force: cambridgeshire"
    )
    plan, _ = plan_load(document=parse_plan_document(text), by=None)
    call_command("areas_load", str(LOOKUP), stdout=io.StringIO())
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    figures, march = [], {}
    for name in (
        "2018-03-cambridgeshire-street.csv",
        "2019-08-cambridgeshire-street.csv",
        "2018-03-bedfordshire-street.csv",
        "2018-03-hertfordshire-street.csv",
    ):
        month, force = name[:7], name[8:].removesuffix("-street.csv")
        force_area = Area.objects.get(police_uk_id=force)
        districts = {
            area.name: area
            for area in Area.objects.filter(kind="district", parent__parent=force_area)
        }
        counts = _count(POLICE_UK / name)
        if name.startswith("2018-03-cambridgeshire"):
            march = counts
        for area_name, tally in counts.items():
            area = force_area if area_name == "force" else districts.get(area_name)
            if area is None:  # an LSOA outside the force area
                continue
            period = parse_period(month)
            for code in COUNTS:
                figures.append(Figure(indicators[code].pk, area.pk, period, tally[code]))
            charged, crimes = tally["charged"], tally["crime-all-excl-asb"]
            if crimes:
                share = indicators["charge-summons-share"]
                figures.append(
                    Figure(share.pk, area.pk, period, 100 * charged / crimes, charged, crimes)
                )
    observations_write(figures=figures, kind="test", sources=[], by=None)
    all_crime = indicators["crime-all-excl-asb"]
    series_break_add(
        indicator=all_crime,
        date=dt.date(2018, 5, 23),
        reason="A new crime recording system went live",
        by=None,
    )
    data_note_add(
        indicator=all_crime,
        text="Counted from the data.police.uk street-level file.",
        added=dt.date(2019, 10, 1),
        by=None,
    )
    return plan, march


def test_the_data_pack_shows_real_figures_as_charts_with_text_and_tables(
    page: Page, live_server, cambridgeshire
):
    plan, march = cambridgeshire
    page.goto(f"{live_server.url}/plans/{plan.slug}/performance/2018-03/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Performance data pack: March 2018")
    main = page.locator("main")
    expect(main).to_contain_text(f"{march['force']['crime-burglary']:,}")
    expect(main).to_contain_text(f"{march['force']['crime-all-excl-asb']:,}")
    expect(main).to_contain_text("No figure for March 2017 to compare with")
    expect(main).to_contain_text("Not judged: the change was not tested")
    expect(main).to_contain_text("A new crime recording system went live")

    charts = page.locator("svg[role=img]")
    assert charts.count() >= 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        expect(chart).to_be_visible()
        title = chart.locator("title")
        assert title.text_content().strip()
        assert chart.get_attribute("aria-labelledby") == title.get_attribute("id")
        figure = chart.locator("xpath=ancestor::figure[1]")
        expect(figure.locator("figcaption")).not_to_be_empty()
    crime = page.get_by_role("img", name="Recorded crime by type, Cambridgeshire")
    expect(crime).to_be_visible()
    expect(page.locator("figcaption").first).to_contain_text(
        "the most was Violence and sexual offences"
    )
    peers = page.get_by_role(
        "img", name=re.compile(r"^Burglary: Cambridgeshire compared with other areas")
    )
    expect(peers.first).to_be_visible()
    expect(main).to_contain_text("of 3 areas, where 1st is the lowest (the best).")

    data = page.locator("details", has_text="Data for the chart: Recorded crime by type")
    data.locator("summary").click()
    table = data.locator("table")
    expect(table).to_be_visible()
    expect(table.locator("tr", has_text="Burglary")).to_contain_text(
        f"{march['force']['crime-burglary']:,}"
    )
    assert_accessible(page)

    page.get_by_label("Area", exact=True).select_option(label="Cambridge")
    page.get_by_role("button", name="Show this area").click()
    expect(page.locator(".govuk-caption-l")).to_contain_text("Cambridge")
    expect(page.locator("main")).to_contain_text(f"{march['Cambridge']['crime-burglary']:,}")
    assert_accessible(page)


def test_the_plan_links_to_the_latest_month_with_figures(page: Page, live_server, cambridgeshire):
    plan, _ = cambridgeshire
    page.goto(f"{live_server.url}/plans/{plan.slug}/")
    page.get_by_role("link", name="The performance data pack: figures for each measure").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Performance data pack: August 2019")
    expect(page.locator("main")).to_contain_text("Control chart")
    expect(
        page.get_by_role(
            "img", name="All crime excluding anti-social behaviour: control chart"
        ).first
    ).to_be_visible()
    assert_accessible(page)
