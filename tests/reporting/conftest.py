"""Fixtures for the Delivery Plan report tests: the demo Plan with the actions of
tests/reporting/delivery_report.py reported in two published quarters, and the quarter
after them, open, with an update awaiting review."""

from __future__ import annotations

import pytest

from planwatch.delivery.models import ReportingPeriod
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import (
    period_advance,
    period_create,
    update_save,
)
from planwatch.plans.models import Plan
from tests.reporting.delivery_report import (
    CURRENT,
    PREVIOUS,
    STORIES,
    UNPUBLISHED,
    report_stories,
)


@pytest.fixture
def plan(published_plan, lead) -> Plan:
    """The demo Plan with six actions reported in two published quarters."""
    return report_stories(published_plan, lead, STORIES, PREVIOUS, CURRENT)


@pytest.fixture
def unpublished(plan) -> ReportingPeriod:
    """The next quarter, open, with one update awaiting review."""
    period = period_create(plan=plan, quarter=parse_quarter(UNPUBLISHED), by=None)
    period_advance(period=period, to="open", by=None)
    update_save(
        action=plan.actions.get(reference="V1.1"),
        period=period,
        rag=plan.rag_statuses.get(code="A"),
        commentary="Staff shortages over the summer.",
        by=None,
        submit=True,
    )
    return period
