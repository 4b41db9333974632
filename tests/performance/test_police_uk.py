"""The data.police.uk reader: counts checked against an independent count of the real files."""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
import zipfile
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
    FileCounts,
    PoliceUkError,
    count_police_file,
    count_police_files,
    district_name,
    find_police_files,
    load_district_lookup,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
POLICE_UK = SHARED / "police-uk"
LOOKUP = SHARED / "reference" / "lad16-csp16-pfa16-lookup.csv"
STREET_FILES = [
    "2018-03-bedfordshire-street.csv",
    "2018-03-cambridgeshire-street.csv",
    "2018-03-hertfordshire-street.csv",
    "2019-08-cambridgeshire-street.csv",
]
OUTCOMES_EXCERPT = "2018-05-cambridgeshire-outcomes.EXCERPT.csv"
STOP_AND_SEARCH_EXCERPT = "2018-05-cambridgeshire-stop-and-search.EXCERPT.csv"


@pytest.fixture(scope="module")
def lookup():
    return load_district_lookup(LOOKUP)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def data_lines(path: Path) -> int:
    return len(path.read_bytes().splitlines()) - 1


def independent_districts() -> dict[str, str]:
    """Lower-case district name -> LAD16CD, read without the code under test."""
    with LOOKUP.open(encoding="utf-8-sig", newline="") as handle:
        return {row["LAD16NM"].lower(): row["LAD16CD"] for row in csv.DictReader(handle)}


def without_source(counts: FileCounts) -> FileCounts:
    return dataclasses.replace(counts, source="")


def by_file(results) -> dict[tuple[str, str, str], FileCounts]:
    return {(c.kind, c.force, c.month): without_source(c) for c in results}


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


@pytest.fixture
def single_file_counts(lookup):
    return by_file(count_police_file(POLICE_UK / name, lookup=lookup) for name in STREET_FILES)


