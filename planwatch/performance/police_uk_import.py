"""Turn data.police.uk downloads into monthly observations per force, partnership and district.

The reader (planwatch.performance.police_uk) counts each file; this module decides which
figures those counts become and writes them in one transaction, so a refused file leaves
nothing behind. Each figure comes from exactly one file: a force's own file gives the force's
figures and those of the districts and partnerships inside the force area (rows the force
recorded elsewhere count for the force only). Importing files in any order, or twice, gives
the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from planwatch.accounts.models import User
from planwatch.performance.models import Area, AreaKind, ImportRun, Indicator, Polarity, Unit
from planwatch.performance.periods import parse_period
from planwatch.performance.police_uk import (
    ALL_CRIME_EXCLUDING_ASB,
    CRIME_TYPES,
    OUTCOMES,
    STOP_AND_SEARCH,
    District,
    FileCounts,
    PoliceUkError,
    count_police_files,
)
from planwatch.performance.police_uk.schema import CHARGE_OR_SUMMONS_OUTCOMES
from planwatch.performance.police_uk.sources import ProgressCallback
from planwatch.performance.services import observation_values_write, require_manager
from planwatch.recorded import save_recorded

CRIME_PREFIX = "crime-"
ALL_CRIME_CODE = "crime-all-excl-asb"
CHARGED_CODE = "charge-summons-share"
OUTCOMES_CODE = "outcomes-recorded"
OUTCOMES_CHARGED_CODE = "outcomes-charge-or-summons"
SEARCHES_CODE = "stop-and-search"
STREET_SOURCE = "data.police.uk street-level crime"


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    unit: str
    polarity: str
    source: str


@cache
def crime_code(crime_type: str) -> str:
    """`Violence and sexual offences` -> `crime-violence-and-sexual-offences` (called for every
    figure, of which there are a few kinds only: hence the cache)."""
    if crime_type == ALL_CRIME_EXCLUDING_ASB:
        return ALL_CRIME_CODE
    return CRIME_PREFIX + slugify(crime_type)


SPECS = {
    spec.code: spec
    for spec in [
        *(
            IndicatorSpec(crime_code(t), t, Unit.COUNT, Polarity.LOWER, STREET_SOURCE)
            for t in sorted(CRIME_TYPES | {ALL_CRIME_EXCLUDING_ASB})
        ),
        IndicatorSpec(
            CHARGED_CODE,
            "Crimes whose last outcome is a charge or summons",
            Unit.PERCENTAGE,
            Polarity.HIGHER,
            STREET_SOURCE,
        ),
        IndicatorSpec(
            OUTCOMES_CODE,
            "Outcomes recorded",
            Unit.COUNT,
            Polarity.NEITHER,
            "data.police.uk outcomes",
        ),
        IndicatorSpec(
            OUTCOMES_CHARGED_CODE,
            "Outcomes recorded that are a charge or summons",
            Unit.COUNT,
            Polarity.HIGHER,
            "data.police.uk outcomes",
        ),
        IndicatorSpec(
            SEARCHES_CODE, "Stop and searches", Unit.COUNT, Polarity.NEITHER, "data.police.uk"
        ),
    ]
}


class PoliceUkImportError(ValueError):
    """Nothing was imported: a file was refused, or the areas it needs are not loaded."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.file, self.line = file, line


@dataclass(frozen=True)
class Figures:
    """Figures by (indicator code, area id, month), with the numerator and denominator of
    proportions, and what was read."""

    values: dict[tuple[str, int, str], tuple[float, float | None, float | None]]
    files: list[str]
    rows: int
    unmatched_lsoa_rows: int


class _Areas:
    """The areas already loaded (planwatch areas-load), and the district lookup built from them."""

    def __init__(self) -> None:
        areas = list(Area.objects.select_related("parent__parent"))
        self.forces = {a.police_uk_id: a for a in areas if a.kind == AreaKind.FORCE}
        self.by_code = {a.code: a for a in areas}
        self.districts_of: defaultdict[int, list[Area]] = defaultdict(list)
        self.lookup: dict[str, District] = {}
        for area in areas:
            csp = area.parent
            if area.kind != AreaKind.DISTRICT or csp is None or csp.parent is None:
                continue
            self.districts_of[csp.parent.pk].append(area)
            self.lookup[area.name.lower()] = District(
                area.code, area.name, csp.code, csp.name, csp.parent.code
            )

    def force(self, counts: FileCounts) -> Area:
        force = self.forces.get(counts.force)
        if force is None:
            raise PoliceUkImportError(
                f"{counts.source}: the force {counts.force!r} is not a known police force area; "
                "load the areas first (planwatch areas-load)",
                file=counts.source,
            )
        return force


