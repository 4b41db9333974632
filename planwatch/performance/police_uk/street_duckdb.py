"""Count many street-level files at once with DuckDB: the fast path for a national year.

DuckDB reads the files in strict mode with the columns given (no sniffing) and groups the rows
in C++, about four times as fast as the Python reader. It vouches only for what it has checked:
a file whose first line is not exactly the street header, a row DuckDB cannot parse (a short or
long row, a stray quote), a month other than the file's or an unknown
crime type, or bytes that are not UTF-8 anywhere in the file (DuckDB checks only the columns
it reads; the files are checked in Python at the same time, on another core) all leave the file
to the Python reader, which gives the same counts for a good file
and names the line and the reason for a bad one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import duckdb

from .schema import (
    ALL_CRIME_EXCLUDING_ASB,
    ANTI_SOCIAL_BEHAVIOUR,
    CHARGE_OR_SUMMONS_OUTCOMES,
    CRIME_TYPES,
    STREET,
    STREET_HEADER,
    District,
    FileCounts,
)

_HEADER_LINES = tuple(",".join(STREET_HEADER).encode() + end for end in (b"\r\n", b"\n"))
_COLUMNS = ", ".join(f"'{name}': 'VARCHAR'" for name in STREET_HEADER)
# As lookup.district_name: "Bedford 004D" -> "Bedford", a name without that ending as it is;
# GLOB and left() are cheaper than a regular expression on six million rows. An empty field is NULL.
_TALLY = f"""
    CREATE TEMP TABLE tally AS
    SELECT file_index AS file, "Month" AS month, "Crime type" AS crime,
           CASE WHEN "LSOA name" GLOB '* [0-9][0-9][0-9][A-Z]' THEN left("LSOA name", -5)
                ELSE coalesce("LSOA name", '') END AS district,
           count(*) AS n,
           count(*) FILTER ("Last outcome category" IN (SELECT outcome FROM charged)) AS charged
    FROM read_csv($files, header = true, auto_detect = false, strict_mode = true,
                  delim = ',', quote = '"', escape = '"', columns = {{{_COLUMNS}}})
    GROUP BY ALL
"""  # noqa: S608 (the columns are the fixed header; the files are a parameter)
# One row per file, area and crime type: the force (every row) and each known district.
_AREAS = """
    SELECT t.file, t.crime, grouping(d.lad) = 0 AS by_district, d.lad,
           sum(t.n)::BIGINT, sum(t.charged)::BIGINT
    FROM tally AS t LEFT JOIN districts AS d USING (district)
    GROUP BY GROUPING SETS ((t.file, t.crime), (t.file, t.crime, d.lad))
"""


def street_file_vouched(path: str) -> bool:
    """Whether a file on disk starts with exactly the street header (no byte order mark, no
    quotes): the only files the fast path reads."""
    with open(path, "rb") as file:
        return file.readline() in _HEADER_LINES


def not_utf8(paths: Sequence[str]) -> set[str]:
    """The files that are not wholly UTF-8 text."""
    bad = set()
    for path in paths:
        with open(path, "rb") as file:
            data = file.read()
        if not data.isascii():
            try:
                data.decode()
            except UnicodeDecodeError:
                bad.add(path)
    return bad


def count_street_files(
    files: Sequence[tuple[str, str, str, str]], *, lookup: dict[str, District] | None
) -> dict[str, FileCounts]:
    """Count street files given as (path, source, force, month): FileCounts by path for each
    file DuckDB vouches for, as count_police_file would give; the others are left out."""
    files = [f for f in files if street_file_vouched(f[0])]
    if not files:
        return {}
    with ThreadPoolExecutor(1) as pool, duckdb.connect() as connection:
        # Reading a file releases the GIL and DuckDB holds it only between statements.
        encoding_checked = pool.submit(not_utf8, [path for path, *_ in files])
        connection.execute("CREATE TEMP TABLE charged (outcome VARCHAR)")
        connection.executemany(
            "INSERT INTO charged VALUES (?)", [[o] for o in sorted(CHARGE_OR_SUMMONS_OUTCOMES)]
        )
        try:
            connection.execute(_TALLY, {"files": [path for path, *_ in files]})
        except duckdb.Error:
            return {}  # some file is not well formed: the Python reader says which and where
        rows = connection.execute("SELECT file, month, crime, sum(n) FROM tally GROUP BY ALL")
        refused = {
            index
            for index, month, crime, _ in rows.fetchall()
            if month != files[index][3] or crime not in CRIME_TYPES
        }
        not_text = encoding_checked.result()
        refused |= {index for index, (path, *_) in enumerate(files) if path in not_text}
        names = connection.execute("SELECT DISTINCT district FROM tally").fetchall()
        districts = {name: (lookup or {}).get(name.lower()) for (name,) in names}
        connection.execute("CREATE TEMP TABLE districts (district VARCHAR, lad VARCHAR)")
        known = [(name, d.lad_code) for name, d in districts.items() if d is not None]
        if known:
            connection.executemany("INSERT INTO districts VALUES (?, ?)", known)
        areas = connection.execute(_AREAS).fetchall()
        unmatched = connection.execute(
            "SELECT file, sum(n)::BIGINT FROM tally WHERE district <> '' AND district NOT IN "
            "(SELECT district FROM districts) GROUP BY file"
        ).fetchall()
    return _file_counts(files, areas, dict(unmatched), districts, refused)


def _file_counts(files, areas, unmatched, districts, refused) -> dict[str, FileCounts]:
    counts: defaultdict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    charged: defaultdict[int, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows: defaultdict[int, int] = defaultdict(int)
    for index, crime, by_district, lad, n, charged_n in areas:
        if by_district and lad is None:
            continue  # rows with no location or an LSOA in no known district: the force only
        area = lad if by_district else files[index][2]
        if not by_district:
            rows[index] += n
        file_counts = counts[index]
        file_counts[area, crime] = n
        if crime != ANTI_SOCIAL_BEHAVIOUR:
            key = (area, ALL_CRIME_EXCLUDING_ASB)
            file_counts[key] = file_counts.get(key, 0) + n
            if charged_n:
                charged[index][area] += charged_n
    by_lad = {d.lad_code: d for d in districts.values() if d is not None}
    result = {}
    for index, (path, source, force, month) in enumerate(files):
        if index in refused:
            continue
        file_counts = counts[index]
        seen = {area for area, _ in file_counts} - {force}
        result[path] = FileCounts(
            source,
            STREET,
            force,
            month,
            rows[index],
            file_counts,
            charged=dict(charged[index]),
            unmatched_lsoa_rows=unmatched.get(index, 0),
            districts={lad: by_lad[lad] for lad in seen},
        )
    return result
