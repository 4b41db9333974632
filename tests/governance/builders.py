"""Small builders for bodies, meetings, agenda items and the forward plan, through the services
as the system (``by=None``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from planwatch.governance.models import (
    Access,
    AgendaItem,
    Body,
    Expectation,
    Meeting,
    PaperKind,
)
from planwatch.governance.services import (
    agenda_item_save,
    bodies_ensure_default,
    expectation_save,
    meeting_cancel,
    meeting_save,
)

BCB, PANEL, JAC = "business-co-ordination-board", "police-and-crime-panel", "joint-audit-committee"


def bodies() -> dict[str, Body]:
    """The three default bodies by slug (made again if a browser test's flush removed them)."""
    return {body.slug: body for body in bodies_ensure_default(by=None)}


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in UK time (Europe/London), made aware."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def meeting(
    body: Body,
    day: dt.date,
    *,
    hour: int = 10,
    hours: int = 2,
    access: str = Access.PUBLIC,
    title: str = "",
    venue: str = "Council Chamber, Moortown Town Hall",
    cancelled: bool = False,
) -> Meeting:
    made = meeting_save(
        meeting=Meeting(body=body),
        by=None,
        title=title,
        starts=at(day, hour),
        ends=at(day, hour + hours),
        venue=venue,
        access=access,
    )
    if cancelled:
        made = meeting_cancel(meeting=made, by=None, reason="No business")
    return made


def item(
    meeting: Meeting, number: str, title: str, kind: str = "", paper_title: str = ""
) -> AgendaItem:
    return agenda_item_save(
        item=AgendaItem(meeting=meeting),
        by=None,
        number=number,
        title=title,
        paper_kind=kind,
        paper_title=paper_title,
    )


def expect(
    body: Body, kind: str, title: str, *, months: set[int] | None = None, every: bool = False
) -> Expectation:
    return expectation_save(
        expectation=Expectation(),
        by=None,
        body=body,
        paper_kind=kind,
        title=title,
        every_meeting=every,
        months=months or set(),
    )


def matrix_ids() -> dict[str, object]:
    """For the permission matrix: the Panel with a public and a private meeting next September,
    an item on the public meeting's agenda and a paper in the forward plan."""
    panel = bodies()[PANEL]
    september = dt.date(timezone.localdate().year + 1, 9, 8)
    public = meeting(panel, september)
    private = meeting(panel, september, hour=14, access=Access.PRIVATE, title="Confidential")
    agenda_item = item(public, "5", "Delivery", PaperKind.DELIVERY_MONITORING, "Monitoring")
    expected = expect(panel, PaperKind.DELIVERY_MONITORING, "Monitoring", months={9, 11, 3})
    return {
        "body": panel.slug,
        "public_meeting": public.pk,
        "private_meeting": private.pk,
        "agenda_item": agenda_item.pk,
        "expectation": expected.pk,
    }
