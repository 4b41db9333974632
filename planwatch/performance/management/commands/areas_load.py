from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.performance.areas import AreaLoadError, areas_load


class Command(BaseCommand):
    help = "Load police force areas, community safety partnerships and districts (ONS lookup CSV)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="for example ../shared/data/reference/lad16-csp16-pfa16-lookup.csv"
        )

    def handle(self, *args, file: str, **options):
        try:
            counts = areas_load(path=file, by=None)
        except AreaLoadError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Force areas: {counts['force']}, partnerships: {counts['csp']}, "
            f"districts: {counts['district']} created or changed."
        )
