"""The Delivery Plan as a spreadsheet: CSV or XLSX in, CSV or XLSX out. No Django here.

One row per action per period, under these columns (any order, any case)::

    ref, theme, objective, action, lead, due, period, rag, update

Reading checks only the shape of the file; what the cells mean for a Plan is
checked by ``planwatch.delivery.importer``. Row numbers are the ones a
spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("ref", "theme", "objective", "action", "lead", "due", "period", "rag", "update")
SUFFIXES = (".csv", ".xlsx")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

Cell = str | dt.date


class SpreadsheetError(ValueError):
    """A file that cannot be imported, with every problem found, one message each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class SheetRow:
    """One row below the header: its number as the spreadsheet shows it, and its cells."""

    number: int
    cells: Mapping[str, Cell]

    def text(self, column: str) -> str:
        """The cell as stripped text ("" when empty; a date cell as 2018-09-30)."""
        return _text(self.cells.get(column, ""))

    @property
    def is_blank(self) -> bool:
        return not any(self.text(column) for column in self.cells)


def _plain(value: object) -> Cell:
    """A spreadsheet cell as text, or a date for a date cell."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """Stop a spreadsheet reading a cell as a formula: a leading quote makes it text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """Undo ``defuse`` when reading a CSV file back."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def _csv_records(path: Path) -> list[list[Cell]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            [f"{path.name} is not UTF-8 text: save it as 'CSV UTF-8' and try again."]
        ) from None
    try:
        return [
            [restore(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""))
        ]
    except csv.Error as error:
        raise SpreadsheetError([f"{path.name} is not a readable CSV file: {error}."]) from None


def _xlsx_records(path: Path) -> list[list[Cell]]:
    from openpyxl import load_workbook  # imported late: only XLSX files need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # Files from other programs often carry styles openpyxl warns about and ignores.
            warnings.simplefilter("ignore", UserWarning)
            workbook = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError):
        raise SpreadsheetError([f"{path.name} is not a readable XLSX workbook."]) from None
    sheet = workbook.worksheets[0]
    return [
        [_plain(value) for value in values]
        for values in sheet.iter_rows(min_row=1, max_row=max(sheet.max_row, 1), values_only=True)
    ]


def read_records(path: Path | str) -> list[list[Cell]]:
    """Every row of a CSV file or of an XLSX workbook's first sheet, header included."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SpreadsheetError([f"{path.name} must be a .csv or .xlsx file."])
    if not path.is_file():
        raise SpreadsheetError([f"{path} does not exist or is not a file."])
    try:
        return _csv_records(path) if suffix == ".csv" else _xlsx_records(path)
    except OSError as error:
        raise SpreadsheetError([f"{path.name} cannot be read: {error.strerror}."]) from None


def delivery_rows(records: list[list[Cell]]) -> list[SheetRow]:
    """The non-blank rows of a Delivery Plan sheet under its header."""
    return named_rows(records, COLUMNS)


def named_rows(records: list[list[Cell]], columns: tuple[str, ...]) -> list[SheetRow]:
    """The non-blank rows under the header, each cell named by its column (other columns are
    left out). Raises SpreadsheetError naming each missing (or repeated) column.
    """
    if not records or not any(_text(cell) for cell in records[0]):
        raise SpreadsheetError(
            [f"row 1: the header row is empty; it must name the columns {', '.join(columns)}."]
        )
    positions: dict[str, int] = {}
    errors = []
    for index, cell in enumerate(records[0]):
        name = _text(cell).lower()
        if name in positions:
            errors.append(f"row 1, column {name}: the column appears twice in the header row.")
        elif name in columns:
            positions[name] = index
    errors += [
        f"row 1, column {name}: the column is missing from the header row."
        for name in columns
        if name not in positions
    ]
    if errors:
        raise SpreadsheetError(errors)
    rows = []
    for number, record in enumerate(records[1:], start=2):
        cells = {
            name: record[index] if index < len(record) else "" for name, index in positions.items()
        }
        row = SheetRow(number, cells)
        if not row.is_blank:
            rows.append(row)
    return rows


def read_delivery_rows(path: Path | str) -> list[SheetRow]:
    """Read a Delivery Plan spreadsheet (CSV or XLSX)."""
    return delivery_rows(read_records(path))


def _text(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, dt.date) else cell.strip()


def parse_due(cell: Cell) -> dt.date | None:
    """A due date from a date cell, 2018-09-30 or 30/09/2018; None when empty.

    Raises ValueError with a plain reason otherwise.
    """
    if isinstance(cell, dt.date):
        return cell
    text = cell.strip()
    if not text:
        return None
    if match := ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := UK_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(f"{text!r} is not a date written like 2018-09-30 or 30/09/2018")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


def write_delivery_rows(path: Path | str, rows: Iterable[Mapping[str, Cell | None]]) -> None:
    """Write rows under the standard columns: CSV (UTF-8 with a BOM, for Excel) or XLSX."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow([defuse(_text(row.get(name) or "")) for name in COLUMNS])
    elif suffix == ".xlsx":
        _write_xlsx(path, rows)
    else:
        raise SpreadsheetError([f"{path.name} must be a .csv or .xlsx file."])


def _write_xlsx(path: Path, rows: Iterable[Mapping[str, Cell | None]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Delivery Plan"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, name in enumerate(COLUMNS, start=1):
            value = row.get(name) or None
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif cell.data_type == "f":
                # Text such as "=2 officers" is commentary, not a formula to run.
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    workbook.save(path)
