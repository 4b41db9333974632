"""Writes to bodies, meetings, agendas and the forward plan. Each is one transaction that records
who made the change (django-simple-history) and checks the permission rules itself.

``by=None`` is the system (a command or the demo, run by the server's operator).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from planwatch.accounts.models import User
from planwatch.governance.agenda import agenda_position
from planwatch.governance.models import AgendaItem, Body, Expectation, Meeting, MeetingStatus
from planwatch.governance.months import format_months
from planwatch.permissions import can
from planwatch.recorded import delete_recorded
from planwatch.recorded import save_recorded as _save

# name, short name, slug, description; the same bodies as the migration that seeds them.
DEFAULT_BODIES = (
    (
        "Business Co-ordination Board",
        "BCB",
        "business-co-ordination-board",
        "The Commissioner's board for decisions and for holding the Chief Constable to account "
        "for performance. It meets in public.",
    ),
    (
        "Police and Crime Panel",
        "Panel",
        "police-and-crime-panel",
        "Councillors and independent members who scrutinise the Commissioner, including how "
        "the Police and Crime Plan is delivered.",
    ),
    (
        "Joint Audit Committee",
        "JAC",
        "joint-audit-committee",
        "The audit committee of the Commissioner and the Chief Constable: internal and external "
        "audit, risk and the actions agreed.",
    ),
)
BODY_FIELDS = frozenset({"name", "short_name", "slug", "description", "default_venue", "order"})
MEETING_FIELDS = frozenset({"title", "starts", "ends", "venue", "access"})
AGENDA_FIELDS = frozenset({"number", "title", "paper_kind", "paper_title"})


def _require(by: User | None, rule: str = "governance.manage") -> None:
    if by is not None and not can(by, rule):
        raise PermissionDenied(rule)


def _set(obj: Any, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(obj, name, value)


@transaction.atomic
def body_save(*, body: Body, by: User | None, **fields: Any) -> Body:
    """Add a body, or change one. A body's slug is fixed once made: feeds are subscribed to it."""
    _require(by)
    if body.pk and "slug" in fields and fields["slug"] != body.slug:
        raise ValidationError({"slug": "A body's web address cannot be changed."})
    _set(body, fields, BODY_FIELDS)
    _save(body, by)
    return body


@transaction.atomic
def bodies_ensure_default(*, by: User | None) -> list[Body]:
    """The BCB, the Panel and the JAC, each added if missing (matched by slug)."""
    _require(by)
    bodies = []
    for order, (name, short_name, slug, description) in enumerate(DEFAULT_BODIES, start=1):
        body = Body.objects.filter(slug=slug).first()
        if body is None:
            body = Body(
                name=name, short_name=short_name, slug=slug, description=description, order=order
            )
            _save(body, by)
        bodies.append(body)
    return bodies


@transaction.atomic
def meeting_save(*, meeting: Meeting, by: User | None, **fields: Any) -> Meeting:
    """Add a meeting, or change its title, times, venue or access.

    A change counts in the meeting's calendar SEQUENCE, so subscribed calendars update.
    """
    _require(by)
    if meeting.pk:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        meeting.sequence += 1
    _set(meeting, fields, MEETING_FIELDS)
    _save(meeting, by)
    return meeting


def _set_status(meeting: Meeting, by: User | None, status: str, reason: str) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status == status:
        raise ValidationError(f"The meeting is already {locked.get_status_display().lower()}.")
    locked.status = status
    locked.cancellation_reason = reason if status == MeetingStatus.CANCELLED else ""
    locked.sequence += 1
    _save(locked, by, reason)
    return locked


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User | None, reason: str = "") -> Meeting:
    """Cancel a meeting. It stays listed, marked cancelled, and its feed entry says so."""
    _require(by)
    return _set_status(meeting, by, MeetingStatus.CANCELLED, reason.strip())


@transaction.atomic
def meeting_reinstate(*, meeting: Meeting, by: User | None) -> Meeting:
    """Undo a cancellation."""
    _require(by)
    return _set_status(meeting, by, MeetingStatus.SCHEDULED, "Reinstated")


@transaction.atomic
def agenda_item_save(*, item: AgendaItem, by: User | None, **fields: Any) -> AgendaItem:
    """Add an item to a meeting's agenda, or change one."""
    _require(by)
    _set(item, fields, AGENDA_FIELDS)
    item.number = item.number.strip()
    try:
        item.position = agenda_position(item.number)
    except ValueError as error:
        raise ValidationError({"number": str(error)}) from None
    others = AgendaItem.objects.filter(meeting_id=item.meeting_id, number=item.number)
    if others.exclude(pk=item.pk).exists():
        raise ValidationError({"number": f"The agenda already has an item {item.number}."})
    _save(item, by)
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: User | None) -> None:
    """Take an item off the agenda; its history keeps who removed it."""
    _require(by)
    delete_recorded(item, by)


@transaction.atomic
def expectation_save(
    *,
    expectation: Expectation,
    by: User | None,
    body: Body,
    paper_kind: str,
    title: str,
    every_meeting: bool,
    months: set[int] | frozenset[int] = frozenset(),
    is_active: bool = True,
) -> Expectation:
    """Add a paper to the forward plan, or change one: to every meeting of the body, or to its
    meetings in the given months of the year."""
    _require(by)
    if not every_meeting and not months:
        raise ValidationError({"months": "Choose the months the paper goes in"})
    expectation.body = body
    expectation.paper_kind = paper_kind
    expectation.title = title
    expectation.every_meeting = every_meeting
    expectation.months = "" if every_meeting else format_months(months)
    expectation.is_active = is_active
    _save(expectation, by)
    return expectation
