from __future__ import annotations

import argparse
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from planwatch.assurance.reminders import send_response_reminders
from planwatch.delivery.reminders import send_reminders


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written like 2018-07-14"
        ) from None


class Command(BaseCommand):
    help = (
        "Email Leads whose updates are due soon or overdue, and OPCC officers about updates "
        "awaiting review and inspection responses due within 14 days or overdue. Each "
        "reminder goes once, so it is safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=iso_date, help="act as if today were this date (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="remind Leads this many days before the deadline (default 7)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="count the reminders but send and record none"
        )

    def handle(self, *args, today: dt.date | None, days: int, dry_run: bool, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        report = send_reminders(today=today, due_within_days=days, dry_run=dry_run)
        for line in report.summary():
            self.stdout.write(line)
        responses = send_response_reminders(today=today or timezone.localdate(), dry_run=dry_run)
        for line in responses.summary():
            self.stdout.write(line)
