"""Benchmark: importing a survey export (CSV and XLSX) of 3,600 and 36,000 respondents, the
shape tests/consultation/exports.py writes (personal columns, district, age band, a single and
a multiple choice, free text), into a throwaway SQLite database (or DATABASE_URL), then the
results page's figures. Prints wall and CPU time with the load average; asserts nothing.

    .venv/bin/python bench/survey_import.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PLANWATCH_SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("PLANWATCH_DEBUG", "0")
WORK = Path(tempfile.mkdtemp())
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from planwatch.consultation.selectors import results  # noqa: E402
from planwatch.consultation.services import survey_import  # noqa: E402
from tests.consultation.exports import rows, write_csv, write_xlsx  # noqa: E402


def timed(label: str, runs: int, work) -> None:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(
        f"{label:<44} wall median {statistics.median(walls):6.2f} s (best {min(walls):5.2f})"
        f"   CPU {statistics.median(cpus):5.2f} s   runs {runs}   load {os.getloadavg()[0]:4.1f}"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    made = iter(range(1_000_000))
    for count in (3_600, 36_000):
        body = rows(count)
        for write, suffix in ((write_csv, "csv"), (write_xlsx, "xlsx")):
            path = write(WORK / f"export-{count}.{suffix}", body)

            def once(path=path) -> None:
                survey_import(path=path, name=f"Bench {next(made)}", by=None)

            timed(f"import {count:,} respondents ({suffix})", 3, once)
        survey, _ = survey_import(path=WORK / f"export-{count}.csv", name=f"R{count}", by=None)
        timed(f"results of {count:,} respondents", 5, lambda s=survey: results(s))


if __name__ == "__main__":
    main()
