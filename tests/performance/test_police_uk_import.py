"""planwatch import-police-uk: the real files become observations that match an independent
count of their rows; all or nothing; importing twice changes nothing."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from planwatch.performance.models import Area, ImportRun, Indicator, Observation
from planwatch.performance.police_uk import CHARGE_OR_SUMMONS_OUTCOMES
from planwatch.performance.police_uk_import import crime_code, police_uk_import
from tests.performance.police_files import (
    LOOKUP,
    OUTCOMES_EXCERPT,
    POLICE_UK,
    STOP_AND_SEARCH_EXCERPT,
    STREET_FILES,
)

ASB = "Anti-social behaviour"

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    call_command("areas_load", str(LOOKUP), stdout=io.StringIO())


def run(*paths, **options) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_police_uk", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


def rows_of(name: str) -> list[dict[str, str]]:
    with (POLICE_UK / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def lookup_rows() -> list[dict[str, str]]:
    with LOOKUP.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def figures(code: str, area: str, month: str) -> Observation:
    return Observation.objects.get(
        indicator__code=code, area__in=Area.objects.filter(code=area) | by_force(area), period=month
    )


def by_force(force_id: str):
    return Area.objects.filter(police_uk_id=force_id)


def snapshot() -> dict[tuple[str, str, str], tuple]:
    return {
        (o.indicator.code, o.area.code, o.period): (o.value, o.numerator, o.denominator)
        for o in Observation.objects.select_related("indicator", "area")
    }


@pytest.mark.parametrize("name", STREET_FILES)
def test_force_counts_match_an_independent_count_of_the_rows(name, areas):
    month, force = name[:7], name[8:].removesuffix("-street.csv")
    rows = rows_of(name)
    by_type = Counter(row["Crime type"] for row in rows)
    crimes = [row for row in rows if row["Crime type"] != ASB]
    charged = [r for r in crimes if r["Last outcome category"] in CHARGE_OR_SUMMONS_OUTCOMES]

    run(POLICE_UK / name)

    for crime_type, count in by_type.items():
        assert figures(crime_code(crime_type), force, month).value == count
    total = figures("crime-all-excl-asb", force, month)
    assert total.value == len(crimes) == len(rows) - by_type[ASB]
    share = figures("charge-summons-share", force, month)
    assert (share.numerator, share.denominator) == (len(charged), len(crimes))
    assert share.value == pytest.approx(100 * len(charged) / len(crimes))


def test_crime_types_a_force_did_not_record_that_month_are_zero(areas):
    run(POLICE_UK / "2018-03-bedfordshire-street.csv")

    recorded = {row["Crime type"] for row in rows_of("2018-03-bedfordshire-street.csv")}
    counts = Observation.objects.filter(
        area__police_uk_id="bedfordshire", indicator__code__startswith="crime-"
    )
    assert counts.count() == 15  # 14 crime types and all crime excluding ASB
    assert {o.indicator.code for o in counts if o.value == 0} == {
        o.indicator.code for o in counts if o.indicator.name not in recorded
    } - {"crime-all-excl-asb"}


def test_district_and_partnership_counts_match_an_independent_count(areas):
    name = "2018-03-cambridgeshire-street.csv"
    lookup = lookup_rows()
    in_force = {r["LAD16NM"]: r for r in lookup if r["PFA16CD"] == "E23000023"}
    expected: Counter[str] = Counter()
    for row in rows_of(name):
        district = re.sub(r" \d{3}[A-Z]$", "", row["LSOA name"])
        if row["Crime type"] != ASB and district in in_force:
            expected[in_force[district]["LAD16CD"]] += 1

    run(POLICE_UK / name)

    for district in in_force.values():
        code = district["LAD16CD"]
        assert figures("crime-all-excl-asb", code, "2018-03").value == expected[code]
    by_csp: defaultdict[str, int] = defaultdict(int)
    for district in in_force.values():
        by_csp[district["CSP16CD"]] += expected[district["LAD16CD"]]
    for csp, count in by_csp.items():
        assert figures("crime-all-excl-asb", csp, "2018-03").value == count
    force_total = figures("crime-all-excl-asb", "cambridgeshire", "2018-03").value
    assert sum(expected.values()) < force_total  # rows without a location or outside the area


def test_rows_recorded_in_another_force_area_count_for_the_recording_force_only(areas):
    lookup = lookup_rows()
    bedfordshire = {r["LAD16NM"] for r in lookup if r["PFA16NM"] == "Bedfordshire"}
    rows = rows_of("2018-03-cambridgeshire-street.csv")
    assert any(re.sub(r" \d{3}[A-Z]$", "", r["LSOA name"]) in bedfordshire for r in rows)

    run(POLICE_UK / "2018-03-cambridgeshire-street.csv")

    assert not Observation.objects.filter(area__parent__parent__police_uk_id="bedfordshire")


def test_the_rows_without_a_location_count_for_the_force(areas):
    rows = rows_of("2019-08-cambridgeshire-street.csv")
    assert sum(1 for row in rows if row["Location"] == "No Location" and not row["LSOA name"]) > 0

    run(POLICE_UK / "2019-08-cambridgeshire-street.csv")

    crimes = sum(1 for row in rows if row["Crime type"] != ASB)
    assert figures("crime-all-excl-asb", "cambridgeshire", "2019-08").value == crimes
    share = figures("charge-summons-share", "cambridgeshire", "2019-08")
    assert share.numerator == 153  # "Awaiting court outcome" only, counted by hand


def test_importing_the_same_files_twice_changes_nothing(areas):
    first = run(POLICE_UK, "--no-progress")
    before = snapshot()

    second = run(*(POLICE_UK / name for name in STREET_FILES), "--no-progress")

    assert snapshot() == before
    assert " 0 observations created, 0 updated" in second
    assert f"{len(before):,} observations created" in first
    assert Indicator.objects.filter(code__startswith="crime-").count() == 15


def test_a_zip_archive_gives_the_same_figures_as_the_files(areas, tmp_path):
    run(*(POLICE_UK / name for name in STREET_FILES[:3]))
    from_files = snapshot()
    Observation.objects.all().delete()
    archive = tmp_path / "2018-03.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name in STREET_FILES[:3]:
            zipped.write(POLICE_UK / name, f"2018-03/{name}")

    run(archive)

    assert snapshot() == from_files


def broken_copy(tmp_path: Path, line: int, replace) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    shutil.copy(POLICE_UK / "2018-03-bedfordshire-street.csv", folder)
    target = folder / "2018-03-cambridgeshire-street.csv"
    lines = (POLICE_UK / target.name).read_bytes().splitlines(keepends=True)
    lines[line - 1] = replace(lines[line - 1])
    target.write_bytes(b"".join(lines))
    return folder


@pytest.mark.parametrize(
    ("line", "replace", "reason"),
    [
        (1, lambda text: text.replace(b"Crime type", b"Crime kind"), "header"),
        (40, lambda text: text.rsplit(b",", 3)[0] + b"\n", "9 fields where the header has 12"),
        (41, lambda text: text.replace(b"On or near", b"On or n\xe9ar"), "UTF-8"),
        (42, lambda text: text.replace(b"2018-03", b"2018-04", 1), "2018-04"),
    ],
)
def test_a_broken_file_is_refused_by_name_line_and_reason_and_nothing_is_kept(
    areas, tmp_path, line, replace, reason
):
    run(POLICE_UK / "2019-08-cambridgeshire-street.csv")
    before, runs = snapshot(), ImportRun.objects.count()
    folder = broken_copy(tmp_path, line, replace)

    with pytest.raises(CommandError) as refused:
        run(folder)

    message = str(refused.value)
    assert "2018-03-cambridgeshire-street.csv" in message
    assert f"line {line}" in message
    assert reason in message
    assert "Nothing was imported" in message
    assert snapshot() == before  # nothing from Bedfordshire's good file either
    assert ImportRun.objects.count() == runs


def test_without_areas_the_import_says_what_to_load_first():
    with pytest.raises(CommandError, match="areas-load"):
        run(POLICE_UK / "2018-03-bedfordshire-street.csv")

    assert not Indicator.objects.exists()


def test_a_path_with_no_police_files_is_refused(areas, tmp_path):
    with pytest.raises(CommandError, match="No data.police.uk files"):
        run(tmp_path)
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.csv")


def test_outcomes_and_stop_and_search_files_give_monthly_counts_for_the_force(areas):
    outcomes = rows_of(OUTCOMES_EXCERPT)
    searches = rows_of(STOP_AND_SEARCH_EXCERPT)

    run(
        POLICE_UK / OUTCOMES_EXCERPT,
        POLICE_UK / STOP_AND_SEARCH_EXCERPT,
    )

    charged = [r for r in outcomes if r["Outcome type"] in CHARGE_OR_SUMMONS_OUTCOMES]
    assert figures("outcomes-recorded", "cambridgeshire", "2018-05").value == len(outcomes)
    assert figures("outcomes-charge-or-summons", "cambridgeshire", "2018-05").value == len(charged)
    assert figures("stop-and-search", "cambridgeshire", "2018-05").value == len(searches)


def test_indicators_the_plan_already_defines_are_kept_as_officers_set_them(areas, published_plan):
    burglary = Indicator.objects.get(code="crime-burglary")
    themes = set(burglary.themes.all())

    run(POLICE_UK / "2018-03-hertfordshire-street.csv")

    burglary.refresh_from_db()
    assert burglary.name == "Burglary" and set(burglary.themes.all()) == themes
    created = Indicator.objects.get(code="crime-shoplifting")
    assert (created.name, created.unit, created.polarity) == ("Shoplifting", "count", "lower")
    assert created.history.first().history_change_reason == "Created by a data.police.uk import"


def test_a_progress_bar_is_shown_on_standard_error(areas):
    err = io.StringIO()
    call_command(
        "import_police_uk",
        str(POLICE_UK / "2018-03-bedfordshire-street.csv"),
        stdout=io.StringIO(),
        stderr=err,
    )

    assert "Reading" in err.getvalue() and "100%" in err.getvalue()


def test_only_staff_may_import(areas, lead, officer):
    path = POLICE_UK / "2018-03-bedfordshire-street.csv"
    with pytest.raises(PermissionDenied):
        police_uk_import(paths=[path], by=lead)
    assert not Observation.objects.exists()

    imported, _ = police_uk_import(paths=[path], by=officer)

    assert imported.by == officer and imported.kind == "police.uk"
    assert imported.observations.count() == Observation.objects.count() > 0
