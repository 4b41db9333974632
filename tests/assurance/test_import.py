"""`planwatch assurance-import`: a tracker spreadsheet (CSV and XLSX) comes in whole or not at
all; every bad row is named with its column; importing again changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from planwatch.assurance.importer import COLUMNS
from planwatch.assurance.models import Audit, AuditAction, Inspection, Recommendation
from tests.delivery import builders

ROWS = [
    {
        "type": "audit",
        "source": "IA-2018-03",
        "title": "Commissioning and grants",
        "date": "20/03/2018",
        "level": "Reasonable",
        "reference": "1",
        "finding": "Grant conditions were not checked before payment",
        "recommendation": "Check each grant's conditions before paying it",
        "priority": "High",
        "owner": "lee",
        "due": "2018-06-30",
        "status": "in progress",
        "response": "Agreed",
        "actions": "V1.1",
    },
    {
        "type": "audit",
        "source": "IA-2018-03",
        "title": "Commissioning and grants",
        "date": "20/03/2018",
        "level": "Reasonable",
        "reference": "2",
        "finding": "No register of grants",
        "recommendation": "Keep a register",
        "priority": "Low",
        "owner": "Head of Finance",
        "due": "30/09/2018",
        "status": "closed",
        "evidence": "Register seen at the May JAC",
    },
    {
        "type": "inspection",
        "source": "HMI-2018-01",
        "title": "Crime data integrity",
        "date": "12/07/2018",
        "level": "thematic",
        "reference": "AFI1",
        "kind": "area for improvement",
        "recommendation": "Audit the recording of rape reports",
    },
]


def write_csv(path, rows) -> str:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, fieldnames=COLUMNS)
        out.writeheader()
        out.writerows(rows)
    return str(path)


def run(path, *extra) -> str:
    out = io.StringIO()
    call_command("assurance_import", path, *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def plan(published_plan, lead):
    builders.action(published_plan, "V1.1", lead=lead)
    return published_plan


def test_a_tracker_comes_in_and_importing_again_changes_nothing(plan, lead, tmp_path):
    path = write_csv(tmp_path / "tracker.csv", ROWS)

    assert run(path, "--plan", plan.slug) == (
        "3 new, 0 changed, 0 unchanged, from 2 audits and inspections.\n"
    )
    one = AuditAction.objects.get(reference="1")
    assert (one.owner, one.status, one.priority.label) == (lead, "in_progress", "High")
    assert one.original_due == dt.date(2018, 6, 30)
    assert [a.reference for a in one.actions.all()] == ["V1.1"]
    two = AuditAction.objects.get(reference="2")
    assert (two.owner_post, two.status, two.finished_on is not None) == (
        "Head of Finance",
        "closed",
        True,
    )
    assert Inspection.objects.get().published_on == dt.date(2018, 7, 12)
    assert Recommendation.objects.get().kind == "area_for_improvement"
    history = AuditAction.history.count() + Audit.history.count()

    assert run(path, "--plan", plan.slug).startswith("0 new, 0 changed, 3 unchanged")
    assert AuditAction.history.count() + Audit.history.count() == history


def test_an_xlsx_tracker_gives_the_same_as_its_csv(plan, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in ROWS:
        sheet.append([row.get(column, "") for column in COLUMNS])
    sheet["D2"].value = dt.date(2018, 3, 20)  # a real date cell
    book.save(tmp_path / "tracker.xlsx")

    run(str(tmp_path / "tracker.xlsx"), "--plan", plan.slug)

    out = io.StringIO()
    call_command("assurance_status", "--json", "--today", "2018-10-01", stdout=out)
    report = json.loads(out.getvalue())
    assert [(a["reference"], a["status"]) for a in report["audit_actions"]] == [
        ("1", "in_progress"),
        ("2", "closed"),
    ]
    assert Audit.objects.get().reported_on == dt.date(2018, 3, 20)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"type": "survey"}, "row 2, column type: write audit or inspection."),
        ({"date": "31/02/2018"}, "row 2, column date: '31/02/2018' is not a real date."),
        ({"due": ""}, "row 2, column due: a date is needed."),
        ({"priority": "Urgent"}, "row 2, column priority: 'Urgent' is not a priority."),
        ({"status": "done"}, "row 2, column status: 'done' is not a status."),
        ({"status": "closed"}, "row 2, column evidence: say what shows it is done"),
        ({"actions": "Z9"}, "row 2, column actions: Z9: no such action."),
        ({"reference": "2"}, "row 3, column reference: repeats row 2."),
        ({"reference": "R" * 40}, "row 2, column reference: Ensure this value has at most 30"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_imported(plan, tmp_path, change, error):
    path = write_csv(tmp_path / "tracker.csv", [{**ROWS[0], **change}, *ROWS[1:]])

    with pytest.raises(CommandError) as raised:
        run(path, "--plan", plan.slug)

    assert "nothing was imported" in str(raised.value)
    assert error in str(raised.value)
    assert not Audit.objects.exists() and not AuditAction.objects.exists()
    assert not Inspection.objects.exists()


def test_a_missing_column_is_named(db, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("type,source\naudit,IA-1\n", encoding="utf-8")

    with pytest.raises(CommandError, match="row 1, column title: the column is missing"):
        run(str(path))
