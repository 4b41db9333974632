from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.plans.models import Plan
from planwatch.plans.selectors import plan_document
from planwatch.reporting.plan_on_a_page import plan_on_a_page_html, plan_on_a_page_pdf

KINDS = ["plan-on-a-page"]


class Command(BaseCommand):
    help = "Write a report for a Plan to a file, as PDF (tagged, PDF/UA) or HTML."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--plan", required=True, help="the Plan's slug")
        parser.add_argument("--format", required=True, choices=["pdf", "html"])
        parser.add_argument("--output", required=True, help="the file to write")

    def handle(self, *args, kind: str, plan: str, format: str, output: str, **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan has the slug {plan!r}.")
        document = plan_document(found)
        content: bytes = (
            plan_on_a_page_pdf(document)
            if format == "pdf"
            else plan_on_a_page_html(document).encode("utf-8")
        )
        try:
            with open(output, "wb") as handle:
                handle.write(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
        self.stdout.write(
            f"Wrote the {kind} of {found.title} to {output} ({len(content):,} bytes)."
        )
