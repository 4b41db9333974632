"""The data.police.uk reader over many files: folders and zips give the same counts as
the single files, in order of month, force and kind, with one worker or two, reporting
progress; the same file twice and damaged archives are refused."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from planwatch.performance.police_uk import (
    OUTCOMES,
    STREET,
    FileCounts,
    PoliceUkError,
    count_police_file,
    count_police_files,
    find_police_files,
)
from tests.performance.police_files import OUTCOMES_EXCERPT, POLICE_UK, STREET_FILES, without_source


def by_file(results) -> dict[tuple[str, str, str], FileCounts]:
    return {(c.kind, c.force, c.month): without_source(c) for c in results}


@pytest.fixture
def single_file_counts(lookup):
    return by_file(count_police_file(POLICE_UK / name, lookup=lookup) for name in STREET_FILES)


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
