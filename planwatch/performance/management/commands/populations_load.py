from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.delivery.spreadsheet import SpreadsheetError
from planwatch.performance.populations import CENSUS_2011, populations_load


class Command(BaseCommand):
    help = (
        "Set the populations of areas from a CSV or XLSX file with the columns area (ONS code "
        "or data.police.uk force id), population and, optionally, source. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=f"for example {CENSUS_2011} (2011 Census, force areas)")
        parser.add_argument(
            "--source", default="", help="where the figures come from, for rows that do not say"
        )

    def handle(self, *args, file: str, source: str, **options):
        try:
            counts = populations_load(path=file, source=source, by=None)
        except SpreadsheetError as error:
            raise CommandError(
                f"{file}: no population was changed.\n" + "\n".join(error.errors)
            ) from None
        self.stdout.write(
            f"Populations: {counts['changed']:,} areas set or changed, "
            f"{counts['unchanged']:,} unchanged."
        )
