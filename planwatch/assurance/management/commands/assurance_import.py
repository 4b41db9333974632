"""`planwatch assurance-import FILE [--plan SLUG]`: an audit-action and recommendation tracker
from CSV or XLSX (columns in planwatch/assurance/importer.py and the README), all or nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.assurance.importer import assurance_import_file
from planwatch.delivery.spreadsheet import SpreadsheetError
from planwatch.plans.models import Plan


class Command(BaseCommand):
    help = "Import agreed audit actions and inspection recommendations from CSV or XLSX."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--plan", help="the Plan whose actions the `actions` column names")

    def handle(self, *args, **options) -> None:
        plan = None
        if options["plan"]:
            plan = Plan.objects.filter(slug=options["plan"]).first()
            if plan is None:
                raise CommandError(f"There is no Plan {options['plan']!r}.")
        try:
            summary = assurance_import_file(path=options["file"], by=None, plan=plan)
        except SpreadsheetError as error:
            raise CommandError(
                f"{options['file']}: nothing was imported.\n" + "\n".join(error.errors)
            ) from None
        self.stdout.write(
            f"{summary.created} new, {summary.updated} changed, {summary.unchanged} unchanged, "
            f"from {len(summary.sources)} audits and inspections."
        )
