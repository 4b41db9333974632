from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from planwatch.demo.figures import demo_areas, demo_figures
from planwatch.demo.loader import database_is_empty, demo_load, demo_sign_ins


class Command(BaseCommand):
    help = "Load the demo Plan (a fictional force area) and one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing unless the database is empty"
        )
        parser.add_argument(
            "--data",
            type=Path,
            metavar="DIR",
            help="a folder with reference/lad16-csp16-pfa16-lookup.csv and police-uk/ files "
            "(e.g. ../shared/data): load the areas and the real figures too",
        )
        parser.add_argument(
            "--print-only", action="store_true", help="only print the demo sign-ins"
        )

    def handle(self, *args, if_empty: bool, print_only: bool, data: Path | None, **options):
        if print_only:
            self.stdout.write(demo_sign_ins())
            return
        if if_empty and not database_is_empty():
            self.stdout.write("The database already holds data; the demo was not loaded.")
        else:
            with_areas = data is not None and demo_areas(data)
            demo_load()
            self.stdout.write("Loaded the demo Plan for Northmoor.")
            if with_areas:
                self.stdout.write(demo_figures(data))
            elif data is not None:
                self.stdout.write(f"No area lookup in {data}: the demo has no figures.")
        self.stdout.write(demo_sign_ins())
