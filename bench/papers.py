"""Benchmark: the paper "Monitoring the delivery of the Police and Crime Plan" for a Plan with
250 actions reported in two quarters, built from the data and rendered as PDF, DOCX and HTML.

Run with `make bench` (or `.venv/bin/python bench/papers.py`). Uses a throwaway SQLite
database unless DATABASE_URL is set. Prints wall-clock and CPU timings (the machine's load
average beside them, since other work on the machine slows the wall clock); asserts nothing.
"""

from __future__ import annotations

import datetime as dt
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
from django.utils import timezone  # noqa: E402
from sheets import write_delivery_sheet  # noqa: E402

from planwatch.delivery.importer import delivery_import_file  # noqa: E402
from planwatch.demo.loader import DEMO_PLAN  # noqa: E402
from planwatch.governance.models import AgendaItem, Meeting  # noqa: E402
from planwatch.governance.services import (  # noqa: E402
    agenda_item_save,
    bodies_ensure_default,
    meeting_save,
)
from planwatch.papers.render import render  # noqa: E402
from planwatch.papers.render.layout import layout  # noqa: E402
from planwatch.papers.selectors import draft_content  # noqa: E402
from planwatch.papers.services import paper_create, paper_publish  # noqa: E402
from planwatch.plans.document import parse_plan_document  # noqa: E402
from planwatch.plans.services import plan_load  # noqa: E402

ACTIONS, QUARTERS = 250, ("2018-19-q1", "2018-19-q2")
STATUSES = ("Green", "Amber", "Red", "Green", "Complete", "Not started", "Green")
# From one quarter to the next most actions keep their status; some move.
WORSE = {"Green": "Amber", "Amber": "Red", "Not started": "Green"}
BETTER = {"Amber": "Green", "Red": "Amber", "Green": "Complete"}
LEADS = ("Head of Partnerships", "Victims' Services Manager", "Chief Inspector, Local Policing")
COMMENTARY = (
    "Work with partners continues as planned and the milestones for the quarter were met.",
    "Recruitment to the new posts has slipped by two months; a revised plan goes to the "
    "Business Co-ordination Board in November.",
    "The pilot finished in June. The evaluation found fewer repeat calls and the service will be "
    "extended to the rest of the county from April.",
)


def timed(label: str, runs: int, work) -> float:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    load = os.getloadavg()[0]
    print(
        f"{label:<44} wall median {statistics.median(walls):6.2f} s (best {min(walls):5.2f})"
        f"   CPU {statistics.median(cpus):5.2f} s   runs {runs}   load {load:4.1f}"
    )
    return statistics.median(walls)


def status(action: int, quarter: int) -> str:
    first = STATUSES[action % len(STATUSES)]
    if quarter == 0 or action % 10 not in (3, 7):
        return first
    return (WORSE if action % 10 == 3 else BETTER).get(first, first)


def write_sheet(plan) -> Path:
    def row(n: int, q: int, quarter: str, theme) -> dict[str, str]:
        return {
            "ref": f"{theme.name[0]}{n + 1}",
            "action": f"Action {n + 1}: improve how partners share information about "
            f"{theme.name.lower()} and act on it",
            "lead": LEADS[n % len(LEADS)],
            "rag": status(n, q),
            "update": COMMENTARY[(n + q) % len(COMMENTARY)],
        }

    return write_delivery_sheet(
        plan, WORK / "delivery.csv", actions=ACTIONS, quarters=QUARTERS, row=row
    )


def paper_for(plan):
    panel = next(b for b in bodies_ensure_default(by=None) if b.short_name == "Panel")
    starts = timezone.make_aware(dt.datetime(2018, 9, 12, 10))
    meeting = meeting_save(
        meeting=Meeting(body=panel),
        by=None,
        title="",
        starts=starts,
        ends=starts + dt.timedelta(hours=2),
        venue="Council Chamber",
        access="public",
    )
    item = agenda_item_save(
        item=AgendaItem(meeting=meeting),
        by=None,
        number="7",
        title="Monitoring the delivery of the Police and Crime Plan",
        paper_kind="delivery_monitoring",
        paper_title="",
    )
    return paper_create(
        plan=plan,
        kind="delivery-monitoring",
        body=panel,
        agenda_item=item,
        by=None,
        period=QUARTERS[-1],
        contact_officer="Dana Grey",
        contact_details="opcc@northmoor.example 0300 000 0000",
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    plan, _ = plan_load(document=parse_plan_document(DEMO_PLAN.read_text()), by=None)
    delivery_import_file(plan=plan, path=write_sheet(plan), by=None)
    paper = paper_for(plan)
    print(
        f"{ACTIONS} actions, {len(QUARTERS)} published quarters; database {connection.vendor}; "
        f"{os.cpu_count()} CPUs"
    )
    content = draft_content(paper)
    timed("build the content (selectors + builder)", 5, lambda: draft_content(paper))
    timed("lay it out", 5, lambda: layout(content))
    results = {}
    for fmt, runs in (("html", 5), ("docx", 5), ("pdf", 3)):
        results[fmt] = timed(
            f"render {fmt} (from the content)", runs, lambda fmt=fmt: render(content, fmt)
        )
    timed(
        "build and render pdf (a draft download)",
        3,
        lambda: render(draft_content(paper), "pdf", draft=True),
    )
    timed(
        "build and render docx (a draft download)",
        3,
        lambda: render(draft_content(paper), "docx", draft=True),
    )
    start = time.perf_counter()
    version = paper_publish(paper=paper, by=None)
    took = time.perf_counter() - start
    print(f"{'publish (build, render all three, store)':<44} wall {took:6.2f} s")
    sizes = ", ".join(
        f"{fmt} {len(version.file(fmt)) / 1024:,.0f} KB" for fmt in ("html", "pdf", "docx")
    )
    print(f"Files: {sizes}")
    print(
        f"Targets: PDF under 3 s ({'met' if results['pdf'] < 3 else 'NOT met'}), "
        f"DOCX under 1 s ({'met' if results['docx'] < 1 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
