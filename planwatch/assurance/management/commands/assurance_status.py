"""`planwatch assurance-status [--json] [--today YYYY-MM-DD]`: every inspection with its s.55
response due date and state, and every agreed audit action and recommendation with its owner,
status, due dates, slippage and the Delivery Plan actions it answers."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from planwatch.assurance.selectors import status_report


class Command(BaseCommand):
    help = "Print the state of every inspection, agreed audit action and recommendation."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--today", help="the day to count from (YYYY-MM-DD; default today)")

    def handle(self, *args, **options) -> None:
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be a date such as 2018-09-12") from None
        report = status_report(today or timezone.localdate())
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
            return
        for i in report["inspections"]:
            due = "published" if i["days_left"] is None else f"{i['days_left']} days left"
            self.stdout.write(f"{i['reference']}  response due {i['response_due']} ({due})")
        for kind in ("audit_actions", "recommendations"):
            for item in report[kind]:
                parent = item.get("audit") or item.get("inspection")
                slip = item["slippage_days"]
                self.stdout.write(
                    f"{parent}/{item['reference']}  {item['status']}  {item['owner'] or '-'}"
                    + (f"  slipped {slip} days" if slip else "")
                )
