"""Populations of areas, for rates per 1,000 people: `planwatch populations-load FILE`.

The file (CSV or XLSX) has the columns ``area`` (an ONS code or a data.police.uk force id)
and ``population`` (a positive whole number), and may have ``source``; other columns, such
as a name to help the reader, are ignored. It is loaded all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from planwatch.accounts.models import User
from planwatch.delivery.spreadsheet import SpreadsheetError, read_records
from planwatch.performance.areas import areas_by_key
from planwatch.performance.models import Area
from planwatch.performance.services import require_manager
from planwatch.recorded import save_recorded

REQUIRED = ("area", "population")
CENSUS_2011 = Path(__file__).with_name("populations-2011-census.csv")
WHOLE_NUMBER = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$")
# Well above the United Kingdom's: a bigger figure is a slip, and would not fit every database.
LARGEST = 100_000_000
SOURCE_LENGTH = Area._meta.get_field("population_source").max_length or 200


@dataclass(frozen=True)
class PopulationRow:
    area: Area
    population: int
    source: str


def parse_population(text: str) -> int | None:
    """`615061` or `615,061` -> 615061; None unless a whole number above 0."""
    text = text.strip()
    if not WHOLE_NUMBER.match(text):
        return None
    number = int(text.replace(",", ""))
    return number if number > 0 else None


def read_populations(path: Path | str, *, source: str = "") -> list[PopulationRow]:
    """Check every row; raise SpreadsheetError listing each problem by row and column.

    A row's own source wins; *source* stands in where the file gives none.
    """
    records = read_records(path)
    if not records:
        raise SpreadsheetError([f"{Path(path).name} is empty."])
    header = [str(cell).strip().lower() for cell in records[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise SpreadsheetError([f"row 1, column {column}: missing." for column in missing])
    where = {column: header.index(column) for column in (*REQUIRED, "source") if column in header}

    def cell(record: list, column: str) -> str:
        index = where.get(column)
        return str(record[index]).strip() if index is not None and index < len(record) else ""

    keys = [cell(record, "area") for record in records[1:]]
    areas = areas_by_key(keys)
    errors: list[str] = []
    rows: list[PopulationRow] = []
    first_row: dict[int, int] = {}
    for number, record in enumerate(records[1:], start=2):
        if not any(str(value).strip() for value in record):
            continue

        def error(column: str, reason: str, number: int = number) -> None:
            errors.append(f"row {number}, column {column}: {reason}")

        key, text = cell(record, "area"), cell(record, "population")
        area = areas.get(key.lower())
        if not key:
            error("area", "an area is required.")
        elif area is None:
            error("area", f"no area has the ONS code or force id {key!r}.")
        elif area.pk in first_row:
            first = first_row[area.pk]
            error("area", f"{area.name} ({area.code}) is given already, in row {first}.")
        else:
            first_row[area.pk] = number
        population = parse_population(text)
        if population is None:
            error("population", f"{text!r} is not a positive whole number.")
        elif population > LARGEST:
            error("population", f"{text!r} is more than {LARGEST:,}: is it a slip?")
        row_source = cell(record, "source") or source.strip()
        if len(row_source) > SOURCE_LENGTH:
            error("source", f"the source is longer than {SOURCE_LENGTH} characters.")
        if area is not None and population is not None:
            rows.append(PopulationRow(area, population, row_source))
    if errors and not Area.objects.exists():
        errors.append("No areas are loaded: load them first with planwatch areas-load.")
    if errors:
        raise SpreadsheetError(errors)
    return rows


@transaction.atomic
def populations_load(*, path: Path | str, source: str = "", by: User | None) -> dict[str, int]:
    """Set the population of each area in the file; the same file loaded twice changes nothing.

    Returns how many areas were changed and how many already had that population and source.
    """
    require_manager(by)
    rows = read_populations(path, source=source)
    counts = {"changed": 0, "unchanged": 0}
    for row in rows:
        area = row.area
        if (area.population, area.population_source) == (row.population, row.source):
            counts["unchanged"] += 1
            continue
        area.population, area.population_source = row.population, row.source
        save_recorded(area, by, f"Population from {Path(path).name}")
        counts["changed"] += 1
    return counts
