"""Read a survey export (CSV or XLSX: one row per respondent, one column per question) into
questions and answers, keeping no personal data. No Django here.

Each column is a choice, a multiple choice (options separated by ";"), free text, the
respondent's district or age band, or personal data. Columns given in the mapping take that
kind; the rest are recognised by their heading (district, ward, age) or, failing that, by their
answers (";" in many: multiple choice; many different or long answers: free text; else choice).
Personal columns (names, email, phone, address, postcode, IP address, respondent or user ids)
are dropped whatever the mapping says, and email addresses and phone numbers written in any
answer are blanked; the result says what was dropped and blanked. Every bad row is reported with
its row and column, and then nothing is imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from planwatch.delivery.spreadsheet import Cell, SpreadsheetError

CHOICE, MULTI, TEXT, DISTRICT, AGE_BAND = "choice", "multi", "text", "district", "age_band"
KINDS = (CHOICE, MULTI, TEXT, DISTRICT, AGE_BAND)
SEPARATOR = ";"
PERSONAL = re.compile(
    r"\b(name|first name|surname|last name|full name|e-?mail|phone|telephone|mobile|address|"
    r"post ?code|ip( address)?|respondent id|user id|userid|contact details|signature|"
    r"date of birth|dob)\b",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(\+44\s?|0)(\d[\s-]?){9,10}(?!\d)")
AGE = re.compile(
    r"^(\d{1,2}\s?(-|–|to)\s?\d{1,2}|\d{1,2}\s?\+|under \d{1,2}|\d{1,2} and over"
    r"|prefer not to say)$",
    re.IGNORECASE,
)
MAX_CHOICE = 200
MAX_TEXT = 5000


@dataclass(frozen=True)
class Column:
    index: int
    heading: str
    kind: str


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    district: str
    age_band: str
    answers: tuple[tuple[int, str], ...]  # (column index, value), one per option for multi


@dataclass
class ParsedSurvey:
    columns: list[Column]
    rows: list[Row]
    dropped: list[str] = field(default_factory=list)
    blanked: int = 0  # email addresses and phone numbers blanked in free text


def _text(cell: Cell) -> str:
    return cell.isoformat() if not isinstance(cell, str) else cell.strip()


def _guess(heading: str, values: list[str]) -> str:
    lowered = heading.lower()
    if re.search(r"\b(district|ward|borough|area you live)\b", lowered):
        return DISTRICT
    if re.search(r"\bage\b", lowered):
        return AGE_BAND
    answered = [v for v in values if v]
    if not answered:
        return CHOICE
    if sum(SEPARATOR in v for v in answered) >= max(1, len(answered) // 10):
        return MULTI
    if len(set(answered)) > 30 or sum(map(len, answered)) / len(answered) > 40:
        return TEXT
    return CHOICE


def read_survey(
    records: list[list[Cell]], mapping: Mapping[str, str] | None = None
) -> ParsedSurvey:
    """Questions and answers from a sheet's records (header first); raise SpreadsheetError with
    every bad row ("row N, column X: reason") when any is bad."""
    if not records or not any(_text(c) for c in records[0]):
        raise SpreadsheetError(["The file has no header row."])
    headings = [_text(c) for c in records[0]]
    given = {k.strip(): v for k, v in (mapping or {}).items()}
    mapping = {k.lower(): v for k, v in given.items()}
    unknown = sorted(k for k in given if k.lower() not in {h.lower() for h in headings})
    errors = [f"The mapping names a column the file does not have: {name!r}." for name in unknown]
    errors += [f"{kind!r} is not a kind of column." for kind in set(mapping.values()) - set(KINDS)]
    body = [r for r in records[1:] if any(_text(c) for c in r)]
    numbers = [i for i, r in enumerate(records[1:], start=2) if any(_text(c) for c in r)]
    columns, dropped = [], []
    for index, heading in enumerate(headings):
        if not heading:
            if any(index < len(r) and _text(r[index]) for r in body):
                errors.append(f"Column {index + 1} has answers but no heading.")
            continue
        if PERSONAL.search(heading):
            dropped.append(heading)
            continue
        values = [_text(r[index]) if index < len(r) else "" for r in body]
        kind = mapping.get(heading.lower()) or _guess(heading, values)
        columns.append(Column(index, heading, kind))
    for kind in (DISTRICT, AGE_BAND):
        if sum(c.kind == kind for c in columns) > 1:
            errors.append(f"Only one column can be the respondent's {kind.replace('_', ' ')}.")
    rows, blanked = [], 0
    for number, record in zip(numbers, body, strict=True):
        if len(record) > len(headings) and any(_text(c) for c in record[len(headings) :]):
            errors.append(f"row {number}: {len(record)} cells where the header has {len(headings)}")
            continue
        row, found = _row(number, record, columns, errors)
        rows.append(row)
        blanked += found
    if errors:
        raise SpreadsheetError(
            errors[:50] + ([f"... and {len(errors) - 50} more"] if len(errors) > 50 else [])
        )
    return ParsedSurvey(columns, rows, dropped, blanked)


def _row(
    number: int, record: list[Cell], columns: list[Column], errors: list[str]
) -> tuple[Row, int]:
    district = age = ""
    answers: list[tuple[int, str]] = []
    blanked = 0
    for column in columns:
        value = _text(record[column.index]) if column.index < len(record) else ""
        if not value:
            continue
        # Whatever the column: an email address or phone number someone wrote is not kept.
        value, emails = EMAIL.subn("[email removed]", value)
        value, phones = PHONE.subn("[phone number removed]", value)
        blanked += emails + phones
        where = f"row {number}, column {column.heading!r}"
        if column.kind == DISTRICT:
            district = value[:120]
        elif column.kind == AGE_BAND:
            if not AGE.match(value):
                errors.append(
                    f"{where}: {value[:40]!r} is not an age band (for example 25-34, 75+)"
                )
            age = value[:20]
        elif column.kind == TEXT:
            if len(value) > MAX_TEXT:
                errors.append(f"{where}: longer than {MAX_TEXT} characters")
            answers.append((column.index, value))
        else:
            options = (
                [o.strip() for o in value.split(SEPARATOR)] if column.kind == MULTI else [value]
            )
            for option in filter(None, options):
                if len(option) > MAX_CHOICE:
                    errors.append(
                        f"{where}: an answer this long is free text; map the column as text"
                    )
                answers.append((column.index, option))
    return Row(number, district, age, tuple(answers)), blanked
