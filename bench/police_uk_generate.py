"""Generate a national-scale year of data.police.uk street-level files for benchmarking.

    .venv/bin/python bench/police_uk_generate.py /tmp/police-uk-year [--forces 43] [--months 12]

Writes OUTDIR/YYYY-MM/YYYY-MM-<force>-street.csv in the real format (header, CRLF lines, empty
Crime ID and outcome for anti-social behaviour). Each row takes its place (coordinates, street,
real LSOA code and name) from one real row and its crime type and outcome from another, so the
values follow the distributions of the real files in /work/shared/data/police-uk. Deterministic
for a given seed. 43 forces x 12 months x 11,628 rows is about 6 million rows (1.4 GB).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
if not DATA.is_dir():
    DATA = Path("/work/shared/data")
REAL_FILES = sorted((DATA / "police-uk").glob("*-street.csv"))
FORCES_CSV = DATA / "reference" / "forces.csv"
HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
    "LSOA code,LSOA name,Crime type,Last outcome category,Context"
)


def real_rows() -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    """(longitude, latitude, location, LSOA code, LSOA name) and (crime type, outcome) pairs."""
    places, crimes = [], []
    for path in REAL_FILES:
        with open(path, encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                places.append(
                    tuple(
                        row[c]
                        for c in ("Longitude", "Latitude", "Location", "LSOA code", "LSOA name")
                    )
                )
                crimes.append((row["Crime type"], row["Last outcome category"]))
    return places, crimes


def forces(count: int) -> list[tuple[str, str]]:
    """The first `count` territorial forces (id, name); British Transport Police is left out."""
    with open(FORCES_CSV, encoding="utf-8", newline="") as file:
        rows = [(row["id"], row["Label"]) for row in csv.DictReader(file) if row["id"] != "btp"]
    if count > len(rows):
        sys.exit(f"at most {len(rows)} forces")
    return rows[:count]


def months(count: int, first: str = "2018-09") -> list[str]:
    year, month = map(int, first.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def street_file(
    rng: random.Random, month: str, force_name: str, rows: int, places: list, crimes: list
) -> str:
    lines = [HEADER]
    for place, (crime, outcome) in zip(
        rng.choices(places, k=rows), rng.choices(crimes, k=rows), strict=True
    ):
        crime_id = "" if crime == "Anti-social behaviour" else f"{rng.getrandbits(256):064x}"
        lines.append(
            f"{crime_id},{month},{force_name},{force_name},{','.join(place)},{crime},{outcome},"
        )
    lines.append("")
    return "\r\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--forces", type=int, default=43)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--rows-per-file", type=int, default=11_628)
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()

    places, crimes = real_rows()
    rng = random.Random(args.seed)
    total = 0
    for month in months(args.months):
        folder = args.outdir / month
        folder.mkdir(parents=True, exist_ok=True)
        for force_id, force_name in forces(args.forces):
            text = street_file(rng, month, force_name, args.rows_per_file, places, crimes)
            (folder / f"{month}-{force_id}-street.csv").write_bytes(text.encode("utf-8"))
            total += args.rows_per_file
    files = args.forces * args.months
    print(f"wrote {files} files, {total:,} rows under {args.outdir}")


if __name__ == "__main__":
    main()
