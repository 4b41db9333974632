from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.delivery.spreadsheet import SpreadsheetError
from planwatch.performance.observation_import import observations_import_file


class Command(BaseCommand):
    help = (
        "Import observations from a CSV or XLSX file with the columns indicator, area, period, "
        "value, numerator, denominator. All or nothing; re-importing updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        try:
            run = observations_import_file(path=file, by=None)
        except SpreadsheetError as error:
            raise CommandError(
                f"{file}: nothing was imported.\n" + "\n".join(error.errors)
            ) from None
        self.stdout.write(
            f"Read {run.rows_read:,} rows: {run.created:,} observations created, "
            f"{run.updated:,} updated, {run.unchanged:,} unchanged."
        )
