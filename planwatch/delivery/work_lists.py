"""The work lists of the update workflow: the updates awaiting an officer's review and the
actions a Lead has to update."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from planwatch.delivery.models import (
    Action,
    ActionState,
    PeriodState,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.delivery.selectors import Row, is_overdue
from planwatch.plans.models import Plan
from planwatch.plans.selectors import plans_visible_to


def review_queue(*, plan: Plan | None = None) -> list[Row]:
    """Updates awaiting review, oldest first, each with the status it changes from."""
    updates = Update.objects.filter(state=UpdateState.SUBMITTED).select_related(
        "action__theme", "action__lead", "action__plan", "period", "rag", "submitted_by"
    )
    if plan is not None:
        updates = updates.filter(action__plan=plan)
    updates = list(updates.order_by("submitted_at", "pk"))
    published = list(
        ReportingPeriod.objects.filter(
            plan_id__in={u.action.plan_id for u in updates}, state=PeriodState.PUBLISHED
        ).order_by("starts")
    )

    def previous_of(period: ReportingPeriod) -> int | None:
        earlier = [
            p.pk for p in published if p.plan_id == period.plan_id and p.starts < period.starts
        ]
        return earlier[-1] if earlier else None

    wanted = {(u.action_id, previous_of(u.period)) for u in updates}
    before = {
        (u.action_id, u.period_id): u.rag
        for u in Update.objects.filter(
            action_id__in={a for a, _ in wanted},
            period_id__in={p for _, p in wanted if p},
            state=UpdateState.APPROVED,
        ).select_related("rag")
    }
    today = timezone.localdate()
    return [
        Row(
            u.action,
            u,
            before.get((u.action_id, previous_of(u.period))),
            is_overdue(u.action, u, today),
        )
        for u in updates
    ]


@dataclass
class MyAction:
    action: Action
    period: ReportingPeriod | None
    update: Update | None

    @property
    def status(self) -> str:
        if self.period is None:
            return "No period open"
        if self.update is None:
            return "To do"
        return self.update.get_state_display()

    @property
    def overdue(self) -> bool:
        return bool(
            self.period
            and self.period.update_deadline < timezone.localdate()
            and (
                self.update is None
                or self.update.state in (UpdateState.DRAFT, UpdateState.RETURNED)
            )
        )

    @property
    def needs_work(self) -> bool:
        return self.period is not None and (
            self.update is None or self.update.state in (UpdateState.DRAFT, UpdateState.RETURNED)
        )


def my_actions(*, user: Any) -> list[MyAction]:
    """The open actions a Lead leads, each with the update due in its Plan's open period."""
    actions = list(
        Action.objects.filter(lead=user, state=ActionState.OPEN, plan__in=plans_visible_to(user))
        .select_related("plan", "theme")
        .order_by("plan__title", "theme__order", "reference")
    )
    periods = {
        p.plan_id: p
        for p in ReportingPeriod.objects.filter(
            plan_id__in={a.plan_id for a in actions},
            state__in=[PeriodState.OPEN, PeriodState.IN_REVIEW],
        ).order_by("starts")
    }
    updates = {
        (u.action_id, u.period_id): u
        for u in Update.objects.filter(
            action__in=actions, period__in=list(periods.values())
        ).select_related("rag")
    }
    result = []
    for action in actions:
        period = periods.get(action.plan_id)
        result.append(
            MyAction(action, period, updates.get((action.pk, period.pk)) if period else None)
        )
    return result
