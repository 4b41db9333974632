"""Benchmark: count street-level crimes per force, month and crime type, ours against DuckDB.

    .venv/bin/python bench/police_uk_generate.py /tmp/police-uk-year
    .venv/bin/python bench/police_uk_import.py /tmp/police-uk-year [--workers 1 2] [--repeat 3]

Both read every `*-street.csv` under DIR. Ours is timed twice: the reader alone
(planwatch.performance.police_uk, which also validates every row and counts per district and
charged crimes), and the whole `planwatch import-police-uk DIR` command as a user runs it, in a
fresh process (Django's start-up included) writing the observations to a new SQLite database
migrated and given the areas beforehand (not timed: about 5 s, which this script used to count
as the import's); its time, CPU and peak memory are the command's own. DuckDB runs
`read_csv` and a GROUP BY on all cores, once with the columns given (the reference: no sniffing) and
once left to sniff the files as a casual user would. Each run is a fresh child process, so its peak
memory (ru_maxrss) is its own; with workers, the largest process is shown too. The runs take
turns, best and median wall time are shown, and CPU time (all threads and processes) of the best
run. The totals of both must agree. Prints a table; asserts nothing about speed.
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

from planwatch.performance.police_uk.schema import STREET_HEADER  # noqa: E402

LOOKUP = (
    Path(__file__).resolve().parent.parent.parent
    / "shared/data/reference/lad16-csp16-pfa16-lookup.csv"
)
STREET_COLUMNS = STREET_HEADER  # the same header the reader checks


def run_ours(folder: str, workers: int) -> dict[tuple[str, str, str], int]:
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
                totals[counts.force, counts.month, crime] = n
    return totals


def run_command(folder: str, workers: int) -> tuple[dict[tuple[str, str, str], int], dict]:
    """Time `planwatch import-police-uk` as a user runs it: a fresh process on a new SQLite
    database, already migrated and with the areas loaded (not timed). Read the force figures
    back, and return them with the command's own wall time, CPU time and peak memory."""
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
    rows = Observation.objects.filter(
        area__kind="force", indicator__source="data.police.uk street-level crime"
    ).exclude(indicator__code__in=["crime-all-excl-asb", "charge-summons-share"])
    totals = {
        (force, month, name): int(value)
        for force, month, name, value in rows.values_list(
            "area__police_uk_id", "period", "indicator__name", "value"
        )
        if value
    }
    own = {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
    }
    return totals, own


def run_duckdb(folder: str, *, sniff: bool = False) -> dict[tuple[str, str, str], int]:
    import duckdb

    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in STREET_COLUMNS) + "}"
    options = f"header = true, auto_detect = false, delim = ',', quote = '\"', columns = {columns}"
    query = f"""
        SELECT regexp_extract(filename, '[0-9]{{4}}-[0-9]{{2}}-(.+)-street[.]csv$', 1) AS force,
               "Month", "Crime type", count(*)
        FROM read_csv($files, {"" if sniff else options + ","} filename = true)
        GROUP BY ALL
    """  # noqa: S608 (no input in it: the files are a parameter)
    with duckdb.connect() as connection:
        rows = connection.execute(query, {"files": f"{folder}/**/*-street.csv"}).fetchall()
    return {(f, m, c): n for f, m, c, n in rows}


def child(engine: str, folder: str, workers: int) -> None:
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    if engine == "command":
        totals, figures = run_command(folder, workers)
    else:
        if engine == "ours":
            totals = run_ours(folder, workers)
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
                "rows": sum(totals.values()),
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


def _figures(run: dict, duck: dict) -> tuple[str, ...]:
    return (
        f"{run['rows']:,}",
        f"{run['best']:.2f}",
        f"{run['median']:.2f}",
        f"{run['best'] / duck['best']:.2f}",
        f"{run['cpu']:.2f}",
        f"{run['peak_mb']:.0f}",
    )


def print_row(*cells: str) -> None:
    widths = (24, 11, 8, 10, 10, 7, 9, 11)
    cells = (
        cells[0].ljust(widths[0]),
        *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)),
    )
    print("".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--child", choices=["ours", "command", "duckdb", "duckdb-sniffed"], help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(args.child, str(args.folder), args.workers[0])
        return

    files = list(args.folder.rglob("*-street.csv"))
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} street files, {size:,.0f} MB under {args.folder}, {os.cpu_count()} CPUs")
    print_row("engine", "rows", "best s", "median s", "x DuckDB", "CPU s", "peak MB", "worker MB")
    engines = [("duckdb", 1), ("duckdb-sniffed", 1)]
    engines += [("ours", workers) for workers in sorted(set(args.workers))]
    engines += [("command", workers) for workers in sorted(set(args.workers))]
    results = measure(engines, args.folder, args.repeat)
    duck = results[("duckdb", 1)]
    for (engine, workers), run in results.items():
        if engine in ("ours", "command"):
            label = "reader" if engine == "ours" else "import-police-uk"
            label += f", {workers} process" + ("es" if workers > 1 else "")
        else:
            label = "DuckDB, sniffing" if engine == "duckdb-sniffed" else "DuckDB, columns given"
        worker_mb = f"{run['worker_peak_mb']:.0f}" if workers > 1 else ""
        print_row(label, *_figures(run, duck), worker_mb)
        if run["totals"] != duck["totals"]:
            sys.exit(f"{label}: the totals differ from DuckDB's")
    print("totals per force, month and crime type agree; x DuckDB = best time / DuckDB's best")


if __name__ == "__main__":
    main()
