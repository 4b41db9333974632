from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planwatch.delivery.exporter import delivery_export_rows
from planwatch.delivery.spreadsheet import SUFFIXES, write_delivery_rows
from planwatch.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Write a Plan's actions and approved updates to a CSV or XLSX file "
        "that delivery-import reads back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the slug of the Plan to export")
        parser.add_argument("--output", "-o", required=True, help="the file: .csv or .xlsx")

    def handle(self, *args, plan: str, output: str, **options):
        target = Plan.objects.filter(slug=plan).first()
        if target is None:
            raise CommandError(f"No Plan has the slug {plan!r}.")
        if Path(output).suffix.lower() not in SUFFIXES:
            raise CommandError(f"{output}: the output must be a .csv or .xlsx file.")
        rows = delivery_export_rows(plan=target)
        try:
            write_delivery_rows(output, rows)
        except OSError as error:
            raise CommandError(f"{output}: cannot write the file: {error.strerror}.") from None
        actions = len({row["ref"] for row in rows})
        self.stdout.write(f"Wrote {len(rows)} rows for {actions} actions to {output}.")