def _street_figures(counts: FileCounts, areas: _Areas, out: dict) -> None:
    force = areas.force(counts)
    districts = areas.districts_of[force.pk]
    csps = {d.parent.pk: d.parent for d in districts}  # type: ignore[union-attr]
    # A force's file is its whole month: a crime type it does not mention is a count of 0.
    place_codes = [(force.pk, counts.force), *((d.pk, d.code) for d in districts)]
    totals: dict[int, dict[str, int]] = {}
    for area_id, key in place_codes:
        totals[area_id] = {
            category: counts.counts.get((key, category), 0)
            for category in (*CRIME_TYPES, ALL_CRIME_EXCLUDING_ASB)
        }
        totals[area_id]["charged"] = counts.charged.get(key, 0)
    for csp in csps.values():
        members = [d.pk for d in districts if d.parent_id == csp.pk]
        totals[csp.pk] = {key: sum(totals[m][key] for m in members) for key in totals[force.pk]}
    for area_id, figures in totals.items():
        for category in (*CRIME_TYPES, ALL_CRIME_EXCLUDING_ASB):
            out[crime_code(category), area_id, counts.month] = (figures[category], None, None)
        crimes, charged = figures[ALL_CRIME_EXCLUDING_ASB], figures["charged"]
        if crimes:
            out[CHARGED_CODE, area_id, counts.month] = (100 * charged / crimes, charged, crimes)


def _force_figures(counts: FileCounts, areas: _Areas, out: dict) -> None:
    force = areas.force(counts)
    if counts.kind == OUTCOMES:
        charged = sum(
            n for (_, outcome), n in counts.counts.items() if outcome in CHARGE_OR_SUMMONS_OUTCOMES
        )
        out[OUTCOMES_CODE, force.pk, counts.month] = (counts.rows, None, None)
        out[OUTCOMES_CHARGED_CODE, force.pk, counts.month] = (charged, None, None)
    elif counts.kind == STOP_AND_SEARCH:
        out[SEARCHES_CODE, force.pk, counts.month] = (counts.rows, None, None)


def police_uk_figures(
    paths: Iterable[str | Path],
    *,
    on_progress: ProgressCallback | None = None,
    workers: int = 1,
) -> Figures:
    """Read every file under `paths` and work out the figures; raise PoliceUkImportError at the
    first file that is refused (with its name, line and reason)."""
    areas = _Areas()
    if not areas.forces:
        raise PoliceUkImportError(
            "No police force areas are loaded: run planwatch areas-load with the ONS lookup first"
        )
    out: dict[tuple[str, int, str], tuple[float, float | None, float | None]] = {}
    files, rows, unmatched = [], 0, 0
    try:
        for counts in count_police_files(
            list(paths), lookup=areas.lookup, on_progress=on_progress, workers=workers
        ):
            (_street_figures if counts.kind == "street" else _force_figures)(counts, areas, out)
            files.append(counts.source)
            rows += counts.rows
            unmatched += counts.unmatched_lsoa_rows
    except PoliceUkError as error:
        raise PoliceUkImportError(str(error), file=error.file, line=error.line) from None
    except FileNotFoundError as error:
        raise PoliceUkImportError(f"{error.filename}: no such file or folder") from None
    if not files:
        raise PoliceUkImportError(
            "No data.police.uk files found (names like 2018-03-cambridgeshire-street.csv)"
        )
    return Figures(out, files, rows, unmatched)


def _indicators(codes: set[str], by: User | None) -> dict[str, Indicator]:
    """The indicators by code, creating those that do not exist yet (existing ones are kept as
    officers have set them)."""
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    for code in sorted(codes - found.keys()):
        spec = SPECS[code]
        indicator = Indicator(
            code=code,
            name=spec.name,
            unit=spec.unit,
            polarity=spec.polarity,
            frequency="monthly",
            source=spec.source,
        )
        save_recorded(indicator, by, "Created by a data.police.uk import")
        found[code] = indicator
    return found


@transaction.atomic
def police_uk_import(
    *,
    paths: Iterable[str | Path],
    by: User | None,
    on_progress: ProgressCallback | None = None,
    workers: int = 1,
) -> tuple[ImportRun, Figures]:
    """Import data.police.uk files as observations: all of them, or nothing."""
    require_manager(by)
    figures = police_uk_figures(paths, on_progress=on_progress, workers=workers)
    codes = {code for code, _, _ in figures.values}
    ids = {code: indicator.pk for code, indicator in _indicators(codes, by).items()}
    run = observation_values_write(
        values={(ids[code], area, month): v for (code, area, month), v in figures.values.items()},
        periods={month: parse_period(month) for month in {month for *_, month in figures.values}},
        kind="police.uk",
        sources=figures.files,
        by=by,
        rows_read=figures.rows,
    )
    return run, figures
