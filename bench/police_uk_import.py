"""Benchmark: `planwatch import-police-uk` on a national year against DuckDB doing the same counts.

    .venv/bin/python bench/police_uk_generate.py /tmp/police-uk-year
    .venv/bin/python bench/police_uk_import.py /tmp/police-uk-year [--workers 1 2] [--repeat 3]

Every run reads every `*-street.csv` under DIR. The runs:

- DuckDB, the same counts (the goal's reference): DuckDB's `read_csv` (the columns given, no
  sniffing) and a GROUP BY giving what the import gives per force, district and community safety
  partnership and month: each crime type, all crime excluding anti-social behaviour, and the
  crimes whose last outcome is a charge or summons. Districts come from the LSOA name through the
  ONS lookup, and count only in their own force's file, as the import counts them. It is written
  as fast as we know how: rows grouped by file and district name first, the small result joined
  to the lookup.
- DuckDB, force counts only: the same read and a GROUP BY of force, month and crime type only,
  a subset of the work (no districts, no outcomes); shown for scale.
- DuckDB, sniffing: that subset with the files left to DuckDB's sniffer, as a casual user would.
- The reader alone (planwatch.performance.police_uk), and the whole `planwatch import-police-uk
  DIR` command as a user runs it, in a fresh process (Django's start-up included) writing the
  observations to a new SQLite database migrated and given the areas beforehand (not timed);
  its time, CPU and peak memory are the command's own.

Each run is a fresh child process, so its peak memory (ru_maxrss) is its own; with workers, the
largest process is shown too. The runs take turns; best and median wall time are shown, and CPU
time (all threads and processes) of the best run. The figures must agree: the command's figures
(read back from the database) with DuckDB's same counts in full, and the force counts of every
run with DuckDB's force counts. Prints a table; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planwatch.performance.police_uk.lookup import police_uk_id  # noqa: E402
from planwatch.performance.police_uk.schema import (  # noqa: E402
    ALL_CRIME_EXCLUDING_ASB,
    ANTI_SOCIAL_BEHAVIOUR,
    CHARGE_OR_SUMMONS_OUTCOMES,
    CRIME_TYPES,
    STREET_HEADER,
)

LOOKUP = (
    Path(__file__).resolve().parent.parent.parent
    / "shared/data/reference/lad16-csp16-pfa16-lookup.csv"
)
# DuckDB's read_csv given the street header the reader checks, all text: no sniffing.
READ_OPTIONS = (
    "header = true, auto_detect = false, delim = ',', quote = '\"', columns = {"
    + ", ".join(f"'{c}': 'VARCHAR'" for c in STREET_HEADER)
    + "}"
)
CHARGED = "charged"  # the category of the crimes whose last outcome is a charge or summons
# Figures are keyed (area kind, area: force id or ONS code, month, category).
Totals = dict[tuple[str, str, str, str], int]


def run_ours(folder: str, workers: int) -> Totals:
    from planwatch.performance.police_uk import (
        CRIME_TYPES,
        count_police_files,
        load_district_lookup,
    )

    lookup = load_district_lookup(LOOKUP) if LOOKUP.exists() else None
    totals = {}
    for counts in count_police_files([folder], lookup=lookup, workers=workers):
        for (area, crime), n in counts.counts.items():
            if area == counts.force and crime in CRIME_TYPES:
                totals["force", counts.force, counts.month, crime] = n
    return totals


def run_command(folder: str, workers: int) -> tuple[Totals, dict]:
    """Time `planwatch import-police-uk` as a user runs it: a fresh process on a new SQLite
    database, already migrated and with the areas loaded (not timed). Read its street figures
    back (every area; the charge or summons share as its numerator), and return them with the
    command's own wall time, CPU time and peak memory."""
    import tempfile

    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", PLANWATCH_DEBUG="1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from planwatch.performance.models import Observation

    call_command("migrate", verbosity=0)
    call_command("areas_load", str(LOOKUP), stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.db import connections

    connections.close_all()
    command = [str(Path(sys.executable).parent / "planwatch"), "import-police-uk", folder]
    command += ["--workers", str(workers), "--no-progress"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=sys.stderr)  # noqa: S603
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"import-police-uk failed ({process.returncode})")
    rows = Observation.objects.filter(indicator__source="data.police.uk street-level crime")
    totals = {}
    for kind, force, code, month, name, value, numerator in rows.values_list(
        "area__kind",
        "area__police_uk_id",
        "area__code",
        "period",
        "indicator__name",
        "value",
        "numerator",
    ):
        key = (kind, force if kind == "force" else code, month)
        if numerator is not None:  # the charge or summons share: its numerator is the count
            name, value = CHARGED, numerator
        if value:
            totals[(*key, name)] = int(value)
    own = {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
    }
    return totals, own


