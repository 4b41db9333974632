"""The real data.police.uk files the reader tests count, and how they compare counts.

The files are in the shared data folder: four street files, and excerpts of an outcomes file
and a stop-and-search file.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from planwatch.performance.police_uk import FileCounts

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


def without_source(counts: FileCounts) -> FileCounts:
    return dataclasses.replace(counts, source="")
