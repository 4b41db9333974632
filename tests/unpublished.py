"""Unpublished material of every kind, put beside the demo, for tests that read the site as the
public does (the crawler, the static copy): none of it may show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwatch.consultation.services import survey_import
from planwatch.delivery.models import PeriodState, RagStatus
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import period_create, update_save
from planwatch.plans import lifecycle
from planwatch.plans.models import Plan
from planwatch.plans.services import part_update, plan_create
from tests.consultation.exports import rows, write_csv


def unpublished_beside_the_demo(tmp: Path) -> list[str]:
    """Put unpublished material of every kind beside the demo; the texts that must not show."""
    plan = Plan.objects.get(status="published")
    plan_create(
        by=None,
        slug="secret-draft",
        title="Secret draft Plan 2030",
        area="Northmoor",
        force="northmoor",
        commissioner="Someone",
        starts=dt.date(2030, 4, 1),
        ends=dt.date(2034, 3, 31),
    )
    lifecycle.variation_start(plan=plan, reason="Unpublished variation reason", by=None)
    objective = plan.themes.first().objectives.first()
    part_update(part=objective, by=None, text="Secret variation objective text")

    open_period = plan.periods.get(state=PeriodState.OPEN)
    action = plan.actions.order_by("reference").first()
    update_save(
        action=action,
        period=open_period,
        rag=RagStatus.objects.filter(plan=plan).first(),
        commentary="Secret draft commentary not yet reviewed",
        by=None,
        submit=False,
    )
    future = plan.periods.filter(state=PeriodState.PLANNED).first()
    if future is None:  # the first quarter of the Plan without a period yet
        have = set(plan.periods.values_list("slug", flat=True))
        slug = next(
            f"{year}-{(year + 1) % 100:02d}-q{q}"
            for year in range(plan.starts.year, plan.ends.year)
            for q in (1, 2, 3, 4)
            if f"{year}-{(year + 1) % 100:02d}-q{q}" not in have
        )
        future = period_create(plan=plan, quarter=parse_quarter(slug), by=None)
    survey_import(path=write_csv(tmp / "s.csv", rows(50)), name="Secret survey", by=None)
    return [
        "Secret draft Plan 2030",
        "Secret variation objective text",
        "Unpublished variation reason",
        "Secret draft commentary not yet reviewed",
        f"/delivery/{open_period.slug}/",
        f"/delivery/{future.slug}/",  # a quarter not yet published
        "Private meeting with the auditors",
        "IA-2018-03",  # the demo's audits are not published
        "Moorside Community Safety Partnership",  # the demo's unpublished grant
        "Secret survey",
        "The 101 service takes too long",  # a free-text answer
    ]