def run_duckdb(folder: str, *, sniff: bool = False) -> Totals:
    import duckdb

    query = f"""
        SELECT regexp_extract(filename, '[0-9]{{4}}-[0-9]{{2}}-(.+)-street[.]csv$', 1) AS force,
               "Month", "Crime type", count(*)
        FROM read_csv($files, {"" if sniff else READ_OPTIONS + ","} filename = true)
        GROUP BY ALL
    """  # noqa: S608 (no input in it: the files are a parameter)
    with duckdb.connect() as connection:
        rows = connection.execute(query, {"files": f"{folder}/**/*-street.csv"}).fetchall()
    return {("force", f, m, c): n for f, m, c, n in rows}


def run_duckdb_same(folder: str) -> Totals:
    """DuckDB giving the import's figures: per force, district and partnership."""
    import duckdb

    files = sorted(str(path) for path in Path(folder).rglob("*-street.csv"))
    charged = ", ".join(
        "'" + o.replace("'", "''") + "'" for o in sorted(CHARGE_OR_SUMMONS_OUTCOMES)
    )
    asb = f"crime <> '{ANTI_SOCIAL_BEHAVIOUR}'"
    query = f"""
        WITH counted AS (
            SELECT file_index AS file, "Month" AS month, "Crime type" AS crime,
                   lower(CASE WHEN "LSOA name" GLOB '* [0-9][0-9][0-9][A-Z]'
                              THEN left("LSOA name", -5) ELSE "LSOA name" END) AS district,
                   count(*) AS n,
                   count(*) FILTER ("Last outcome category" IN ({charged})) AS charged
            FROM read_csv($files, {READ_OPTIONS})
            GROUP BY ALL
        )
        SELECT f.force, c.month, c.crime, l.lad, l.csp,
               grouping(c.crime) = 0, grouping(l.lad) = 0, grouping(l.csp) = 0,
               sum(c.n)::BIGINT, (sum(c.n) FILTER ({asb}))::BIGINT,
               (sum(c.charged) FILTER ({asb}))::BIGINT
        FROM counted AS c JOIN files AS f USING (file)
             LEFT JOIN lookup AS l ON l.district = c.district AND l.pfa = f.pfa
        GROUP BY GROUPING SETS (
            (f.force, c.month, c.crime), (f.force, c.month, c.crime, l.lad),
            (f.force, c.month, c.crime, l.csp), (f.force, c.month), (f.force, c.month, l.lad),
            (f.force, c.month, l.csp)
        )
    """  # noqa: S608 (the columns and outcomes are constants; the files are a parameter)
    with duckdb.connect() as connection:
        connection.execute(
            "CREATE TABLE lookup AS SELECT lower(LAD16NM) AS district, LAD16CD AS lad, "
            "CSP16CD AS csp, PFA16NM AS pfa FROM read_csv($lookup, header = true)",
            {"lookup": str(LOOKUP)},
        )
        # Each file's force, and its force area's name in the lookup.
        names = connection.execute("SELECT DISTINCT pfa FROM lookup").fetchall()
        area_name = {police_uk_id(name): name for (name,) in names}
        forces = [Path(path).name[8 : -len("-street.csv")] for path in files]
        connection.execute("CREATE TABLE files (file INTEGER, force VARCHAR, pfa VARCHAR)")
        connection.executemany(
            "INSERT INTO files VALUES (?, ?, ?)",
            [(i, force, area_name.get(force)) for i, force in enumerate(forces)],
        )
        rows = connection.execute(query, {"files": files}).fetchall()
    totals = {}
    for force, month, crime, lad, csp, by_crime, by_lad, by_csp, n, crimes, charged_n in rows:
        kind, area = ("district", lad) if by_lad else ("csp", csp) if by_csp else ("force", force)
        if area is None:
            continue  # rows in no district of the force's own area count for the force only
        if by_crime:
            totals[kind, area, month, crime] = n
        else:
            totals[kind, area, month, ALL_CRIME_EXCLUDING_ASB] = crimes
            totals[kind, area, month, CHARGED] = charged_n
    return {key: n for key, n in totals.items() if n}


