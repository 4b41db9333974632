"""The data.police.uk reader, one file at a time: street counts per crime type, force and
district, the charged or summonsed crimes, and outcomes and searches, each checked
against an independent count of the real files."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from planwatch.performance.police_uk import (
    ALL_CRIME_EXCLUDING_ASB,
    ANTI_SOCIAL_BEHAVIOUR,
    CHARGE_OR_SUMMONS_OUTCOMES,
    CRIME_TYPES,
    OUTCOMES,
    STOP_AND_SEARCH,
    STREET,
    count_police_file,
    district_name,
)
from tests.performance.police_files import (
    LOOKUP,
    OUTCOMES_EXCERPT,
    POLICE_UK,
    STOP_AND_SEARCH_EXCERPT,
    STREET_FILES,
)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def data_lines(path: Path) -> int:
    return len(path.read_bytes().splitlines()) - 1


def independent_districts() -> dict[str, str]:
    """Lower-case district name -> LAD16CD, read without the code under test."""
    with LOOKUP.open(encoding="utf-8-sig", newline="") as handle:
        return {row["LAD16NM"].lower(): row["LAD16CD"] for row in csv.DictReader(handle)}


def test_the_lookup_is_keyed_by_lower_case_district_name_despite_the_byte_order_mark(lookup):
    cambridge = lookup["cambridge"]

    assert cambridge.lad_code == "E07000008"
    assert cambridge.lad_name == "Cambridge"
    assert cambridge.pfa_code == "E23000023"
    assert cambridge.csp_code.startswith("E22")
    assert len(lookup) == len(independent_districts())


def test_district_name_drops_the_lsoa_code():
    assert district_name("Bedford 004D") == "Bedford"
    assert district_name("King's Lynn and West Norfolk 001A") == "King's Lynn and West Norfolk"
    assert district_name("Bedford") == "Bedford"


@pytest.mark.parametrize("name", STREET_FILES)
def test_street_counts_per_crime_type_match_an_independent_count(name, lookup):
    path = POLICE_UK / name
    rows = read_rows(path)

    counts = count_police_file(path, lookup=lookup)

    assert (counts.kind, counts.force, counts.month) == (STREET, name[8:-11], name[:7])
    expected = Counter(row["Crime type"] for row in rows)
    found = {crime: n for (area, crime), n in counts.counts.items() if area == counts.force}
    del found[ALL_CRIME_EXCLUDING_ASB]
    assert found == expected
    assert set(found) <= CRIME_TYPES
    assert counts.rows == counts.total() == len(rows) == data_lines(path)


@pytest.mark.parametrize("name", STREET_FILES)
def test_district_counts_match_an_independent_count_and_add_up_to_the_force(name, lookup):
    path = POLICE_UK / name
    rows = read_rows(path)
    lad_of = independent_districts()
    expected = Counter(
        (lad_of[re.sub(r" \d{3}[A-Z]$", "", row["LSOA name"]).lower()], row["Crime type"])
        for row in rows
        if row["LSOA name"]
    )
    without_lsoa = Counter(row["Crime type"] for row in rows if not row["LSOA name"])

    counts = count_police_file(path, lookup=lookup)

    districts = {
        (area, crime): n
        for (area, crime), n in counts.counts.items()
        if area != counts.force and crime != ALL_CRIME_EXCLUDING_ASB
    }
    assert districts == expected
    assert set(counts.districts) == {area for area, _ in expected}
    assert counts.unmatched_lsoa_rows == 0
    for crime in CRIME_TYPES:
        in_districts = sum(n for (_, c), n in districts.items() if c == crime)
        assert in_districts + without_lsoa[crime] == counts.counts.get((counts.force, crime), 0)


def test_rows_without_a_location_count_for_the_force_only(lookup):
    counts = count_police_file(POLICE_UK / "2018-03-hertfordshire-street.csv", lookup=lookup)

    in_districts = sum(counts.total(area) for area in counts.districts)
    assert counts.total() - in_districts == 30  # the file's 30 "No Location" rows


def test_lsoas_outside_the_lookup_count_for_the_force_only(tmp_path, lookup):
    path = tmp_path / "2018-03-bedfordshire-street.csv"
    text = (POLICE_UK / path.name).read_text(encoding="utf-8")
    path.write_text(text.replace(",Bedford 001A,", ",Atlantis 001A,"), encoding="utf-8")
    moved = text.count(",Bedford 001A,")

    counts = count_police_file(path, lookup=lookup)
    original = count_police_file(POLICE_UK / path.name, lookup=lookup)

    assert moved > 0
    assert counts.unmatched_lsoa_rows == moved
    assert counts.total() == original.total()
    bedford = lookup["bedford"].lad_code
    assert counts.total(bedford) == original.total(bedford) - moved


@pytest.mark.parametrize("name", STREET_FILES)
def test_all_crime_excluding_asb_and_the_charged_or_summonsed_crimes(name, lookup):
    rows = read_rows(POLICE_UK / name)

    counts = count_police_file(POLICE_UK / name, lookup=lookup)

    crimes = [row for row in rows if row["Crime type"] != ANTI_SOCIAL_BEHAVIOUR]
    charged = [row for row in crimes if row["Last outcome category"] in CHARGE_OR_SUMMONS_OUTCOMES]
    assert counts.counts[counts.force, ALL_CRIME_EXCLUDING_ASB] == len(crimes)
    assert counts.charged[counts.force] == len(charged)
    assert sum(counts.charged[area] for area in counts.districts if area in counts.charged) == len(
        [row for row in charged if row["LSOA name"]]
    )


def test_the_charged_numbers_of_two_real_months():
    bedfordshire = count_police_file(POLICE_UK / "2018-03-bedfordshire-street.csv")
    cambridgeshire = count_police_file(POLICE_UK / "2019-08-cambridgeshire-street.csv")

    # Court-stage outcomes: 113 court result unavailable, 47 prison, 31 community sentence, ...
    assert bedfordshire.charged["bedfordshire"] == 262
    # 153 "Awaiting court outcome" and nothing else at the court stage yet.
    assert cambridgeshire.charged["cambridgeshire"] == 153


def test_charged_or_summonsed_leaves_out_out_of_court_disposals_and_other_cases():
    assert "Awaiting court outcome" in CHARGE_OR_SUMMONS_OUTCOMES
    assert "Offender fined" in CHARGE_OR_SUMMONS_OUTCOMES
    assert "Offender given a caution" not in CHARGE_OR_SUMMONS_OUTCOMES
    assert "Local resolution" not in CHARGE_OR_SUMMONS_OUTCOMES
    assert "Suspect charged as part of another case" not in CHARGE_OR_SUMMONS_OUTCOMES


def test_without_a_lookup_street_rows_count_for_the_force_only():
    counts = count_police_file(POLICE_UK / "2018-03-bedfordshire-street.csv")

    assert {area for area, _ in counts.counts} == {"bedfordshire"}
    assert counts.districts == {}
    assert counts.unmatched_lsoa_rows == counts.rows


def test_the_outcomes_excerpt_counts_per_outcome_type():
    path = POLICE_UK / OUTCOMES_EXCERPT
    expected = Counter(row["Outcome type"] for row in read_rows(path))

    counts = count_police_file(path)

    assert (counts.kind, counts.force, counts.month, counts.rows) == (
        OUTCOMES,
        "cambridgeshire",
        "2018-05",
        8,
    )
    assert counts.counts == {("cambridgeshire", kind): n for kind, n in expected.items()}
    assert counts.counts["cambridgeshire", "Unable to prosecute suspect"] == 3


def test_the_stop_and_search_excerpt_counts_per_object_of_search():
    path = POLICE_UK / STOP_AND_SEARCH_EXCERPT
    expected = Counter(row["Object of search"] for row in read_rows(path))

    counts = count_police_file(path)

    assert (counts.kind, counts.force, counts.month, counts.rows) == (
        STOP_AND_SEARCH,
        "cambridgeshire",
        "2018-05",
        18,
    )
    assert counts.counts == {("cambridgeshire", kind): n for kind, n in expected.items()}
    assert counts.counts["cambridgeshire", "Controlled drugs"] == 13


def test_the_charged_share_is_over_crimes_excluding_anti_social_behaviour():
    counts = count_police_file(POLICE_UK / "2019-08-cambridgeshire-street.csv")

    assert counts.charged_share() == pytest.approx(153 / (7363 - 1541))
    assert counts.charged_share("nowhere") is None
