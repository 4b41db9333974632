from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.plans.document import dump_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.selectors import plan_document


class Command(BaseCommand):
    help = "Write a whole Plan as a YAML document to standard output (or --output FILE)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", "-o", help="write to this file instead")

    def handle(self, *args, slug: str, output: str | None, **options):
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise CommandError(f"No Plan has the slug {slug!r}.")
        text = dump_plan_document(plan_document(plan))
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
