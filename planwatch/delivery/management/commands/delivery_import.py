from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.delivery.importer import delivery_import_file
from planwatch.delivery.spreadsheet import COLUMNS, SpreadsheetError
from planwatch.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Import a Plan's actions and approved quarterly updates from a CSV or XLSX file "
        f"with the columns {', '.join(COLUMNS)}. Nothing is written if any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the spreadsheet: .csv (UTF-8) or .xlsx (first sheet)")
        parser.add_argument("--plan", required=True, help="the slug of the Plan to import into")

    def handle(self, *args, file: str, plan: str, **options):
        target = Plan.objects.filter(slug=plan).first()
        if target is None:
            raise CommandError(f"No Plan has the slug {plan!r}.")
        try:
            summary = delivery_import_file(plan=target, path=file, by=None)
        except SpreadsheetError as error:
            problems = "\n".join(f"  {message}" for message in error.errors)
            raise CommandError(
                f"{file}: nothing was imported; {len(error.errors)} problem(s):\n{problems}"
            ) from None
        self.stdout.write(f"Imported {file} into {target.title} ({target.slug}).\n{summary}")
