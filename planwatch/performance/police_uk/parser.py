"""Read one data.police.uk CSV file and count its rows by the columns that matter, validating
every row; the first problem raises PoliceUkError.

Most files take a fast path in which only C-level calls touch each row (re.sub, splitlines,
bytes.split, itemgetter, Counter), so Python code runs once per distinct combination of values,
not once per row. A file the fast path cannot vouch for (quotes, a blank line, a short or long
row, a wrong month or crime type, bytes that are not UTF-8) is read again with the csv module,
which gives the same counts for good files and finds the first bad line for the error.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

from .lookup import district_name
from .schema import (
    CRIME_TYPES,
    MONTH_PATTERN,
    OUTCOMES,
    OUTCOMES_HEADER,
    STOP_AND_SEARCH,
    STOP_AND_SEARCH_HEADER,
    STREET,
    STREET_HEADER,
    PoliceUkError,
)

_BOM = b"\xef\xbb\xbf"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LSOA_CODE = re.compile(rb" [0-9]{3}[A-Z](?=,)")  # as in lookup.district_name
_CODE_MARK = b"\0"


@dataclass(frozen=True, slots=True)
class _Layout:
    kind: str
    header: tuple[str, ...]
    month_column: int
    key_columns: tuple[int, ...]
    lsoa_name_column: int | None = None  # counted by district: "Bedford 004D" -> "Bedford"


_LAYOUTS = {
    STREET_HEADER: _Layout(STREET, STREET_HEADER, 1, (8, 9, 10), lsoa_name_column=8),
    OUTCOMES_HEADER: _Layout(OUTCOMES, OUTCOMES_HEADER, 1, (9,)),
    STOP_AND_SEARCH_HEADER: _Layout(STOP_AND_SEARCH, STOP_AND_SEARCH_HEADER, 1, (11,)),
}


@dataclass(frozen=True, slots=True)
class Tally:
    """Rows of one valid file counted by its layout's key columns.

    Street: (district name from the LSOA name, Crime type, Last outcome category); outcomes:
    (Outcome type,); stop and search: (Object of search,).
    """

    kind: str
    rows: int
    counts: dict[tuple[str, ...], int]


def tally_file(data: bytes, *, source: str, month: str) -> Tally:
    """Validate and count the rows of one file whose name gives `month` (YYYY-MM)."""
    start = len(_BOM) if data.startswith(_BOM) else 0
    header_end = data.find(b"\n", start)
    body_start = len(data) if header_end < 0 else header_end + 1
    header_bytes = data[start:body_start].rstrip(b"\r\n")
    if not header_bytes.strip():
        raise PoliceUkError(source, 1, "no header: the file is empty")
    try:
        header_text = header_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PoliceUkError(source, 1, _not_utf8(header_bytes, error)) from None
    layout = _LAYOUTS.get(tuple(next(csv.reader([header_text]))))
    if layout is None:
        reason = f"not a street, outcomes or stop-and-search header: {header_text[:120]!r}"
        raise PoliceUkError(source, 1, reason)

    body = memoryview(data)[body_start:]  # no copy
    bad_encoding = None
    if not (start == 0 and data.isascii()):
        try:
            str(body, "utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, body_start + error.start) + 1
            bad_encoding = (line, _not_utf8(body, error))
    if bad_encoding is None:
        tally = _tally_fast(data, layout, month)
        if tally is not None:
            return tally
    return _tally_slow(str(body, "utf-8", "surrogateescape"), layout, month, source, bad_encoding)


def _not_utf8(data: bytes | memoryview, error: UnicodeDecodeError) -> str:
    return f"not UTF-8 text (byte 0x{data[error.start]:02X}); save the file as UTF-8"


def _tally_fast(data: bytes, layout: _Layout, month: str) -> Tally | None:
    """Count a well-formed file (header included in `data`) without a Python loop over its
    rows; None if it may not be well formed."""
    if b'"' in data:
        return None
    by_district = layout.lsoa_name_column is not None
    if by_district:
        # Swap the code at the end of every LSOA name for a mark in one pass ("Bedford 004D," ->
        # "Bedford\0,"): rows then group by district, far fewer keys than LSOAs. A mark found
        # anywhere but the end of an LSOA name sends the file to the slow path.
        if _CODE_MARK in data:
            return None
        data = _LSOA_CODE.sub(_CODE_MARK, data)
    # Like the csv module, bytes.splitlines ends a line at \r\n, \n or a lone \r.
    lines = data.splitlines()
    del lines[0]
    width, first_key = len(layout.header), layout.key_columns[0]
    # Each row becomes (month, the fields from the first key column on, as one piece).
    row_key = itemgetter(layout.month_column, first_key)
    try:
        raw = Counter(map(row_key, map(bytes.split, lines, repeat(b","), repeat(first_key))))
    except IndexError:  # a row with too few fields, or a blank line
        return None
    months = set(map(itemgetter(0), raw))
    if any(_month_problem(layout, m.decode(), month) for m in months):
        return None
    if len(months) == 1:  # so every tail is a distinct key already
        tails: dict[bytes, int] = dict(zip(map(itemgetter(1), raw), raw.values(), strict=True))
    else:
        tails = Counter()
        for (_, tail), n in raw.items():
            tails[tail] += n
    if set(map(bytes.count, tails, repeat(b","))) - {width - 1 - first_key}:
        return None
    if not tails:
        return Tally(layout.kind, 0, {})

    # Decode and split all the distinct tails at once, then check each column's distinct values.
    key_width = len(layout.key_columns)
    texts = b"\n".join(tails).decode().split("\n")
    rows = list(map(str.split, texts, repeat(","), repeat(key_width)))
    columns = [list(map(itemgetter(i), rows)) for i in range(key_width)]
    if by_district:
        lsoa = layout.key_columns.index(layout.lsoa_name_column)
        names = {name: name.removesuffix("\0") for name in set(columns[lsoa])}
        columns[lsoa] = list(map(names.__getitem__, columns[lsoa]))
        if any("\0" in value for column in columns for value in set(column)):
            return None
    if layout.kind == STREET and set(columns[1]) - CRIME_TYPES:
        return None
    keys = list(zip(*columns, strict=True))
    if len(set(keys)) == len(keys):
        return Tally(layout.kind, len(lines), dict(zip(keys, tails.values(), strict=True)))
    counts: Counter[tuple[str, ...]] = Counter()  # an LSOA name without a code met its district
    for key, n in zip(keys, tails.values(), strict=True):
        counts[key] += n
    return Tally(layout.kind, len(lines), dict(counts))


def _tally_slow(
    text: str, layout: _Layout, month: str, source: str, bad_encoding: tuple[int, str] | None
) -> Tally:
    """Count with the csv module, raising at the first bad line (the header is line 1)."""
    width = len(layout.header)
    reader = csv.reader(io.StringIO(text, newline=""))
    counts: Counter[tuple[str, ...]] = Counter()
    rows, last_line = 0, 1
    try:
        for fields in reader:
            line, last_line = last_line + 1, reader.line_num + 1
            if bad_encoding and bad_encoding[0] <= last_line:
                raise PoliceUkError(source, *bad_encoding)
            if not fields:
                continue
            if len(fields) != width:
                reason = f"{len(fields)} fields where the header has {width}"
                raise PoliceUkError(source, line, reason)
            if layout.lsoa_name_column is not None:
                fields[layout.lsoa_name_column] = district_name(fields[layout.lsoa_name_column])
            key = tuple(fields[column] for column in layout.key_columns)
            month_problem = _month_problem(layout, fields[layout.month_column], month)
            problem = month_problem or _key_problem(layout, key)
            if problem:
                raise PoliceUkError(source, line, problem)
            counts[key] += 1
            rows += 1
    except csv.Error as error:
        raise PoliceUkError(source, reader.line_num + 1, f"malformed CSV: {error}") from None
    if bad_encoding:
        raise PoliceUkError(source, *bad_encoding)
    return Tally(layout.kind, rows, dict(counts))


def _month_problem(layout: _Layout, value: str, month: str) -> str | None:
    column = layout.header[layout.month_column]
    if layout.kind == STOP_AND_SEARCH:
        if value[:7] == month and _DATE.match(value):
            return None
        if not _DATE.match(value):
            return f"{column} {value!r} does not start YYYY-MM-DD"
        return f"{column} {value} is not in the file's month {month}"
    if value == month:
        return None
    if not MONTH_PATTERN.fullmatch(value):
        return f"{column} {value!r} is not YYYY-MM"
    return f"{column} {value} does not match the file's month {month}"


def _key_problem(layout: _Layout, key: tuple[str, ...]) -> str | None:
    if layout.kind == STREET and key[1] not in CRIME_TYPES:
        return f"unknown crime type {key[1]!r}"
    return None
