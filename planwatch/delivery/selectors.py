"""Reads of the Delivery Plan, with what each user may see decided through the rules.

Each function runs a fixed number of queries however many actions there are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from typing import Any

from django.http import Http404
from django.utils import timezone

from planwatch.delivery.direction import Direction, StatusPoint, direction_of_travel
from planwatch.delivery.models import (
    Action,
    ActionState,
    PeriodState,
    RagStatus,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.permissions import READ_ALL, can, role_of
from planwatch.plans.lifecycle import Wording, published_wording
from planwatch.plans.models import Plan


def periods_visible_to(user: Any, plan: Plan):
    periods = plan.periods.all()
    return periods if role_of(user) in READ_ALL else periods.filter(state=PeriodState.PUBLISHED)


def period_for(user: Any, plan: Plan, slug: str) -> ReportingPeriod:
    """The period if the user may see it; 404 otherwise, so unpublished periods do not leak."""
    period = periods_visible_to(user, plan).filter(slug=slug).select_related("plan").first()
    if period is None or not can(user, "delivery.view", period):
        raise Http404("No such reporting period")
    return period


def previous_published_period(period: ReportingPeriod) -> ReportingPeriod | None:
    return (
        ReportingPeriod.objects.filter(
            plan_id=period.plan_id, state=PeriodState.PUBLISHED, starts__lt=period.starts
        )
        .order_by("-starts")
        .first()
    )


def previous_approved_rag(*, action: Action, period: ReportingPeriod) -> RagStatus | None:
    """The action's approved status in the published period before this one."""
    previous = previous_published_period(period)
    if previous is None:
        return None
    update = (
        Update.objects.filter(action=action, period=previous, state=UpdateState.APPROVED)
        .select_related("rag")
        .first()
    )
    return update.rag if update else None


def point(rag: RagStatus | None) -> StatusPoint | None:
    return None if rag is None else StatusPoint(rank=rag.rank, is_complete=rag.is_complete)


@dataclass
class Row:
    """An action in a period. Its status and direction are worked out once: a page reads
    them several times (the row itself, then the summaries of its theme and of the Plan)."""

    action: Action
    update: Update | None
    previous_rag: RagStatus | None
    overdue: bool

    @cached_property
    def rag(self) -> RagStatus | None:
        return self.update.rag if self.update else None

    @cached_property
    def direction(self) -> Direction | None:
        if self.update is None or self.update.state != UpdateState.APPROVED:
            return None
        return direction_of_travel(point(self.previous_rag), point(self.update.rag))


@dataclass
class Summary:
    """Counts over a fixed set of rows, each counted once however often a page reads it."""

    key: list[RagStatus]
    rows: list[Row]

    @property
    def total(self) -> int:
        return len(self.rows)

    @cached_property
    def counts(self) -> list[tuple[RagStatus | None, int]]:
        by_code = Counter(row.rag.code if row.rag else None for row in self.rows)
        counts: list[tuple[RagStatus | None, int]] = [(s, by_code.get(s.code, 0)) for s in self.key]
        if by_code.get(None):
            counts.append((None, by_code[None]))
        return counts

    @cached_property
    def on_track(self) -> int:
        return sum(1 for row in self.rows if row.rag and row.rag.counts_as_on_track)

    @cached_property
    def reported(self) -> int:
        return sum(1 for row in self.rows if row.rag)

    @property
    def on_track_share(self) -> float | None:
        """Share of actions with a status that are on track (None when none has a status)."""
        return self.on_track / self.reported if self.reported else None

    @cached_property
    def directions(self) -> list[tuple[Direction, int]]:
        found = Counter(row.direction for row in self.rows if row.direction)
        return [(direction, found.get(direction, 0)) for direction in Direction]


@dataclass
class ObjectiveGroup:
    text: str | None
    rows: list[Row]


@dataclass
class ThemeGroup:
    name: str
    groups: list[ObjectiveGroup]
    summary: Summary


@dataclass
class DeliveryPlan:
    plan: Plan
    period: ReportingPeriod
    previous_period: ReportingPeriod | None
    key: list[RagStatus]
    themes: list[ThemeGroup]
    summary: Summary
    leads: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Filters:
    theme: int | None = None
    status: str | None = None
    lead: str | None = None
    overdue: bool = False

    def admits(self, row: Row) -> bool:
        if self.theme and row.action.theme_id != self.theme:
            return False
        if self.status and (row.rag.code if row.rag else "none") != self.status:
            return False
        if self.lead and _lead_key(row.action) != self.lead:
            return False
        return not (self.overdue and not row.overdue)


def _lead_key(action: Action) -> str:
    return f"user-{action.lead_id}" if action.lead_id else f"name-{action.lead_name}"


def is_overdue(action: Action, update: Update | None, as_of: dt.date) -> bool:
    finished = action.state != ActionState.OPEN or (update is not None and update.rag.is_complete)
    return bool(action.due and action.due < as_of and not finished)


