"""The data.police.uk reader refuses bad files, naming the file, the line and the reason,
and gives the same counts for harmless variants of a valid file."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from planwatch.performance.police_uk import PoliceUkError, count_police_file, count_police_files
from tests.performance.police_files import (
    POLICE_UK,
    STOP_AND_SEARCH_EXCERPT,
    STREET_FILES,
    without_source,
)


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
