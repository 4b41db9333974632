"""Areas from the ONS lookup, observations from files, indicators in the Plan document."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from planwatch.demo.loader import DEMO_PLAN
from planwatch.performance.models import Area, ImportRun, Indicator, Observation
from planwatch.performance.periods import parse_period
from planwatch.performance.services import Figure, observations_write
from planwatch.plans.document import DocumentError, dump_plan_document, parse_plan_document
from planwatch.plans.selectors import plan_document
from planwatch.plans.services import plan_load

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "reference"
LOOKUP = SHARED / "lad16-csp16-pfa16-lookup.csv"


@pytest.fixture
def areas(db):
    call_command("areas_load", str(LOOKUP))


@pytest.fixture
def indicators(published_plan):
    return {i.code: i for i in Indicator.objects.all()}


def test_the_lookup_gives_every_force_partnership_and_district(areas):
    with LOOKUP.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))

    assert Area.objects.filter(kind="force").count() == len({r["PFA16CD"] for r in rows})
    assert Area.objects.filter(kind="csp").count() == len({r["CSP16CD"] for r in rows})
    assert Area.objects.filter(kind="district").count() == len({r["LAD16CD"] for r in rows})
    cambridge = Area.objects.get(name="Cambridge", kind="district")
    assert cambridge.parent.parent.code == "E23000023"
    assert cambridge.parent.parent.police_uk_id == "cambridgeshire"


def test_loading_the_lookup_twice_changes_nothing(areas, capsys):
    call_command("areas_load", str(LOOKUP))

    assert "Force areas: 0, partnerships: 0, districts: 0" in capsys.readouterr().out


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """indicator,area,period,value,numerator,denominator
crime-burglary,cambridgeshire,2018-03,412,,
crime-burglary,E23000023,2018-04,398,,
charge-summons-share,cambridgeshire,2018-19-q1,7.9,1180,14936
"""


def test_observations_import_with_force_ids_or_ons_codes_and_reimport_updates(
    areas, indicators, tmp_path
):
    call_command("import_observations", str(_write(tmp_path, GOOD)))

    force = Area.objects.get(police_uk_id="cambridgeshire")
    burglary = Observation.objects.filter(indicator__code="crime-burglary", area=force)
    assert sorted(burglary.values_list("period", "value")) == [("2018-03", 412), ("2018-04", 398)]
    share = Observation.objects.get(indicator__code="charge-summons-share")
    assert (share.numerator, share.denominator, str(share.starts)) == (1180, 14936, "2018-04-01")

    call_command("import_observations", str(_write(tmp_path, GOOD.replace("412", "415"))))

    assert Observation.objects.count() == 3
    assert burglary.get(period="2018-03").value == 415
    assert ImportRun.objects.first().updated == 1


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("crime-nothing,cambridgeshire,2018-03,1,,", "row 3, column indicator"),
        ("crime-burglary,atlantis,2018-03,1,,", "row 3, column area"),
        ("crime-burglary,cambridgeshire,2018-13,1,,", "row 3, column period"),
        ("crime-burglary,cambridgeshire,March,1,,", "row 3, column period"),
        ("crime-burglary,cambridgeshire,2018-03,many,,", "row 3, column value"),
        ("crime-burglary,cambridgeshire,2018-03,,,", "row 3, column value"),
        ("charge-summons-share,cambridgeshire,2018-03,5,5,", "row 3, column denominator"),
        ("charge-summons-share,cambridgeshire,2018-03,5,5,0", "row 3, column denominator"),
    ],
)
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    areas, indicators, tmp_path, row, expected
):
    header_and_good = "indicator,area,period,value,numerator,denominator\n"
    header_and_good += "crime-burglary,cambridgeshire,2018-05,400,,\n"

    with pytest.raises(CommandError, match=expected):
        call_command("import_observations", str(_write(tmp_path, header_and_good + row + "\n")))

    assert not Observation.objects.exists()
    assert not ImportRun.objects.exists()


def test_a_missing_column_is_named(areas, indicators, tmp_path):
    with pytest.raises(CommandError, match="missing column.*value"):
        call_command("import_observations", str(_write(tmp_path, "indicator,area,period\n")))


def test_indicators_round_trip_through_the_plan_document(published_plan):
    text = dump_plan_document(plan_document(published_plan))
    document = parse_plan_document(text)

    assert [i.code for i in document.indicators] == sorted(
        Indicator.objects.values_list("code", flat=True)
    )
    burglary = next(i for i in document.indicators if i.code == "crime-burglary")
    assert (burglary.unit, burglary.polarity, burglary.themes) == ("count", "lower", ("Victims",))
    plan_load(document=document, by=None)
    assert dump_plan_document(plan_document(published_plan)) == text


def test_dropping_an_indicator_from_the_document_unlinks_it_from_the_plan(published_plan):
    text = DEMO_PLAN.read_text(encoding="utf-8")
    start = text.index("  - code: crime-burglary")
    end = text.index("  - code: crime-violence-and-sexual-offences")
    plan_load(document=parse_plan_document(text[:start] + text[end:]), by=None)

    assert not Indicator.objects.get(code="crime-burglary").themes.exists()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            ("unit: count", "unit: pounds"),
            "'unit' of indicator 'crime-all-excl-asb' must be one of",
        ),
        (("polarity: lower", "polarity: up"), "'polarity'"),
        (("frequency: monthly", "frequency: weekly"), "'frequency'"),
        (("themes: [Victims, Communities]", "themes: [Victims, Roads]"), "theme 'Roads'"),
        (("code: crime-burglary", "code: Crime Burglary"), "'code' of indicator 4"),
        (("code: crime-burglary", "code: crime-all-excl-asb"), "appears twice"),
    ],
)
def test_a_bad_indicator_is_refused_naming_the_field(change, words):
    text = DEMO_PLAN.read_text(encoding="utf-8").replace(*change, 1)

    with pytest.raises(DocumentError, match=words) as refused:
        parse_plan_document(text)

    assert refused.value.line == text[: text.rindex(change[1])].count("\n") + 1


def test_figures_by_the_hundred_are_written_once_and_rewritten_as_changes(areas, indicators):
    # More rows than one INSERT statement holds, and not a multiple of it.
    indicator, places = Indicator.objects.first(), list(Area.objects.order_by("pk")[:25])
    months = [parse_period(f"2018-{month:02d}") for month in range(1, 11)]
    figures = [
        Figure(indicator.pk, area.pk, month, area.pk * 100 + number)
        for area in places
        for number, month in enumerate(months)
    ]
    first = observations_write(figures=figures, kind="test", sources=[], by=None)
    again = observations_write(figures=figures, kind="test", sources=[], by=None)
    figures[3] = Figure(indicator.pk, places[0].pk, months[3], -1, 1, 2)
    changed = observations_write(figures=figures, kind="test", sources=[], by=None)

    assert (first.created, first.updated, first.unchanged) == (250, 0, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 250)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 249)
    written = {
        (o.area_id, o.period): (o.value, o.numerator, o.denominator, o.starts, o.ends)
        for o in Observation.objects.filter(indicator=indicator)
    }
    assert len(written) == 250
    assert written[places[0].pk, "2018-04"] == (-1, 1, 2, months[3].starts, months[3].ends)
    assert written[places[1].pk, "2018-10"][0] == places[1].pk * 100 + 9
