"""Reads of assurance records: the trackers' rows with their computed dates, and what is due
under the 56-day duty."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from planwatch.assurance.dates import DUE_SOON_DAYS, days_left
from planwatch.assurance.models import (
    AuditAction,
    DueDateRevision,
    Inspection,
    InspectionGrade,
    Recommendation,
    ResponseState,
)
from planwatch.delivery.latest import latest_published_statuses


def audit_actions() -> QuerySet[AuditAction]:
    return AuditAction.objects.select_related("audit", "priority", "owner").prefetch_related(
        Prefetch("revisions", queryset=DueDateRevision.objects.order_by("made_at", "pk")),
        "actions",
        "objectives",
    )


def recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("inspection", "owner").prefetch_related(
        "actions", "objectives"
    )


@dataclass(frozen=True)
class ResponseDue:
    inspection: Inspection
    days_left: int  # negative once overdue

    @property
    def days_over(self) -> int:
        return -self.days_left


def responses_due(today: dt.date, within: int = DUE_SOON_DAYS) -> list[ResponseDue]:
    """Inspections whose s.55 response is not yet published and falls due within `within`
    days or is overdue, soonest first."""
    found = []
    for inspection in Inspection.objects.exclude(response_state=ResponseState.PUBLISHED):
        left = days_left(inspection.response_due, today)
        if left <= within:
            found.append(ResponseDue(inspection, left))
    return sorted(found, key=lambda due: due.days_left)


def _links(item: AuditAction | Recommendation) -> dict[str, list[str]]:
    return {
        "actions": sorted(a.reference for a in item.actions.all()),
        "objectives": [o.text for o in item.objectives.all()],
    }


def status_report(today: dt.date) -> dict[str, Any]:
    """Every inspection and every tracked item, as `planwatch assurance-status --json` prints
    them (dates as YYYY-MM-DD)."""
    iso = dt.date.isoformat
    return {
        "today": iso(today),
        "inspections": [
            {
                "reference": i.reference,
                "title": i.title,
                "kind": i.kind,
                "published": iso(i.published_on),
                "response_due": iso(i.response_due),
                "response_state": i.response_state,
                "response_published": iso(i.response_published_on)
                if i.response_published_on
                else None,
                "days_left": None
                if i.response_state == ResponseState.PUBLISHED
                else days_left(i.response_due, today),
            }
            for i in Inspection.objects.all()
        ],
        "audit_actions": [
            {
                "audit": a.audit.reference,
                "reference": a.reference,
                "priority": a.priority.label,
                "owner": a.owner_name,
                "status": a.status,
                "original_due": iso(a.original_due),
                "revised_due": [iso(r.due) for r in a.revisions.all()],
                "current_due": iso(a.current_due),
                "slippage_days": a.slippage(today),
                **_links(a),
            }
            for a in audit_actions()
        ],
        "recommendations": [
            {
                "inspection": r.inspection.reference,
                "reference": r.reference,
                "kind": r.kind,
                "priority": None,
                "owner": r.owner_name,
                "status": r.status,
                "original_due": None,
                "revised_due": [],
                "slippage_days": None,
                **_links(r),
            }
            for r in recommendations()
        ],
    }


@dataclass(frozen=True)
class Filters:
    priority: str | None = None  # a priority level's code (audit actions only)
    status: str | None = None
    owner: str | None = None  # part of the owner's name or post
    overdue: bool = False


@dataclass(frozen=True)
class TrackerRow:
    """One line of a tracker, the same shape for an agreed action and a recommendation."""

    item: AuditAction | Recommendation
    source: str  # the audit's or report's reference
    source_title: str
    priority: str
    owner: str
    original_due: dt.date | None
    current_due: dt.date | None
    slippage: int | None
    overdue: bool
    links: tuple[str, ...]


TRACKERS = {
    "audit-actions": "Agreed audit actions",
    "recommendations": "Inspection recommendations",
}


def delivery_statuses(items) -> dict[int, str]:
    """Each linked Delivery Plan action's status in its latest published quarter (one query)."""
    ids = {action.pk for item in items for action in item.actions.all()}
    return {pk: rag.label for pk, rag in latest_published_statuses(ids).items()}


def _linked(item, statuses: dict[int, str]) -> tuple[str, ...]:
    """ "V1.1 (Green)": each linked action with its delivery status, when it has one."""
    return tuple(
        f"{a.reference} ({statuses[a.pk]})" if a.pk in statuses else a.reference
        for a in sorted(item.actions.all(), key=lambda a: a.reference)
    )


def tracker_rows(what: str, today: dt.date, filters: Filters = Filters()) -> list[TrackerRow]:
    """The tracker's rows (`what` is a key of TRACKERS), filtered, in reference order; each
    linked Delivery Plan action is shown with its latest published status."""
    rows = []
    if what == "audit-actions":
        items = audit_actions().order_by("audit__reported_on", "audit__reference", "reference")
        if filters.priority:
            items = items.filter(priority__code=filters.priority)
    else:
        items = recommendations().order_by("inspection__published_on", "inspection__pk", "pk")
    if filters.status:
        items = items.filter(status=filters.status)
    items = list(items)
    statuses = delivery_statuses(items)
    for item in items:
        owner = item.owner_name
        if filters.owner and filters.owner.casefold() not in owner.casefold():
            continue
        if isinstance(item, AuditAction):
            due = item.current_due
            row = TrackerRow(
                item,
                item.audit.reference,
                item.audit.title,
                item.priority.label,
                owner,
                item.original_due,
                due,
                item.slippage(today),
                not item.is_finished and due < today,
                _linked(item, statuses),
            )
        else:
            row = TrackerRow(
                item,
                item.inspection.reference,
                item.inspection.title,
                item.get_kind_display(),
                owner,
                None,
                None,
                None,
                False,
                _linked(item, statuses),
            )
        if filters.overdue and not row.overdue:
            continue
        rows.append(row)
    return rows


def answered_by(action) -> list[AuditAction | Recommendation]:
    """The agreed audit actions and recommendations a Delivery Plan action answers."""
    return [
        *AuditAction.objects.filter(actions=action).select_related("audit"),
        *Recommendation.objects.filter(actions=action).select_related("inspection"),
    ]


@dataclass(frozen=True)
class GradedReport:
    """A report's grades in the history of grades; `scheme_changed_from` names the scheme of
    the report before when this one was graded under another, so the break can be marked."""

    inspection: Inspection
    grades: tuple
    scheme: str
    scheme_changed_from: str | None


GRADES = InspectionGrade.objects.select_related("grade").order_by("pk")


def grade_history() -> list[GradedReport]:
    """Graded reports oldest first, each marked where the grading scheme changed."""
    history: list[GradedReport] = []
    reports = (
        Inspection.objects.filter(grades__isnull=False)
        .distinct()
        .order_by("published_on", "pk")
        .prefetch_related(
            Prefetch("grades", queryset=InspectionGrade.objects.select_related("grade"))
        )
    )
    for inspection in reports:
        grades = tuple(inspection.grades.all())
        scheme = grades[0].scheme
        before = history[-1].scheme if history else None
        changed = before if before is not None and before != scheme else None
        history.append(GradedReport(inspection, grades, scheme, changed))
    return history
