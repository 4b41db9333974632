"""The DuckDB fast path for street files gives exactly the Python reader's counts, and leaves
every file it cannot vouch for to the Python reader."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.performance.police_uk import PoliceUkError, count_police_file, count_police_files
from planwatch.performance.police_uk.street_duckdb import count_street_files
from tests.performance.police_files import POLICE_UK, STREET_FILES

BENCH = Path(__file__).resolve().parents[2] / "bench"


def street_files(folder: Path) -> list[tuple[str, str, str, str]]:
    return [
        (str(path), str(path), path.name[8:-11], path.name[:7])
        for path in sorted(folder.rglob("*-street.csv"))
    ]


def test_duckdb_counts_the_real_street_files_as_the_python_reader_does(lookup):
    counted = count_street_files(street_files(POLICE_UK), lookup=lookup)

    assert sorted(Path(p).name for p in counted) == sorted(STREET_FILES)
    for path, counts in counted.items():
        assert counts == count_police_file(path, lookup=lookup)


def test_duckdb_counts_generated_files_as_the_python_reader_does(tmp_path, lookup):
    generate = [sys.executable, str(BENCH / "police_uk_generate.py"), str(tmp_path)]
    options = ["--forces", "3", "--months", "2", "--rows-per-file", "2000"]
    subprocess.run([*generate, *options], check=True, capture_output=True)

    counted = count_street_files(street_files(tmp_path), lookup=lookup)

    assert len(counted) == 6
    for path, counts in counted.items():
        assert counts == count_police_file(path, lookup=lookup)


ODD_LSOA_NAMES = [
    "Bedford",  # no code at all
    "Bedford 04D",
    "Bedford 004d",
    "Bedford 004DD",
    " 004D",
    "Bedford  004D",
    "Ynys Môn 001A",
    "Bedford 004D ",
]


def test_duckdb_takes_the_district_from_any_lsoa_name_as_the_python_reader_does(tmp_path, lookup):
    real = POLICE_UK / "2018-03-bedfordshire-street.csv"
    lines = real.read_bytes().decode().splitlines(keepends=True)
    lsoa = lines[0].split(",").index("LSOA name")
    for number, name in enumerate(ODD_LSOA_NAMES, start=1):
        fields = lines[number].split(",")
        fields[lsoa] = f'"{name}"'
        lines[number] = ",".join(fields)
    copy = tmp_path / real.name
    copy.write_text("".join(lines), encoding="utf-8")

    counted = count_street_files(street_files(tmp_path), lookup=lookup)

    assert counted[str(copy)] == count_police_file(copy, lookup=lookup)


BROKEN = {
    "a byte order mark": lambda b: b"\xef\xbb\xbf" + b,
    "a short row": lambda b: b.replace(b",Burglary,", b",Burglary", 1),
    "latin-1 in a column not counted": lambda b: b.replace(b"On or near", b"On or n\xe9ar", 1),
    "another month": lambda b: b.replace(b",2018-03,", b",2018-04,", 1),
    "an unknown crime type": lambda b: b.replace(b",Burglary,", b",Burgling,", 1),
    "no crime type": lambda b: b.replace(b",Burglary,", b",,", 1),
    "no month": lambda b: b.replace(b",2018-03,", b",,", 1),
}


@pytest.mark.parametrize("problem", BROKEN)
def test_a_file_duckdb_cannot_vouch_for_is_left_out(problem, tmp_path, lookup):
    name = "2018-03-bedfordshire-street.csv"
    path = tmp_path / name
    path.write_bytes(BROKEN[problem]((POLICE_UK / name).read_bytes()))
    shutil.copy(POLICE_UK / STREET_FILES[1], tmp_path)

    counted = count_street_files(street_files(tmp_path), lookup=lookup)

    assert str(path) not in counted
    assert (problem == "a short row") == (str(tmp_path / STREET_FILES[1]) not in counted)


@pytest.mark.parametrize("problem", [p for p in BROKEN if p != "a byte order mark"])
def test_a_broken_file_is_refused_with_the_python_readers_message(problem, tmp_path, lookup):
    name = "2018-03-bedfordshire-street.csv"
    path = tmp_path / name
    path.write_bytes(BROKEN[problem]((POLICE_UK / name).read_bytes()))
    with pytest.raises(PoliceUkError) as alone:
        count_police_file(path, lookup=lookup)

    with pytest.raises(PoliceUkError) as among_others:
        list(count_police_files([tmp_path], lookup=lookup))

    assert (among_others.value.file, among_others.value.line, among_others.value.reason) == (
        alone.value.file,
        alone.value.line,
        alone.value.reason,
    )
