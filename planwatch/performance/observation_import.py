"""`planwatch import-observations FILE`: figures from a CSV or XLSX file, all or nothing."""

from __future__ import annotations

import math
from pathlib import Path

from planwatch.accounts.models import User
from planwatch.delivery.spreadsheet import SpreadsheetError, read_records
from planwatch.performance.models import ImportRun
from planwatch.performance.periods import parse_period
from planwatch.performance.services import Figure, area_lookup, indicator_lookup, observations_write

COLUMNS = ("indicator", "area", "period", "value", "numerator", "denominator")
REQUIRED = ("indicator", "area", "period", "value")
EXAMPLE = Path(__file__).with_name("observations-example.csv")


def _number(text: str, column: str, error) -> float | None:
    text = str(text).strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        error(column, f"{text!r} is not a number.")
        return None
    if not math.isfinite(number):
        error(column, f"{text!r} is not a number.")
        return None
    return number


def read_figures(path: Path | str) -> tuple[list[Figure], int]:
    """Check every row; raise SpreadsheetError listing each problem by row and column."""
    records = read_records(path)
    if not records:
        raise SpreadsheetError([f"{Path(path).name} is empty."])
    header = [str(cell).strip().lower() for cell in records[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise SpreadsheetError([f"row 1: missing column(s) {', '.join(missing)}."])
    where = {column: header.index(column) for column in COLUMNS if column in header}
    indicators, areas = indicator_lookup(), area_lookup()
    errors: list[str] = []
    figures: list[Figure] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(str(cell).strip() for cell in record):
            continue

        def cell(column: str, record=record) -> str:
            index = where.get(column)
            return str(record[index]).strip() if index is not None and index < len(record) else ""

        def error(column: str, reason: str, number=number) -> None:
            errors.append(f"row {number}, column {column}: {reason}")

        indicator = indicators.get(cell("indicator"))
        if indicator is None:
            error("indicator", f"no indicator has the code {cell('indicator')!r}.")
        area = areas.get(cell("area").lower())
        if area is None:
            error("area", f"no area has the code {cell('area')!r}.")
        try:
            period = parse_period(cell("period"))
        except ValueError as problem:
            error("period", f"{problem}.")
            period = None
        value = _number(cell("value"), "value", error)
        if value is None and cell("value") == "":
            error("value", "a value is required.")
        numerator = _number(cell("numerator"), "numerator", error)
        denominator = _number(cell("denominator"), "denominator", error)
        if denominator is not None and denominator <= 0:
            error("denominator", "the denominator must be more than 0.")
        if (numerator is None) != (denominator is None):
            error("numerator" if numerator is None else "denominator", "give both or neither.")
        if indicator and area and period and value is not None:
            figures.append(Figure(indicator.pk, area.pk, period, value, numerator, denominator))
    if errors:
        raise SpreadsheetError(errors)
    return figures, len(records) - 1


def observations_import_file(*, path: Path | str, by: User | None) -> ImportRun:
    figures, rows = read_figures(path)
    return observations_write(
        figures=figures, kind="file", sources=[Path(path).name], by=by, rows_read=rows
    )
