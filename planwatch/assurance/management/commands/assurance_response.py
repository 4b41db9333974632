"""`planwatch assurance-response REF --format docx|pdf|html --output FILE [--area NAME]`: the
draft s.55 response to an inspection report, from what PlanWatch holds."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planwatch.assurance.models import Inspection
from planwatch.assurance.response import build_response
from planwatch.papers.render import FORMATS, render
from planwatch.plans.models import Plan


class Command(BaseCommand):
    help = "Write the draft response (Police Act 1996 s.55) to an inspection report."

    def add_arguments(self, parser) -> None:
        parser.add_argument("reference", help="the inspection report's reference")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--output", required=True)
        parser.add_argument("--area", help="the force area (default: the latest Plan's area)")

    def handle(self, *args, **options) -> None:
        inspection = Inspection.objects.filter(reference=options["reference"]).first()
        if inspection is None:
            raise CommandError(f"There is no inspection report {options['reference']!r}.")
        plan = Plan.objects.order_by("-starts").first()
        area = options["area"] or (plan.area if plan else "")
        if not area:
            raise CommandError("Name the force area with --area.")
        data = render(build_response(inspection, commissioner_of=area), options["format"])
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"Wrote {options['output']} ({len(data):,} bytes).")