@pytest.fixture
def monthly_folder(tmp_path):
    """The real files laid out as monthly downloads, with things the reader must pass over."""
    root = tmp_path / "downloads"
    for name in STREET_FILES:
        folder = root / name[:7] / "nested"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(POLICE_UK / name, folder / name)
    (root / "README.txt").write_text("not data", encoding="utf-8")
    (root / "2018-03" / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    shutil.copy(POLICE_UK / OUTCOMES_EXCERPT, root / "2018-05-cambridgeshire-outcomes.csv")
    return root


def test_a_folder_gives_the_same_counts_as_the_single_files(
    monthly_folder, single_file_counts, lookup
):
    results = by_file(count_police_files(monthly_folder, lookup=lookup))

    outcomes = results.pop((OUTCOMES, "cambridgeshire", "2018-05"))
    assert results == single_file_counts
    assert outcomes.counts == count_police_file(POLICE_UK / OUTCOMES_EXCERPT).counts


def test_a_zip_gives_the_same_counts_as_the_single_files(tmp_path, single_file_counts, lookup):
    archive = tmp_path / "police-uk.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name in STREET_FILES:
            out.write(POLICE_UK / name, f"{name[:7]}/{name}")

    results = list(count_police_files([archive], lookup=lookup))

    assert by_file(results) == single_file_counts
    assert results[0].source == f"{archive}!2018-03/2018-03-bedfordshire-street.csv"


def test_files_come_in_order_of_month_force_and_kind(monthly_folder):
    found = find_police_files(monthly_folder)

    assert [(f.month, f.force, f.kind) for f in found] == [
        ("2018-03", "bedfordshire", STREET),
        ("2018-03", "cambridgeshire", STREET),
        ("2018-03", "hertfordshire", STREET),
        ("2018-05", "cambridgeshire", OUTCOMES),
        ("2019-08", "cambridgeshire", STREET),
    ]


def test_two_worker_processes_give_the_same_counts(monthly_folder, lookup):
    one = by_file(count_police_files(monthly_folder, lookup=lookup))
    two = by_file(count_police_files(monthly_folder, lookup=lookup, workers=2))

    assert two == one


def test_progress_is_reported_in_bytes_up_to_the_total(monthly_folder):
    calls = []

    list(
        count_police_files(
            monthly_folder, on_progress=lambda done, total: calls.append((done, total))
        )
    )

    total = sum(f.size for f in find_police_files(monthly_folder))
    assert calls[0] == (0, total)
    assert calls[-1] == (total, total)
    assert len(calls) == 6
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_a_file_named_oddly_or_of_another_kind_is_refused(tmp_path):
    odd = tmp_path / "cambridgeshire.csv"
    shutil.copy(POLICE_UK / STREET_FILES[1], odd)
    misnamed = tmp_path / "2018-03-cambridgeshire-outcomes.csv"
    shutil.copy(POLICE_UK / STREET_FILES[1], misnamed)

    with pytest.raises(PoliceUkError) as by_name:
        count_police_file(odd)
    with pytest.raises(PoliceUkError) as by_kind:
        count_police_file(misnamed)

    assert (by_name.value.file, by_name.value.line) == (str(odd), None)
    assert (by_kind.value.line, by_kind.value.reason) == (
        1,
        "a street header in a file named outcomes",
    )


# Each variant keeps everything the careful (csv module) reader must agree with the fast one on.
SAME_COUNTS_VARIANTS = {
    "LF line ends": lambda b: b.replace(b"\r\n", b"\n"),
    "a UTF-8 byte order mark": lambda b: b"\xef\xbb\xbf" + b,
    "quoted fields": lambda b: b.replace(
        b",On or near Sandye Lane,", b',"On or near Sandye Lane",'
    ),
    "a comma inside quotes": lambda b: b.replace(
        b",On or near Sandye Lane,", b',"Sandye Lane, Bedford",'
    ),
    "UTF-8 accents": lambda b: b.replace(b"On or near Sandye Lane", "On or near Café".encode()),
    "a blank last line": lambda b: b + b"\r\n",
}


@pytest.mark.parametrize("variant", SAME_COUNTS_VARIANTS)
def test_variants_of_a_valid_file_give_the_same_counts(variant, tmp_path, lookup):
    name = "2018-03-bedfordshire-street.csv"
    original = (POLICE_UK / name).read_bytes()
    changed = SAME_COUNTS_VARIANTS[variant](original)
    assert changed != original
    (tmp_path / name).write_bytes(changed)

    counts = count_police_file(tmp_path / name, lookup=lookup)

    assert without_source(counts) == without_source(
        count_police_file(POLICE_UK / name, lookup=lookup)
    )


def break_line(data: bytes, line: int, change) -> bytes:
    lines = data.split(b"\r\n")
    lines[line - 1] = change(lines[line - 1])
    return b"\r\n".join(lines)


BAD_FILES = {
    "wrong header": (
        lambda b: b.replace(b"Crime type", b"Crime category", 1),
        1,
        "not a street, outcomes or stop-and-search header",
    ),
    "a missing field": (
        lambda b: break_line(b, 10, lambda row: row[: row.rindex(b",")]),
        10,
        "11 fields where the header has 12",
    ),
    "an extra field": (
        lambda b: break_line(b, 11, lambda row: row + b",extra"),
        11,
        "13 fields where the header has 12",
    ),
    "another month": (
        lambda b: break_line(b, 25, lambda row: row.replace(b",2018-03,", b",2018-04,")),
        25,
        "Month 2018-04 does not match the file's month 2018-03",
    ),
    "a month not YYYY-MM": (
        lambda b: break_line(b, 26, lambda row: row.replace(b",2018-03,", b",March 2018,")),
        26,
        "Month 'March 2018' is not YYYY-MM",
    ),
    "an unknown crime type": (
        lambda b: break_line(
            b, 5000, lambda row: re.sub(rb",[^,]+(,[^,]*,[^,]*)$", rb",Burgling\1", row)
        ),
        5000,
        "unknown crime type 'Burgling'",
    ),
    "latin-1 bytes": (
        lambda b: break_line(
            b, 40, lambda row: row.replace(b"On or near ", "On or near Café ".encode("latin-1"))
        ),
        40,
        "not UTF-8 text (byte 0xE9)",
    ),
    "latin-1 bytes after a missing field": (
        lambda b: BAD_FILES["latin-1 bytes"][0](BAD_FILES["a missing field"][0](b)),
        10,
        "11 fields where the header has 12",
    ),
    "an empty file": (lambda b: b"", 1, "no header"),
}


@pytest.mark.parametrize("problem", BAD_FILES)
def test_a_bad_file_names_the_file_the_line_and_the_reason(problem, tmp_path):
    change, line, reason = BAD_FILES[problem]
    path = tmp_path / "2018-03-bedfordshire-street.csv"
    original = (POLICE_UK / path.name).read_bytes()
    path.write_bytes(change(original))
    assert path.read_bytes() != original

    with pytest.raises(PoliceUkError) as caught:
        count_police_file(path)

    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}, line {line}: ")


