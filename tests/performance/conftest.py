"""Fixtures for the data.police.uk reader tests: the district lookup and a folder of
monthly downloads made of the real files."""

from __future__ import annotations

import shutil

import pytest

from planwatch.performance.police_uk import load_district_lookup
from tests.performance.police_files import LOOKUP, OUTCOMES_EXCERPT, POLICE_UK, STREET_FILES


@pytest.fixture(scope="module")
def lookup():
    return load_district_lookup(LOOKUP)


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
