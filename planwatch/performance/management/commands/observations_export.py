from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.performance.exports import observations_csv
from planwatch.performance.selectors import observations_for_export


class Command(BaseCommand):
    help = (
        "Write every observation to a CSV file: indicator, area (code), area name, period, "
        "value, numerator, denominator. `planwatch import-observations` reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="the CSV file to write")

    def handle(self, *args, output: str, **options):
        try:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                count = observations_csv(observations_for_export(), handle)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
        self.stdout.write(f"Wrote {count:,} observations to {output}.")
