"""Fixtures for the paper framework: the demo Plan with the Delivery Plan of
tests/reporting reported in two published quarters, a public Panel meeting with the paper on
its agenda, the draft paper and its first published version."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.governance.models import AgendaItem, Meeting, PaperKind
from planwatch.papers.models import Paper, PaperVersion
from planwatch.papers.services import paper_create, paper_publish
from planwatch.plans.models import Plan
from tests.governance import builders as meetings
from tests.papers.monitoring import CONTACT_DETAILS, CONTACT_OFFICER, CURRENT, PREVIOUS, STORIES
from tests.reporting.delivery_report import report_stories


@pytest.fixture
def reported_plan(published_plan, lead) -> Plan:
    """The demo Plan with six actions reported in two published quarters."""
    return report_stories(published_plan, lead, STORIES, PREVIOUS, CURRENT)


@pytest.fixture
def panel_meeting(db) -> Meeting:
    """The Panel's public meeting of 12 September 2018."""
    return meetings.meeting(meetings.bodies()[meetings.PANEL], dt.date(2018, 9, 12))


@pytest.fixture
def agenda_item(panel_meeting) -> AgendaItem:
    return meetings.item(
        panel_meeting,
        "7",
        "Monitoring the delivery of the Police and Crime Plan",
        PaperKind.DELIVERY_MONITORING,
    )


@pytest.fixture
def paper(reported_plan, agenda_item) -> Paper:
    """The draft paper for agenda item 7, on the current quarter."""
    return paper_create(
        plan=reported_plan,
        kind="delivery-monitoring",
        body=agenda_item.meeting.body,
        agenda_item=agenda_item,
        by=None,
        period=CURRENT,
        contact_officer=CONTACT_OFFICER,
        contact_details=CONTACT_DETAILS,
    )


@pytest.fixture
def published(paper) -> PaperVersion:
    """The paper's first published version."""
    return paper_publish(paper=paper, by=None)


@pytest.fixture
def unpublished_quarter(reported_plan):
    """The quarter after the current one, open, with an Amber update awaiting review."""
    from planwatch.delivery.quarters import parse_quarter
    from planwatch.delivery.services import period_advance, period_create, update_save
    from tests.papers.monitoring import UNPUBLISHED

    period = period_create(plan=reported_plan, quarter=parse_quarter(UNPUBLISHED), by=None)
    period_advance(period=period, to="open", by=None)
    update_save(
        action=reported_plan.actions.get(reference="V1.1"),
        period=period,
        rag=reported_plan.rag_statuses.get(code="A"),
        commentary="Staff shortages over the summer.",
        by=None,
        submit=True,
    )
    return period
