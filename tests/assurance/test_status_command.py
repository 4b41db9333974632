"""`planwatch assurance-status --json`: every inspection with its response due date, and every
agreed action and recommendation with owner, status, dates, slippage and links."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from planwatch.assurance import services
from tests.assurance.conftest import PUBLISHED
from tests.delivery import builders


def status(*args: str) -> str:
    out = io.StringIO()
    call_command("assurance_status", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_inspection_and_item_with_its_dates(
    agreed, recommendations, published_plan, officer, lead
):
    services.due_date_revise(
        item=agreed, due=dt.date(2018, 9, 30), reason="New finance system", by=lead
    )
    services.item_link(
        item=recommendations[0], by=officer, actions=[builders.action(published_plan, "V1.1")]
    )

    report = json.loads(status("--json", "--today", "2018-10-05"))

    # 56 days beginning with publication, counted here day by day.
    day, counted = PUBLISHED, 1
    while counted < 56:
        day, counted = day + dt.timedelta(days=1), counted + 1
    [inspection] = report["inspections"]
    assert inspection["published"] == PUBLISHED.isoformat()
    assert inspection["response_due"] == day.isoformat() == "2018-09-05"
    assert (inspection["response_state"], inspection["days_left"]) == ("not_started", -30)
    by_reference = {a["reference"]: a for a in report["audit_actions"]}
    one = by_reference["1"]
    assert (one["priority"], one["owner"], one["status"]) == ("High", "Lee", "open")
    assert (one["original_due"], one["revised_due"]) == ("2018-06-30", ["2018-09-30"])
    assert one["slippage_days"] == (dt.date(2018, 10, 5) - dt.date(2018, 6, 30)).days
    assert by_reference["2"]["owner"] == "Head of Finance"
    assert by_reference["2"]["slippage_days"] == 5
    assert [(r["reference"], r["actions"]) for r in report["recommendations"]] == [
        ("R1", ["V1.1"]),
        ("AFI1", []),
    ]


def test_a_published_response_has_no_days_left(inspection, officer):
    services.inspection_response(
        inspection=inspection, state="published", by=officer, on=dt.date(2018, 8, 1)
    )

    [found] = json.loads(status("--json"))["inspections"]
    assert (found["response_published"], found["days_left"]) == ("2018-08-01", None)
    assert "response due 2018-09-05 (published)" in status()


def test_a_bad_date_is_refused(db):
    with pytest.raises(CommandError, match="--today must be a date"):
        status("--today", "05/10/2018")
