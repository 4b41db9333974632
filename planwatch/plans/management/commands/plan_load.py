from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planwatch.plans.document import DocumentError, parse_plan_document
from planwatch.plans.services import plan_load


class Command(BaseCommand):
    help = "Load a whole Plan from a YAML document (replacing the Plan with the same slug)."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help="the Plan document (YAML); - reads standard input")

    def handle(self, *args, file: str, **options):
        name = "standard input" if file == "-" else file
        stdin = options.get("stdin") or sys.stdin
        try:
            text = stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{name}: cannot read the file: {error}") from None
        try:
            plan, created = plan_load(document=parse_plan_document(text), by=None)
        except DocumentError as error:
            raise CommandError(f"{name}: {error}") from None
        verb = "Created" if created else "Replaced"
        self.stdout.write(f"{verb} {plan.title} ({plan.slug}): {plan.themes.count()} themes.")