def test_a_stop_and_search_row_from_another_month_is_refused(tmp_path):
    path = tmp_path / "2018-05-cambridgeshire-stop-and-search.csv"
    text = (POLICE_UK / STOP_AND_SEARCH_EXCERPT).read_text(encoding="utf-8")
    path.write_text(text.replace("2018-05-10T20:02:27", "2018-06-10T20:02:27"), encoding="utf-8")

    with pytest.raises(PoliceUkError) as caught:
        count_police_file(path)

    assert caught.value.line == 17
    assert "is not in the file's month 2018-05" in caught.value.reason


def test_a_bad_file_yields_nothing_while_the_files_before_it_are_kept(monthly_folder, lookup):
    bad = monthly_folder / "2019-08" / "2019-08-bedfordshire-street.csv"
    data = (POLICE_UK / "2018-03-bedfordshire-street.csv").read_bytes()
    bad.write_bytes(data.replace(b",2018-03,", b",2019-08,"))
    bad.write_bytes(break_line(bad.read_bytes(), 5194, lambda row: row + b",extra"))
    kept = []

    with pytest.raises(PoliceUkError) as caught:
        for counts in count_police_files(monthly_folder, lookup=lookup):
            kept.append(counts.source)

    assert caught.value.file == str(bad)
    assert caught.value.line == 5194
    assert str(bad) not in kept
    assert len(kept) == 4  # the three March 2018 files and the May outcomes


def test_a_bad_file_in_a_zip_is_named_by_archive_and_member(tmp_path):
    archive = tmp_path / "2018-03.zip"
    data = (POLICE_UK / "2018-03-bedfordshire-street.csv").read_bytes()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("2018-03/2018-03-bedfordshire-street.csv", BAD_FILES["another month"][0](data))

    with pytest.raises(PoliceUkError) as caught:
        list(count_police_files(archive))

    assert caught.value.file == f"{archive}!2018-03/2018-03-bedfordshire-street.csv"
    assert caught.value.line == 25


def test_the_charged_share_is_over_crimes_excluding_anti_social_behaviour():
    counts = count_police_file(POLICE_UK / "2019-08-cambridgeshire-street.csv")

    assert counts.charged_share() == pytest.approx(153 / (7363 - 1541))
    assert counts.charged_share("nowhere") is None


def test_the_same_file_found_twice_is_refused(monthly_folder):
    copy = monthly_folder / "2018-03" / "2018-03-bedfordshire-street.csv"
    shutil.copy(POLICE_UK / copy.name, copy)

    with pytest.raises(PoliceUkError) as caught:
        find_police_files(monthly_folder)

    assert caught.value.line is None
    assert "the same force, month and kind" in caught.value.reason


def test_a_damaged_archive_or_member_is_refused(tmp_path):
    fake = tmp_path / "2018-03.zip"
    fake.write_bytes(b"not a zip")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(POLICE_UK / STREET_FILES[0], STREET_FILES[0])
    data = bytearray(damaged.read_bytes())
    data[200:260] = bytes(60)  # inside the compressed member
    damaged.write_bytes(bytes(data))

    with pytest.raises(PoliceUkError) as not_a_zip:
        find_police_files(fake)
    with pytest.raises(PoliceUkError) as broken:
        list(count_police_files(damaged))

    assert not_a_zip.value.reason == "not a zip archive, or a damaged one"
    assert broken.value.file == f"{damaged}!{STREET_FILES[0]}"
    assert broken.value.reason.startswith("damaged in its archive")
