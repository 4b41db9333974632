"""A Plan in the making, shared by the life-cycle, checklist and comparison tests (and the
browser's): Northmoor 2021-25 as a draft with one theme and one objective."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.plans import lifecycle
from planwatch.plans.models import Plan, PlanStatus
from planwatch.plans.services import objective_create, plan_create, theme_create

S = PlanStatus
DAY = dt.date(2021, 2, 15)


@pytest.fixture
def draft(officer) -> Plan:
    plan = plan_create(
        by=officer,
        slug="northmoor-2021",
        title="Northmoor Police and Crime Plan 2021-25",
        area="Northmoor",
        force="northmoor",
        commissioner="Alex Moor",
        starts=dt.date(2021, 4, 1),
        ends=dt.date(2025, 3, 31),
    )
    theme = theme_create(plan=plan, name="Victims", aim="Support victims", by=officer)
    objective_create(theme=theme, text="Improve support for victims", by=officer)
    return plan


OVERRIDE = "Tests of the life cycle, not of the checklist"


def publish(plan: Plan, officer, on: dt.date = DAY) -> None:
    """Take a version through every step (the checklist's gaps overridden)."""
    for to, note in (
        (S.OUT_FOR_COMMENT, "Sent to partners and the Chief Constable"),
        (S.WITH_PANEL, "Panel meeting 3 February"),
        (S.APPROVED, "BCB decision 2021/04"),
        (S.PUBLISHED, ""),
    ):
        override = OVERRIDE if to == S.PUBLISHED else ""
        lifecycle.plan_step(plan=plan, to=to, on=on, note=note, override=override, by=officer)
