"""Fixtures for the data.police.uk reader tests: the district lookup and a folder of
monthly downloads made of the real files."""

from __future__ import annotations

import shutil

import pytest

from planwatch.performance.models import Area, Indicator
from planwatch.performance.police_uk import load_district_lookup
from tests.performance.packs import write
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


@pytest.fixture
def force(db) -> Area:
    """Northmoor (the demo Plan's force), a partnership and two districts, and a peer force."""
    northmoor = Area.objects.create(
        code="E23900001", name="Northmoor", kind="force", police_uk_id="northmoor"
    )
    partnership = Area.objects.create(
        code="E22900001", name="Northmoor CSP", kind="csp", parent=northmoor
    )
    for code, name in (("E07900001", "Moortown"), ("E07900002", "Fenside")):
        Area.objects.create(code=code, name=name, kind="district", parent=partnership)
    Area.objects.create(code="E23900002", name="Southmoor", kind="force", police_uk_id="southmoor")
    return northmoor


@pytest.fixture
def indicators(published_plan) -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in Indicator.objects.all()}


@pytest.fixture
def march(published_plan, force, indicators):
    """March 2018 against March 2017 in Northmoor; burglary in Southmoor too."""
    write(indicators["crime-burglary"], force, {"2017-03": 400, "2018-03": 500})
    write(indicators["crime-anti-social-behaviour"], force, {"2017-03": 305, "2018-03": 300})
    write(indicators["crime-violence-and-sexual-offences"], force, {"2018-03": 812})
    write(indicators["crime-all-excl-asb"], force, {"2017-03": 1100, "2018-03": 1000})
    write(
        indicators["charge-summons-share"], force, {"2017-03": (80, 1000), "2018-03": (120, 1000)}
    )
    moortown = Area.objects.get(name="Moortown")
    write(indicators["crime-burglary"], moortown, {"2017-03": 150, "2018-03": 151})
    southmoor = Area.objects.get(name="Southmoor")
    write(indicators["crime-burglary"], southmoor, {"2018-03": 321})
    return published_plan
