"""Shared rows and helpers for the delivery-import and delivery-export tests."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from planwatch.delivery.models import (
    Action,
    RagStatus,
    ReportingPeriod,
    Update,
)
from planwatch.delivery.spreadsheet import COLUMNS
from planwatch.plans.models import Plan

PLANWATCH = Path(sys.executable).with_name("planwatch")

# Objectives of the demo Plan, as the published_plan fixture loads them.
ANSWER_CALLS = (
    "Answer every call for help promptly and assess the needs of each victim at first contact."
)
DIVERT = (
    "Divert young people and adults from the justice system where that prevents further offending."
)
TECHNOLOGY = "Give officers and staff the technology to work anywhere."
VISIBLE = "Keep neighbourhood policing visible and accessible in town and country."

LENA_EMAIL = "Lena.Lead@northmoor.example"

# Rows 2 to 5 of a good file: two quarters for V1.1, a Red with a UK date, an action with
# no update yet (its Lead named by email).
GOOD = [
    {
        "ref": "V1.1",
        "theme": "Victims",
        "objective": ANSWER_CALLS,
        "action": "Assess every victim's needs at first contact",
        "lead": "lena",
        "due": "2018-09-30",
        "period": "2018-19-q1",
        "rag": "Green",
        "update": "Call handlers on two of the four shifts are trained.",
    },
    {
        "ref": "V1.1",
        "theme": "Victims",
        "objective": ANSWER_CALLS,
        "action": "Assess every victim's needs at first contact",
        "lead": "lena",
        "due": "2018-09-30",
        "period": "2018-19-q2",
        "rag": "Amber",
        "update": "Training paused while the control room moved; two shifts left.",
    },
    {
        "ref": "O2.1",
        "theme": "Offenders",
        "objective": "",
        "action": "Offer conditional cautions that tackle the causes of offending",
        "lead": "Head of Youth Justice, Northmoor Council",
        "due": "31/03/2019",
        "period": "2018-19-q1",
        "rag": "R",
        "update": "The drug service cannot take referrals yet — £40k gap in funding.",
    },
    {
        "ref": "T2.1",
        "theme": "Transformation",
        "objective": TECHNOLOGY,
        "action": "Issue mobile devices to all frontline officers",
        "lead": LENA_EMAIL.upper(),
        "due": "",
        "period": "",
        "rag": "",
        "update": "",
    },
]
# Row 6 of a file with one bad row: good except for the cell a test changes.
EXTRA = {
    "ref": "C1.1",
    "theme": "Communities",
    "objective": VISIBLE,
    "action": "Publish each neighbourhood's priorities every quarter",
    "lead": "Neighbourhood Inspector, Northmoor Police",
    "due": "2019-03-31",
    "period": "2018-19-q3",
    "rag": "Green",
    "update": "All twelve neighbourhoods published.",
}
MODELS = (Action, Update, ReportingPeriod, RagStatus)


def write_csv(
    folder: Path,
    rows: list[dict[str, str]],
    header: list[str] | tuple[str, ...] = COLUMNS,
    name: str = "delivery.csv",
    encoding: str = "utf-8",
) -> Path:
    """A CSV file whose header is written as given; cells are found by the header's name."""
    path = folder / name
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column.strip().lower(), "") for column in header])
    return path


def import_file(path: Path, plan: Plan) -> str:
    out = io.StringIO()
    call_command("delivery_import", str(path), "--plan", plan.slug, stdout=out)
    return out.getvalue()


def export_file(plan: Plan, path: Path) -> str:
    out = io.StringIO()
    call_command("delivery_export", "--plan", plan.slug, "--output", str(path), stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every Delivery Plan table, and of their history."""
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update({f"{model.__name__} history": model.history.count() for model in MODELS})
    return counts


def delivery_contents(plan: Plan) -> dict[str, list[tuple]]:
    """A Plan's actions, updates and periods as plain values, read straight from the tables."""
    return {
        "actions": [
            (
                a.reference,
                a.theme.name,
                a.objective.text if a.objective else None,
                a.title,
                a.lead.username if a.lead else None,
                a.lead_name,
                a.due,
                a.state,
            )
            for a in Action.objects.filter(plan=plan).order_by("reference")
        ],
        "updates": [
            (u.action.reference, u.period.slug, u.rag.label, u.commentary, u.state)
            for u in Update.objects.filter(action__plan=plan).order_by(
                "action__reference", "period__starts"
            )
        ],
        "periods": [
            (p.slug, p.label, p.starts, p.ends, p.update_deadline, p.state)
            for p in plan.periods.order_by("starts")
        ],
    }


def refused(path: Path, plan: Plan) -> str:
    """The error the import command gives; fails the test if the import succeeds."""
    with pytest.raises(CommandError) as caught:
        import_file(path, plan)
    return str(caught.value)
