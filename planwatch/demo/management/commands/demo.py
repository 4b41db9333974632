from __future__ import annotations

from django.core.management.base import BaseCommand

from planwatch.demo.loader import database_is_empty, demo_load, demo_sign_ins


class Command(BaseCommand):
    help = "Load the demo Plan (a fictional force area) and one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing unless the database is empty"
        )
        parser.add_argument(
            "--print-only", action="store_true", help="only print the demo sign-ins"
        )

    def handle(self, *args, if_empty: bool, print_only: bool, **options):
        if print_only:
            self.stdout.write(demo_sign_ins())
            return
        if if_empty and not database_is_empty():
            self.stdout.write("The database already holds data; the demo was not loaded.")
        else:
            demo_load()
            self.stdout.write("Loaded the demo Plan for Northmoor.")
        self.stdout.write(demo_sign_ins())
