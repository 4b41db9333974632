"""Small builders for Delivery Plan tests: every row goes through the services."""

from __future__ import annotations

import datetime as dt

from planwatch.accounts.models import User
from planwatch.delivery.models import Action, PeriodState, RagStatus, ReportingPeriod, Update
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import (
    action_save,
    period_advance,
    period_create,
    rag_key_ensure,
    update_record_approved,
    update_save,
)
from planwatch.plans.models import Plan

STATES_IN_ORDER = [
    PeriodState.PLANNED,
    PeriodState.OPEN,
    PeriodState.IN_REVIEW,
    PeriodState.PUBLISHED,
]


def rag_key(plan: Plan) -> dict[str, RagStatus]:
    """The Plan's RAG key (the default one unless the Plan has its own), by code."""
    return {status.code: status for status in rag_key_ensure(plan=plan, by=None)}


def quarter(plan: Plan, slug: str, state: str = PeriodState.OPEN) -> ReportingPeriod:
    """A reporting period moved step by step to ``state``."""
    period = period_create(plan=plan, quarter=parse_quarter(slug), by=None)
    for step in STATES_IN_ORDER[1 : STATES_IN_ORDER.index(state) + 1]:
        period_advance(period=period, to=step, by=None)
    return period


def publish(period: ReportingPeriod) -> ReportingPeriod:
    """Move a period on until it is published."""
    for step in STATES_IN_ORDER[STATES_IN_ORDER.index(period.state) + 1 :]:
        period_advance(period=period, to=step, by=None)
    return period


def action(
    plan: Plan,
    reference: str,
    *,
    theme: str = "Victims",
    lead: User | None = None,
    lead_name: str = "",
    objective: int | None = 0,
    due: dt.date | None = None,
    title: str | None = None,
) -> Action:
    """An action under a theme of the Plan (and its first objective unless told otherwise)."""
    found = plan.themes.get(name=theme)
    return action_save(
        action=Action(
            plan=plan,
            theme=found,
            objective=None if objective is None else found.objectives.all()[objective],
            reference=reference,
            title=title or f"Deliver {reference}",
            lead=lead,
            lead_name=lead_name,
            due=due,
        ),
        by=None,
    )


def approved(action: Action, period: ReportingPeriod, code: str, commentary: str = "") -> Update:
    """An approved update, as an officer's import would record it."""
    return update_record_approved(
        action=action,
        period=period,
        rag=rag_key(action.plan)[code],
        commentary=commentary,
        by=None,
    )


def written(
    action: Action,
    period: ReportingPeriod,
    code: str,
    commentary: str = "",
    *,
    by: User | None = None,
    submit: bool = True,
) -> Update:
    """A Lead's update, submitted for review (or only saved as a draft)."""
    return update_save(
        action=action,
        period=period,
        rag=rag_key(action.plan)[code],
        commentary=commentary,
        by=by or action.lead,
        submit=submit,
    )
