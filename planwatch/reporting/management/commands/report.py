from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.delivery.models import ReportingPeriod
from planwatch.delivery.selectors import delivery_plan
from planwatch.papers.kinds import KINDS as PAPER_KINDS
from planwatch.papers.kinds import BuilderUnavailable, build, missing_parameters
from planwatch.papers.render import FORMATS as PAPER_FORMATS
from planwatch.papers.render import render as render_paper
from planwatch.performance.periods import parse_period
from planwatch.performance.selectors import NoArea, area_for, data_pack
from planwatch.plans.lifecycle import document_for
from planwatch.plans.models import Plan
from planwatch.reporting.data_pack import render_data_pack
from planwatch.reporting.delivery_plan import render_delivery_plan
from planwatch.reporting.plan_on_a_page import plan_on_a_page_html, plan_on_a_page_pdf

FORMATS_BY_KIND = {
    "plan-on-a-page": ["pdf", "html"],
    "delivery-plan": ["xlsx", "docx", "pdf", "html"],
    "data-pack": ["pdf", "xlsx", "html"],
    **{kind: list(PAPER_FORMATS) for kind in PAPER_KINDS},
}
OPTIONS = {"period": "--period", "theme": "--theme", "year": "--year"}
KINDS = list(FORMATS_BY_KIND)


class Command(BaseCommand):
    help = (
        "Write a report for a Plan to a file: the Plan on a Page (PDF or HTML) or, for a "
        "reporting period, the Delivery Plan (Appendix 1 of the Panel report: XLSX, DOCX, "
        "PDF or HTML) or, for a month or quarter, the performance data pack (PDF, XLSX or "
        "HTML), or a paper from the current data (delivery-monitoring for a quarter, theme for "
        "a theme, performance for a month or quarter, annual for a financial year: DOCX, PDF "
        "or HTML). PDFs are tagged (PDF/UA)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--plan", required=True, help="the Plan's slug")
        parser.add_argument(
            "--period",
            help="the reporting period's slug, for example 2018-19-q1 (delivery-plan, "
            "delivery-monitoring), or a month or quarter, 2018-03 or 2018-19-q1 (data-pack, "
            "performance, theme)",
        )
        parser.add_argument("--theme", help="theme: the name of one of the Plan's themes")
        parser.add_argument("--year", help="annual: the financial year, for example 2017-18")
        parser.add_argument(
            "--area", help="data-pack: an ONS area code; by default the Plan's force area"
        )
        parser.add_argument(
            "--format",
            required=True,
            choices=sorted({fmt for formats in FORMATS_BY_KIND.values() for fmt in formats}),
        )
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="delivery-plan: allow an unpublished period and include unapproved updates",
        )
        parser.add_argument(
            "--version",
            dest="number",
            type=int,
            metavar="N",
            help="plan-on-a-page: the Plan's version N (default: the version in force)",
        )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the Plan's version here, in place of Django's own --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def handle(
        self,
        *args,
        kind: str,
        plan: str,
        format: str,
        output: str,
        period: str | None = None,
        area: str | None = None,
        draft: bool = False,
        theme: str | None = None,
        year: str | None = None,
        **options,
    ):
        if format not in FORMATS_BY_KIND[kind]:
            raise CommandError(
                f"The {kind} can be written as {' or '.join(FORMATS_BY_KIND[kind])}, not {format}."
            )
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan has the slug {plan!r}.")
        if kind in PAPER_KINDS:
            content = self._paper(found, kind, format, period=period, theme=theme, year=year)
        elif kind == "delivery-plan":
            content = self._delivery_plan(found, period, format, draft)
        elif kind == "data-pack":
            content = self._data_pack(found, period, area, format)
        else:
            try:
                document = document_for(found, options.get("number"))
            except LookupError as error:
                raise CommandError(str(error)) from None
            content = (
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

    def _delivery_plan(self, plan: Plan, slug: str | None, format: str, draft: bool) -> bytes:
        if not slug:
            raise CommandError("The delivery-plan needs --period, for example --period 2018-19-q1.")
        period = ReportingPeriod.objects.filter(plan=plan, slug=slug).first()
        if period is None:
            raise CommandError(f"The Plan {plan.slug!r} has no reporting period {slug!r}.")
        if not period.is_published and not draft:
            raise CommandError(
                f"The period {slug} is not published; add --draft for a draft that includes "
                "updates not yet approved."
            )
        # No user: the system. Without --draft it sees what the public sees (approved updates).
        data = delivery_plan(user=None, plan=plan, period=period, include_unapproved=draft)
        return render_delivery_plan(data, format)

    def _paper(self, plan: Plan, kind: str, format: str, **parameters: str | None) -> bytes:
        """A paper made from the current data, as a draft would be (no meeting, no heading
        fields, the narrative as the data word it)."""
        missing = missing_parameters(kind, **parameters)
        if missing:
            raise CommandError(
                f"The {kind} paper needs " + " and ".join(OPTIONS[name] for name in missing) + "."
            )
        try:
            content = build(kind, plan, **parameters)
        except (BuilderUnavailable, ValueError) as error:
            raise CommandError(str(error)) from None
        return render_paper(content, format)

    def _data_pack(self, plan: Plan, slug: str | None, area: str | None, format: str) -> bytes:
        if not slug:
            raise CommandError("The data-pack needs --period, for example --period 2018-03.")
        try:
            period = parse_period(slug)
        except ValueError as error:
            raise CommandError(f"--period: {error}") from None
        try:
            chosen, areas = area_for(plan, area, strict=True)
        except NoArea as error:
            raise CommandError(str(error)) from None
        return render_data_pack(
            data_pack(plan=plan, period=period, area=chosen, areas=areas), format
        )