def natural_key(reference: str) -> tuple:
    """Sort V2 before V10: digits compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", reference)
        if part
    )


def reading_order(action: Action) -> tuple:
    """Theme by theme, objectives in order with unlinked actions last, references naturally."""
    objective = action.objective
    return (
        action.theme.order,
        action.theme_id,
        objective is None,
        objective.order if objective else 0,
        objective.pk if objective else 0,
        natural_key(action.reference),
    )


def objective_wording(action: Action, wording: Wording | None) -> str | None:
    """The objective's wording: as published while a variation is in hand that the reader may
    not see (an objective the variation added shows as none)."""
    if wording is not None:
        return wording.objective(action.objective_id)
    return action.objective.text if action.objective else None


def _statuses(key: list[RagStatus], wanted: set[int]) -> dict[int, RagStatus]:
    """The statuses updates point to, by id: the Plan's key, read once, rather than a copy
    joined to each update (any status outside the key is fetched, in one query)."""
    found = {status.pk: status for status in key}
    missing = wanted - found.keys()
    if missing:
        found.update(RagStatus.objects.in_bulk(missing))
    return found


def delivery_plan(
    *,
    user: Any,
    plan: Plan,
    period: ReportingPeriod,
    filters: Filters | None = None,
    include_unapproved: bool = False,
) -> DeliveryPlan:
    """The Delivery Plan for a period, grouped by theme and objective, as the user may see it.

    ``include_unapproved`` is for the system (a draft report run from the command line):
    it shows updates not yet approved whoever the user is.
    """
    filters = filters or Filters()
    sees_unapproved = include_unapproved or role_of(user) in READ_ALL
    previous = previous_published_period(period)
    key = list(plan.rag_statuses.all())
    actions = list(Action.objects.filter(plan=plan).select_related("theme", "objective", "lead"))
    actions.sort(key=reading_order)
    # Unordered: the rows take the actions' order (the default order would join and sort).
    updates = Update.objects.filter(period=period, action__plan=plan).order_by()
    if not sees_unapproved:
        # Only approved updates of a published period, even when a caller skips period_for.
        updates = updates.filter(state=UpdateState.APPROVED, period__state=PeriodState.PUBLISHED)
    updates = list(updates)
    earlier = (
        list(
            Update.objects.filter(period=previous, state=UpdateState.APPROVED)
            .order_by()
            .values_list("action_id", "rag_id")
        )
        if previous
        else []
    )
    statuses = _statuses(key, {u.rag_id for u in updates} | {rag for _, rag in earlier})
    for update in updates:
        update.rag = statuses[update.rag_id]
    current = {update.action_id: update for update in updates}
    # A withdrawn action stays in the record only for the quarters where it was reported.
    actions = [a for a in actions if a.state != ActionState.WITHDRAWN or a.pk in current]
    before = {action_id: statuses[rag] for action_id, rag in earlier}
    as_of = min(timezone.localdate(), period.ends)
    rows = [
        Row(
            action,
            current.get(action.pk),
            before.get(action.pk),
            is_overdue(action, current.get(action.pk), as_of),
        )
        for action in actions
    ]
    leads = sorted(
        {(_lead_key(a), a.lead_display) for a in actions if a.lead_display}, key=lambda p: p[1]
    )
    rows = [row for row in rows if filters.admits(row)]
    wording = published_wording(plan, user)  # a variation in hand this user may not read
    themes: list[ThemeGroup] = []
    for _, theme_rows in groupby(rows, key=lambda row: row.action.theme_id):
        theme_rows = list(theme_rows)
        first = theme_rows[0].action
        groups = [
            ObjectiveGroup(objective_wording(group[0].action, wording), group)
            for _, grouped in groupby(theme_rows, key=lambda row: row.action.objective_id)
            for group in [list(grouped)]
        ]
        name = wording.theme(first.theme_id) if wording else first.theme.name
        themes.append(ThemeGroup(name, groups, Summary(key, theme_rows)))
    return DeliveryPlan(plan, period, previous, key, themes, Summary(key, rows), leads)


def action_updates(
    *, action: Action, include_unapproved: bool
) -> list[tuple[Update, Direction | None]]:
    """An action's updates, newest first, each approved one with its direction of travel."""
    updates = list(action.updates.select_related("period", "rag").order_by("period__starts"))
    if not include_unapproved:
        updates = [u for u in updates if u.state == UpdateState.APPROVED and u.period.is_published]
    published = list(
        ReportingPeriod.objects.filter(plan_id=action.plan_id, state=PeriodState.PUBLISHED)
        .order_by("starts")
        .values_list("pk", "starts")
    )
    approved = {
        u.period_id: u.rag
        for u in updates
        if u.state == UpdateState.APPROVED and u.period.is_published
    }
    result = []
    for update in updates:
        direction = None
        if update.state == UpdateState.APPROVED:
            earlier = [pk for pk, starts in published if starts < update.period.starts]
            previous = approved.get(earlier[-1]) if earlier else None
            direction = direction_of_travel(point(previous), point(update.rag))
        result.append((update, direction))
    return list(reversed(result))