def child(engine: str, folder: str, workers: int) -> None:
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    if engine == "command":
        totals, figures = run_command(folder, workers)
    else:
        if engine == "ours":
            totals = run_ours(folder, workers)
        elif engine == "duckdb-same":
            totals = run_duckdb_same(folder)
        else:
            totals = run_duckdb(folder, sniff=engine == "duckdb-sniffed")
        figures = {
            "seconds": time.perf_counter() - started,
            "cpu": _cpu_seconds() - cpu_started,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    print(
        json.dumps(
            {
                **figures,
                "rows": sum(
                    n
                    for (kind, _, _, category), n in totals.items()
                    if kind == "force" and category in CRIME_TYPES
                ),
                "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "totals": sorted([*key, n] for key, n in totals.items()),
            }
        )
    )


def _cpu_seconds() -> float:
    """User and system time of this process, its threads and its finished worker processes."""
    me, workers = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime


def measure(engines: list[tuple[str, int]], folder: Path, repeat: int) -> dict:
    """Run each (engine, workers) `repeat` times, taking turns so that they share any load."""
    runs: dict[tuple[str, int], list[dict]] = {engine: [] for engine in engines}
    for _ in range(repeat):
        for engine, workers in engines:
            command = [sys.executable, __file__, str(folder), "--child", engine]
            command += ["--workers", str(workers)]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            runs[engine, workers].append(json.loads(output))
    results = {}
    for engine, engine_runs in runs.items():
        times = [r["seconds"] for r in engine_runs]
        results[engine] = {
            **min(engine_runs, key=lambda r: r["seconds"]),
            "best": min(times),
            "median": statistics.median(times),
            "peak_mb": max(r["peak_mb"] for r in engine_runs),
            "worker_peak_mb": max(r["worker_peak_mb"] for r in engine_runs),
        }
    return results


def _figures(run: dict, same: dict, force_only: dict) -> tuple[str, ...]:
    return (
        f"{run['rows']:,}",
        f"{run['best']:.2f}",
        f"{run['median']:.2f}",
        f"{run['best'] / same['best']:.2f}",
        f"{run['best'] / force_only['best']:.2f}",
        f"{run['cpu']:.2f}",
        f"{run['peak_mb']:.0f}",
    )


def print_row(*cells: str) -> None:
    widths = (31, 11, 8, 10, 8, 8, 7, 9, 11)
    cells = (
        cells[0].ljust(widths[0]),
        *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)),
    )
    print("".join(cells))


def force_counts(totals: list[list]) -> list[list]:
    """The figures per force, month and crime type: what every run gives."""
    return [t for t in totals if t[0] == "force" and t[3] in CRIME_TYPES]


LABELS = {
    "duckdb-same": "DuckDB, the same counts",
    "duckdb": "DuckDB, force counts only",
    "duckdb-sniffed": "DuckDB, force counts, sniffing",
    "ours": "reader",
    "command": "import-police-uk",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=sorted(LABELS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, str(args.folder), args.workers[0])
        return

    files = list(args.folder.rglob("*-street.csv"))
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} street files, {size:,.0f} MB under {args.folder}, {os.cpu_count()} CPUs")
    print_row(
        "engine", "rows", "best s", "median s", "x same", "x force", "CPU s", "peak MB", "worker MB"
    )
    engines = [("duckdb-same", 1), ("duckdb", 1), ("duckdb-sniffed", 1)]
    engines += [("ours", workers) for workers in sorted(set(args.workers))]
    engines += [("command", workers) for workers in sorted(set(args.workers))]
    results = measure(engines, args.folder, args.repeat)
    same, force_only = results[("duckdb-same", 1)], results[("duckdb", 1)]
    for (engine, workers), run in results.items():
        label = LABELS[engine]
        if engine in ("ours", "command"):
            label += f", {workers} process" + ("es" if workers > 1 else "")
        worker_mb = f"{run['worker_peak_mb']:.0f}" if workers > 1 else ""
        print_row(label, *_figures(run, same, force_only), worker_mb)
        if force_counts(run["totals"]) != force_only["totals"]:
            sys.exit(f"{label}: the counts per force differ from DuckDB's")
        if engine == "command" and run["totals"] != same["totals"]:
            sys.exit(f"{label}: the figures differ from DuckDB's same counts")
    print(
        "The figures agree. x same = best time / the best of DuckDB doing the same counts;"
        " x force = best time / the best of DuckDB counting per force only."
    )


if __name__ == "__main__":
    main()
