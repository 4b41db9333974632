"""The demo's meetings for Northmoor: a year of Panel, BCB and JAC meetings around today.

Dates follow today's, so the calendar and the forward plan always have something coming. The
June Panel is left out on purpose: the forward plan then shows the Annual Report with no meeting
to go to. Meetings are added only while there are none, and the forward plan only while it is
empty, so running the demo again never undoes what officers did since.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from planwatch.governance.models import (
    Access,
    AgendaItem,
    Body,
    Expectation,
    Meeting,
    PaperKind,
)
from planwatch.governance.months import Month, months_from
from planwatch.governance.services import (
    agenda_item_save,
    bodies_ensure_default,
    body_save,
    expectation_save,
    meeting_cancel,
    meeting_save,
)

BCB, PANEL, JAC = "business-co-ordination-board", "police-and-crime-panel", "joint-audit-committee"
HEADQUARTERS = "Northmoor Police Headquarters, Moortown"
TOWN_HALL = "Council Chamber, Moortown Town Hall"
VENUES = {BCB: HEADQUARTERS, PANEL: TOWN_HALL, JAC: HEADQUARTERS}
DELIVERY = "Monitoring the delivery of the Police and Crime Plan"
ANNUAL = "The Commissioner's Annual Report"
PERFORMANCE = "Performance report and data pack"
AUDIT = "Internal audit progress report"
# body, kind, title, every meeting, months of the year
EXPECTATIONS = (
    (PANEL, PaperKind.DELIVERY_MONITORING, DELIVERY, False, {9, 11, 3}),
    (PANEL, PaperKind.ANNUAL, ANNUAL, False, {6}),
    (BCB, PaperKind.PERFORMANCE, PERFORMANCE, True, set()),
    (JAC, PaperKind.OTHER, AUDIT, True, set()),
)
# body, months of the year, weekday (Monday 0), start and end time
SCHEDULE = (
    (PANEL, {2, 3, 9, 11}, 2, dt.time(10), dt.time(12, 30)),
    (BCB, {1, 3, 5, 7, 9, 11}, 1, dt.time(14), dt.time(16)),
    (JAC, {3, 7, 9, 12}, 3, dt.time(10), dt.time(12)),
)
OPENING_ITEMS = (("1", "Apologies for absence"), ("2", "Declarations of interest"))
# body: number, title and kind of the paper on each agenda
PAPERS = {
    PANEL: ("5", DELIVERY, PaperKind.DELIVERY_MONITORING),
    BCB: ("4", PERFORMANCE, PaperKind.PERFORMANCE),
    JAC: ("6", AUDIT, PaperKind.OTHER),
}
PRECEPT = ("5", "The Commissioner's proposed precept", PaperKind.OTHER)


def _first_weekday(month: Month, weekday: int) -> dt.date:
    first = month.first_day
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _forward_plan(bodies: dict[str, Body]) -> None:
    for slug, kind, title, every_meeting, months in EXPECTATIONS:
        expectation_save(
            expectation=Expectation(),
            by=None,
            body=bodies[slug],
            paper_kind=kind,
            title=title,
            every_meeting=every_meeting,
            months=months,
        )


def _agenda(meeting: Meeting, slug: str, month: Month) -> None:
    for number, title in OPENING_ITEMS:
        agenda_item_save(item=AgendaItem(meeting=meeting), by=None, number=number, title=title)
    number, title, kind = PRECEPT if (slug, month.month) == (PANEL, 2) else PAPERS[slug]
    agenda_item_save(
        item=AgendaItem(meeting=meeting),
        by=None,
        number=number,
        title=title,
        paper_kind=kind,
        paper_title=title,
    )


def _meetings(bodies: dict[str, Body], today: dt.date) -> None:
    """Two months back to a year ahead. Past meetings and the next of each body have an agenda;
    the last BCB is cancelled and December's JAC is private."""
    window = months_from(Month.of(today).plus(-2), 14)
    for slug, months, weekday, starts, ends in SCHEDULE:
        next_has_agenda = False
        meeting = None
        for month in window:
            if month.month not in months:
                continue
            day = _first_weekday(month, weekday)
            # December's JAC meets in private, with the auditors.
            private = (slug, month.month) == (JAC, 12)
            meeting = meeting_save(
                meeting=Meeting(body=bodies[slug]),
                by=None,
                title="Private meeting with the auditors" if private else "",
                starts=_at(day, starts),
                ends=_at(day, ends),
                venue=VENUES[slug],
                access=Access.PRIVATE if private else Access.PUBLIC,
            )
            if day < today or not next_has_agenda:
                _agenda(meeting, slug, month)
                next_has_agenda = day >= today
        if slug == BCB and meeting is not None:
            meeting_cancel(meeting=meeting, by=None, reason="Combined with the next meeting.")


@transaction.atomic
def governance_demo_load(today: dt.date | None = None) -> None:
    """Northmoor's bodies, forward plan and meetings; safe to run twice."""
    today = today or timezone.localdate()
    bodies = {body.slug: body for body in bodies_ensure_default(by=None)}
    for slug, venue in VENUES.items():
        if not bodies[slug].default_venue:
            body_save(body=bodies[slug], by=None, default_venue=venue)
    if not Expectation.objects.exists():
        _forward_plan(bodies)
    if not Meeting.objects.exists():
        _meetings(bodies, today)
