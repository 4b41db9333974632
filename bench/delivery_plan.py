"""Benchmark: the Delivery Plan with 300 actions over four quarters.

Run with `make bench` (or `.venv/bin/python bench/delivery_plan.py`). Uses a throwaway SQLite
database unless DATABASE_URL is set. Prints timings and query counts; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PLANWATCH_SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("PLANWATCH_DEBUG", "0")
WORK = Path(tempfile.mkdtemp())
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from sheets import write_delivery_sheet  # noqa: E402

from planwatch.accounts.models import User  # noqa: E402
from planwatch.delivery.importer import delivery_import_file  # noqa: E402
from planwatch.delivery.selectors import delivery_plan  # noqa: E402
from planwatch.demo.loader import DEMO_PLAN  # noqa: E402
from planwatch.plans.document import parse_plan_document  # noqa: E402
from planwatch.plans.services import plan_load  # noqa: E402
from planwatch.reporting.delivery_plan import render_delivery_plan  # noqa: E402

ACTIONS, QUARTERS = 300, ("2018-19-q1", "2018-19-q2", "2018-19-q3", "2018-19-q4")
STATUSES = ("Green", "Amber", "Red", "Green", "Complete", "Not started")


def timed(label: str, runs: int, work) -> None:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    print(f"{label:<48} median {statistics.median(samples):8.1f} ms   runs {runs}")


def write_sheet(plan) -> Path:
    def row(n: int, q: int, quarter: str, theme) -> dict[str, str]:
        return {
            "ref": f"A{n + 1}",
            "action": f"Action number {n + 1}",
            "lead": "Head of Partnerships",
            "rag": STATUSES[(n + q) % len(STATUSES)],
            "update": f"Progress in {quarter} on action {n + 1}.",
        }

    return write_delivery_sheet(
        plan, WORK / "delivery.csv", actions=ACTIONS, quarters=QUARTERS, row=row
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    plan, _ = plan_load(document=parse_plan_document(DEMO_PLAN.read_text()), by=None)
    sheet = write_sheet(plan)
    print(f"{ACTIONS} actions x {len(QUARTERS)} quarters; database {connection.vendor}")
    start = time.perf_counter()
    delivery_import_file(plan=plan, path=sheet, by=None)
    took = 1000 * (time.perf_counter() - start)
    print(f"{'delivery-import (first time, 1,200 rows)':<48} {took:8.1f} ms")
    timed(
        "delivery-import again (nothing changes)",
        3,
        lambda: delivery_import_file(plan=plan, path=sheet, by=None),
    )
    period = plan.periods.get(slug=QUARTERS[-1])
    data = delivery_plan(user=None, plan=plan, period=period)
    timed(
        "delivery_plan() selector", 10, lambda: delivery_plan(user=None, plan=plan, period=period)
    )
    for fmt in ("html", "xlsx", "docx", "pdf"):
        timed(
            f"Appendix 1 as {fmt}",
            1 if fmt == "pdf" else 3,
            lambda fmt=fmt: render_delivery_plan(data, fmt),
        )
    client = Client(HTTP_HOST="localhost")
    url = f"/plans/{plan.slug}/delivery/{period.slug}/"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    print(f"Delivery Plan page: {len(queries)} queries")
    timed("GET the Delivery Plan page (anonymous)", 10, lambda: client.get(url))
    officer = User.objects.create_user("bench-officer", role="officer", password="x" * 20)
    client.force_login(officer)
    timed("GET the Delivery Plan page (officer)", 10, lambda: client.get(url))
    timed("GET /review/ (officer, empty queue)", 10, lambda: client.get("/review/"))


if __name__ == "__main__":
    main()
