"""Turn a file's tally into FileCounts: per force and district for street files."""

from __future__ import annotations

from collections import defaultdict

from .parser import Tally
from .schema import (
    ALL_CRIME_EXCLUDING_ASB,
    ANTI_SOCIAL_BEHAVIOUR,
    CHARGE_OR_SUMMONS_OUTCOMES,
    STREET,
    District,
    FileCounts,
)


def file_counts(
    tally: Tally, *, source: str, force: str, month: str, lookup: dict[str, District] | None
) -> FileCounts:
    """Aggregate a tally; street rows go to the force and, through the lookup, their district."""
    if tally.kind != STREET:
        counts = {(force, key[0]): n for key, n in tally.counts.items()}
        return FileCounts(source, tally.kind, force, month, tally.rows, counts)

    # First drop the outcome to charged or not: far fewer keys for the loop below.
    charged_or_not: defaultdict[tuple[str, str, bool], int] = defaultdict(int)
    for (name, crime, outcome), n in tally.counts.items():
        charged_or_not[name, crime, outcome in CHARGE_OR_SUMMONS_OUTCOMES] += n

    district_of: dict[str, District | None] = {"": None}
    counts: defaultdict[tuple[str, str], int] = defaultdict(int)
    charged: defaultdict[str, int] = defaultdict(int)
    unmatched = 0
    for (name, crime, is_charged), n in charged_or_not.items():
        if name not in district_of:
            district_of[name] = (lookup or {}).get(name.lower())
        district = district_of[name]
        if district is None:
            areas: tuple[str, ...] = (force,)
            unmatched += n if name else 0
        else:
            areas = (force, district.lad_code)
        for area in areas:
            counts[area, crime] += n
            if crime != ANTI_SOCIAL_BEHAVIOUR:
                counts[area, ALL_CRIME_EXCLUDING_ASB] += n
                if is_charged:
                    charged[area] += n
    districts = {d.lad_code: d for d in district_of.values() if d is not None}
    return FileCounts(
        source,
        tally.kind,
        force,
        month,
        tally.rows,
        dict(counts),
        charged=dict(charged),
        unmatched_lsoa_rows=unmatched,
        districts=districts,
    )
