"""The ONS district lookup, and the district an LSOA name belongs to."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .schema import District

_LOOKUP_COLUMNS = ("LAD16CD", "LAD16NM", "CSP16CD", "CSP16NM", "PFA16CD")
# LSOA names are a district name and a code: "Bedford 004D", "South Cambridgeshire 012C".
_LSOA_CODE_SUFFIX = re.compile(r" [0-9]{3}[A-Z]\Z")
# data.police.uk ids whose force names do not simply slugify to them.
POLICE_UK_IDS = {"Metropolitan Police": "metropolitan", "London, City of": "city-of-london"}


def load_district_lookup(path: str | Path) -> dict[str, District]:
    """Read the ONS LAD16 -> CSP16 -> PFA16 lookup CSV, keyed by lower-case district name.

    The file's first header carries a UTF-8 byte order mark, which `utf-8-sig` removes.
    """
    with open(path, encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        missing = [column for column in _LOOKUP_COLUMNS if column not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: the district lookup has no column {', '.join(missing)}")
        return {
            row["LAD16NM"].strip().lower(): District(*(row[c].strip() for c in _LOOKUP_COLUMNS))
            for row in reader
        }


def district_name(lsoa_name: str) -> str:
    """The district part of an LSOA name: "Bedford 004D" -> "Bedford"."""
    return _LSOA_CODE_SUFFIX.sub("", lsoa_name)


def police_uk_id(force_name: str) -> str:
    """`Avon and Somerset` -> `avon-and-somerset`, as data.police.uk names forces."""
    if force_name in POLICE_UK_IDS:
        return POLICE_UK_IDS[force_name]
    return re.sub(r"[^a-z0-9]+", "-", force_name.lower().replace("&", "and")).strip("-")
