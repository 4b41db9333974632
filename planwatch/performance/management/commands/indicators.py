from __future__ import annotations

from json import dumps

from django.core.management.base import BaseCommand, CommandError

from planwatch.performance.exports import indicator_rows
from planwatch.performance.periods import parse_period
from planwatch.performance.selectors import NoArea, area_for, data_pack
from planwatch.performance.wording import number
from planwatch.plans.models import Plan


class Command(BaseCommand):
    help = (
        "The Plan's indicators for a month (2018-03) or a quarter (2018-19-q1): each figure, "
        "the same period last year, the significance test, the judgement and the control chart."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the Plan's slug")
        parser.add_argument("--period", required=True, help="2018-03 or 2018-19-q1")
        parser.add_argument("--area", help="an ONS code; by default the Plan's force area")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(
        self, *args, plan: str, period: str, area: str | None = None, json: bool = False, **options
    ):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan has the slug {plan!r}.")
        try:
            wanted = parse_period(period)
        except ValueError as error:
            raise CommandError(f"--period: {error}") from None
        try:
            chosen, areas = area_for(found, area, strict=True)
        except NoArea as error:
            raise CommandError(str(error)) from None
        pack = data_pack(plan=found, period=wanted, area=chosen, areas=areas)
        rows = indicator_rows(pack)
        if json:
            self.stdout.write(dumps(rows, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['code']}: {number(row['value'])} ({row['previous_period']}: "
                f"{number(row['previous_year_value'])}), {row['judgement']}"
                + (f", {row['direction']}" if row["direction"] else "")
            )
