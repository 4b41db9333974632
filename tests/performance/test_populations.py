"""Populations of areas: `planwatch populations-load`, the 2011 Census file shipped with
PlanWatch, and files that are refused whole."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from planwatch.performance.models import Area
from planwatch.performance.populations import CENSUS_2011, parse_population, populations_load

LOOKUP = Path(__file__).resolve().parents[3] / "shared/data/reference/lad16-csp16-pfa16-lookup.csv"
ENGLAND_AND_WALES_2011 = 56_075_912  # usual residents on Census day, 27 March 2011


@pytest.fixture
def areas(db):
    call_command("areas_load", str(LOOKUP), stdout=io.StringIO())


def load(path: Path | str, *args: str) -> str:
    out = io.StringIO()
    call_command("populations_load", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "populations.csv"
    path.write_text(text, encoding="utf-8")
    return path


def populations() -> dict[str, tuple[int | None, str]]:
    return {a.code: (a.population, a.population_source) for a in Area.objects.all()}


def population_of(force_id: str) -> int | None:
    return Area.objects.get(police_uk_id=force_id).population


class TestCensusFile:
    def test_it_gives_the_alliance_forces_their_2011_usual_residents(self, areas):
        output = load(CENSUS_2011)

        assert "43 areas set or changed, 0 unchanged" in output
        # The sums of their local authorities' KS101EW totals.
        assert population_of("bedfordshire") == 157_479 + 254_381 + 203_201 == 615_061
        assert population_of("cambridgeshire") == 621_210 + 183_631 == 804_841
        assert population_of("hertfordshire") == 1_116_062
        source = Area.objects.get(police_uk_id="bedfordshire").population_source
        assert "2011 Census" in source and "KS101EW" in source

    def test_it_names_each_force_of_the_lookup_once_and_adds_up_to_england_and_wales(self):
        with CENSUS_2011.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with LOOKUP.open(encoding="utf-8-sig", newline="") as handle:
            forces = {row["PFA16CD"] for row in csv.DictReader(handle)}

        assert sorted(row["area"] for row in rows) == sorted(forces)
        assert sum(int(row["population"]) for row in rows) == ENGLAND_AND_WALES_2011
        assert all(row["source"] for row in rows)

    def test_loading_it_twice_changes_nothing(self, areas):
        load(CENSUS_2011)
        before = (populations(), Area.history.count())

        output = load(CENSUS_2011)

        assert "0 areas set or changed, 43 unchanged" in output
        assert (populations(), Area.history.count()) == before


class TestLoading:
    def test_areas_may_be_named_by_force_id_or_ons_code_with_a_source_for_rows_without(
        self, areas, tmp_path
    ):
        path = write(
            tmp_path,
            "area,population,source\n"
            'BEDFORDSHIRE,"615,061",\n'
            "E07000008,123867,ONS 2011 Census KS101EW\n",
        )

        output = load(path, "--source", "Local estimate")

        assert "2 areas set or changed" in output
        assert Area.objects.get(police_uk_id="bedfordshire").population_source == "Local estimate"
        cambridge = Area.objects.get(code="E07000008")
        assert (cambridge.name, cambridge.population) == ("Cambridge", 123_867)
        assert cambridge.population_source == "ONS 2011 Census KS101EW"

    def test_a_new_figure_replaces_the_old_and_the_rest_stay_as_they_were(self, areas, tmp_path):
        load(CENSUS_2011)

        output = load(write(tmp_path, "area,population\nbedfordshire,682000\n"), "--source", "x")

        assert "1 areas set or changed" in output
        assert population_of("bedfordshire") == 682_000
        assert population_of("cambridgeshire") == 804_841

    def test_the_service_records_who_changed_a_population(self, areas, officer):
        populations_load(path=CENSUS_2011, by=officer)

        record = Area.objects.get(police_uk_id="cambridgeshire").history.first()
        assert record.history_user == officer
        assert record.population == 804_841
        assert record.history_change_reason == f"Population from {CENSUS_2011.name}"

    def test_someone_who_may_not_manage_performance_cannot_load_populations(self, areas, lead):
        with pytest.raises(PermissionDenied):
            populations_load(path=CENSUS_2011, by=lead)
        assert population_of("cambridgeshire") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("615061", 615_061),
        ("615,061", 615_061),
        (" 42 ", 42),
        ("0", None),
        ("-5", None),
        ("12.5", None),
        ("6,15061", None),
        ("1e6", None),
        ("", None),
    ],
)
def test_a_population_is_a_positive_whole_number(text, expected):
    assert parse_population(text) == expected


# Each file starts with a good row (row 2), which must not be written either.
HEAD = "area,population\ncambridgeshire,804841\n"
REFUSED = [
    (HEAD + "nowhere,100\n", "row 3, column area: no area has the ONS code or force id 'nowhere'"),
    (HEAD + "bedfordshire,0\n", "row 3, column population: '0' is not a positive whole number"),
    (HEAD + "bedfordshire,-12\n", "row 3, column population: '-12' is not a positive"),
    (HEAD + "bedfordshire,12.5\n", "row 3, column population: '12.5' is not a positive"),
    (HEAD + "bedfordshire,\n", "row 3, column population: '' is not a positive"),
    (HEAD + ",100\n", "row 3, column area: an area is required"),
    (HEAD + "bedfordshire,900000000\n", "row 3, column population: '900000000' is more than"),
    (
        HEAD + "bedfordshire,615061\nE23000026,615061\n",
        "row 4, column area: Bedfordshire (E23000026) is given already, in row 3",
    ),
    ("area,people\ncambridgeshire,804841\n", "row 1, column population: missing"),
    ("place,population\ncambridgeshire,804841\n", "row 1, column area: missing"),
    (
        f"area,population,source\ncambridgeshire,804841,\nkent,1,{'x' * 201}\n",
        "row 3, column source: the source is longer than 200 characters",
    ),
    ("", "is empty"),
]


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_a_bad_file_is_refused_by_row_and_column_and_nothing_is_written(
    areas, tmp_path, text, reason
):
    before = (populations(), Area.history.count())

    with pytest.raises(CommandError) as refused:
        load(write(tmp_path, text))

    assert reason in str(refused.value)
    assert "no population was changed" in str(refused.value)
    assert (populations(), Area.history.count()) == before


def test_every_problem_in_a_file_is_reported_at_once(areas, tmp_path):
    path = write(tmp_path, "area,population\nnowhere,10\nbedfordshire,lots\nkent,5\n")

    with pytest.raises(CommandError) as refused:
        load(path)

    message = str(refused.value)
    assert "row 2, column area" in message and "row 3, column population" in message
    assert "row 4" not in message
    assert population_of("kent") is None


def test_without_areas_the_refusal_says_to_load_them_first(db, tmp_path):
    with pytest.raises(CommandError, match="load them first with planwatch areas-load"):
        load(CENSUS_2011)


def test_a_population_must_be_positive_in_the_database_too(areas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.filter(police_uk_id="kent").update(population=0)
