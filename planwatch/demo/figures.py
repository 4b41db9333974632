"""Real figures for the demo: the ONS areas and the data.police.uk files of ../shared/data."""

from __future__ import annotations

from pathlib import Path

from planwatch.performance.areas import areas_load
from planwatch.performance.models import Area
from planwatch.performance.police_uk_import import police_uk_import

LOOKUP = Path("reference") / "lad16-csp16-pfa16-lookup.csv"
POLICE_UK = Path("police-uk")


def demo_areas(data: Path) -> bool:
    """Load the force areas, partnerships and districts unless some are loaded already; False
    when the folder has no lookup."""
    if not (data / LOOKUP).is_file():
        return False
    if not Area.objects.exists():
        areas_load(path=data / LOOKUP, by=None)
    return True


def demo_figures(data: Path) -> str:
    """Import the data.police.uk files in the folder (importing again changes nothing)."""
    if not (data / POLICE_UK).is_dir():
        return f"No data.police.uk files in {data}: the data pack has no figures."
    run, figures = police_uk_import(paths=[data / POLICE_UK], by=None)
    return (
        f"Imported {figures.rows:,} data.police.uk rows from {len(figures.files)} files "
        f"({run.created:,} figures created)."
    )
