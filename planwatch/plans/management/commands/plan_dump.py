from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.plans.document import dump_plan_document
from planwatch.plans.lifecycle import document_for
from planwatch.plans.models import Plan
from planwatch.plans.selectors import plan_document


class Command(BaseCommand):
    help = "Write a whole Plan as a YAML document to standard output (or --output FILE)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the Plan's version here, in place of Django's own --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--version",
            dest="number",
            type=int,
            metavar="N",
            help="version N as kept when published (default: the Plan's parts as they are now)",
        )
        parser.add_argument("--output", "-o", help="write to this file instead")

    def handle(self, *args, slug: str, output: str | None, number: int | None, **options):
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise CommandError(f"No Plan has the slug {slug!r}.")
        try:
            document = plan_document(plan) if number is None else document_for(plan, number)
        except LookupError as error:
            raise CommandError(str(error)) from None
        text = dump_plan_document(document)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
