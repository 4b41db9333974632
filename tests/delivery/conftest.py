"""Delivery fixtures on top of `published_plan`: the RAG key, actions, periods and updates.

Small pieces that compose: ``make_action`` and ``make_period`` build anything;
``led_action`` (led by `lead`), ``other_action`` (led by `other_lead`) and
``partner_action`` (a free-text lead) are ready made; ``q1`` is 2018-19-q1, published,
with approved updates (led_action Green, other_action Amber) and ``q2`` is 2018-19-q2, open.
Everything is written through the services as the system (``by=None``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planwatch.accounts.models import Role, User
from planwatch.accounts.services import user_create
from planwatch.delivery.models import (
    Action,
    PeriodState,
    RagStatus,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import (
    action_save,
    period_advance,
    period_create,
    rag_key_ensure,
    update_approve,
    update_return,
    update_save,
)
from planwatch.demo.loader import DEMO_PLAN
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan, Theme
from planwatch.plans.services import plan_load
from tests.delivery.sheets import GOOD, LENA_EMAIL, import_file, write_csv

PERIOD_STATES = [
    PeriodState.PLANNED,
    PeriodState.OPEN,
    PeriodState.IN_REVIEW,
    PeriodState.PUBLISHED,
]


def _advance(period: ReportingPeriod, to: str) -> ReportingPeriod:
    """Move a period forward, one state at a time, until it is in state ``to``."""
    for state in PERIOD_STATES[PERIOD_STATES.index(period.state) + 1 :]:
        period = period_advance(period=period, to=state, by=None)
        if state == to:
            break
    return period


@pytest.fixture
def rag(published_plan: Plan) -> dict[str, RagStatus]:
    """The Plan's (default) RAG key by code: C, G, A, R, NS."""
    return {status.code: status for status in rag_key_ensure(plan=published_plan, by=None)}


@pytest.fixture
def theme(published_plan: Plan) -> Theme:
    return published_plan.themes.order_by("order").first()


@pytest.fixture
def other_lead(db) -> User:
    return user_create(
        username="liz", role=Role.LEAD, password="a-long-test-password-2", first_name="Liz"
    )


@pytest.fixture
def make_action(published_plan: Plan, theme: Theme, rag) -> Callable[..., Action]:
    """make_action("V1.1", lead=user) or make_action("V1.2", lead_name="Head of ...")."""

    def make(reference: str, **fields) -> Action:
        fields.setdefault("theme", theme)
        fields.setdefault("title", f"Deliver the {reference} work")
        return action_save(
            action=Action(plan=published_plan), by=None, reference=reference, **fields
        )

    return make


@pytest.fixture
def led_action(make_action, lead) -> Action:
    return make_action("V1.1", lead=lead)


@pytest.fixture
def other_action(make_action, other_lead) -> Action:
    return make_action("V1.2", lead=other_lead)


@pytest.fixture
def partner_action(make_action) -> Action:
    """Led by a partner without an account."""
    return make_action("V1.3", lead_name="Head of Community Safety")


@pytest.fixture
def make_period(published_plan: Plan, rag) -> Callable[..., ReportingPeriod]:
    """make_period("2018-19-q2", state="open")."""

    def make(slug: str, state: str = PeriodState.OPEN, **fields) -> ReportingPeriod:
        period = period_create(plan=published_plan, quarter=parse_quarter(slug), by=None, **fields)
        return _advance(period, state) if state != PeriodState.PLANNED else period

    return make


@pytest.fixture
def make_update(rag) -> Callable[..., Update]:
    """make_update(action, period, "G", state="approved"): through the workflow's services."""

    def make(
        action: Action,
        period: ReportingPeriod,
        code: str,
        state: str = UpdateState.APPROVED,
        commentary: str = "Work is progressing as planned.",
    ) -> Update:
        update = update_save(
            action=action,
            period=period,
            rag=rag[code],
            commentary=commentary,
            by=None,
            submit=state != UpdateState.DRAFT,
        )
        if state == UpdateState.APPROVED:
            update = update_approve(update=update, by=None)
        elif state == UpdateState.RETURNED:
            update = update_return(update=update, reason="Please add the figures.", by=None)
        return update

    return make


@pytest.fixture
def published_quarter(make_action, make_period, make_update) -> Callable[..., tuple]:
    """published_quarter("2018-19-q3"): action V1.9 with an approved update in that quarter,
    which is then published; gives (action, period)."""

    def make(slug: str) -> tuple[Action, ReportingPeriod]:
        action = make_action("V1.9", lead_name="Head of Victim Services")
        period = make_period(slug)
        make_update(action, period, "G", commentary="Published commentary for the quarter")
        return action, _advance(period, PeriodState.PUBLISHED)

    return make


@pytest.fixture
def q1(make_period, make_update, led_action, other_action) -> ReportingPeriod:
    """2018-19-q1, published: led_action Green, other_action Amber."""
    period = make_period("2018-19-q1")
    make_update(led_action, period, "G")
    make_update(other_action, period, "A")
    return _advance(period, PeriodState.PUBLISHED)


@pytest.fixture
def q2(q1, make_period) -> ReportingPeriod:
    """2018-19-q2, open for updates (deadline 14 October 2018)."""
    return make_period("2018-19-q2")


# Fixtures for the spreadsheet import and export tests.
@pytest.fixture
def lena(db):
    """A Lead with an email address, named in the good file by username and by email."""
    return user_create(
        username="lena",
        role=Role.LEAD,
        password="a-long-test-password-1",
        first_name="Lena",
        email=LENA_EMAIL,
    )


@pytest.fixture
def empty_copy(published_plan) -> Plan:
    """A second Plan with the same themes and objectives but no actions."""
    text = DEMO_PLAN.read_text(encoding="utf-8").replace(
        "slug: northmoor-2017-20", "slug: northmoor-copy"
    )
    plan, _ = plan_load(document=parse_plan_document(text), by=None)
    return plan


@pytest.fixture
def good_csv(tmp_path, lena) -> Path:
    return write_csv(tmp_path, GOOD)


@pytest.fixture
def imported(published_plan, good_csv) -> Plan:
    """The demo Plan with the good file imported."""
    import_file(good_csv, published_plan)
    return published_plan
