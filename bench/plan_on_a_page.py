"""Benchmark: the Plan on a Page (page and PDF) and plan-load for a large Plan.

Run with `make bench` (or `.venv/bin/python bench/plan_on_a_page.py`). Uses a throwaway SQLite
database unless DATABASE_URL is set. Prints timings; asserts nothing.
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
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from planwatch.plans.document import dump_plan_document, parse_plan_document  # noqa: E402
from planwatch.plans.models import Plan  # noqa: E402
from planwatch.plans.selectors import plan_document  # noqa: E402
from planwatch.plans.services import plan_load  # noqa: E402
from planwatch.reporting.plan_on_a_page import plan_on_a_page_pdf  # noqa: E402

THEMES, OBJECTIVES, PRIORITIES, OUTCOMES = 8, 10, 5, 5


def big_plan_yaml() -> str:
    lines = [
        "slug: bench-plan",
        "title: Benchmark Plan",
        "area: Benchshire",
        "force: benchshire",
        "commissioner: B. Mark",
        "starts: 2017-04-01",
        "ends: 2020-03-31",
        "status: published",
        "themes:",
    ]
    for t in range(THEMES):
        lines += [
            f"  - name: Theme {t}",
            f"    aim: The aim of theme {t}, in a sentence.",
            "    outcomes:",
        ]
        lines += [f"      - Outcome {o} of theme {t}" for o in range(OUTCOMES)]
        lines.append("    objectives:")
        for o in range(OBJECTIVES):
            lines += [f"      - text: Objective {o} of theme {t}", "        priorities:"]
            lines += [f"          - Priority {p} of objective {o}" for p in range(PRIORITIES)]
    return "\n".join(lines) + "\n"


def timed(label: str, runs: int, work) -> None:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    print(
        f"{label:<40} median {statistics.median(samples):8.1f} ms"
        f"   min {min(samples):8.1f} ms   runs {runs}"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    text = big_plan_yaml()
    document = parse_plan_document(text)
    parts = THEMES * (1 + OUTCOMES + OBJECTIVES * (1 + PRIORITIES))
    print(f"Plan: {THEMES} themes, {parts} parts in all; database {connection.vendor}")
    timed("parse the YAML document", 20, lambda: parse_plan_document(text))
    timed("plan-load (replace whole Plan)", 5, lambda: plan_load(document=document, by=None))
    plan = Plan.objects.get(slug="bench-plan")
    timed("plan-dump", 10, lambda: dump_plan_document(plan_document(plan)))
    client = Client(HTTP_HOST="localhost")
    assert client.get("/plans/bench-plan/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/plans/bench-plan/")
    print(f"Plan on a Page page: {len(queries)} queries")
    timed("GET /plans/bench-plan/ (anonymous)", 50, lambda: client.get("/plans/bench-plan/"))
    timed(
        "Plan on a Page PDF (WeasyPrint, PDF/UA)",
        3,
        lambda: plan_on_a_page_pdf(plan_document(plan)),
    )


if __name__ == "__main__":
    main()
