"""Reads of bodies, meetings and the forward plan. Who sees which meeting is decided here.

Private meetings are for OPCC staff and auditors; to anyone else they do not exist (404).
Each function runs a fixed number of queries however many meetings there are.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from planwatch.governance.forward_plan import (
    Expected,
    ExpectedPaper,
    ForwardPlan,
    Sitting,
    due_next,
    forward_plan,
)
from planwatch.governance.ical import FeedEvent
from planwatch.governance.models import (
    Access,
    AgendaItem,
    Body,
    Expectation,
    Meeting,
    MeetingStatus,
)
from planwatch.governance.months import Month, months_from
from planwatch.permissions import READ_ALL, can, role_of

FORWARD_PLAN_MONTHS = 12


def sees_private_meetings(user: Any) -> bool:
    """As the rule governance.view decides for a private meeting."""
    return role_of(user) in READ_ALL


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("body")
    return meetings if sees_private_meetings(user) else meetings.filter(access=Access.PUBLIC)


def body_for(slug: str) -> Body:
    body = Body.objects.filter(slug=slug).first()
    if body is None:
        raise Http404("No such body")
    return body


def meeting_for(user: Any, body: Body, pk: int) -> Meeting:
    """The meeting if the user may see it; 404 otherwise, so private meetings do not leak."""
    meeting = meetings_visible_to(user).filter(body=body, pk=pk).first()
    if meeting is None or not can(user, "governance.view", meeting):
        raise Http404("No such meeting")
    return meeting


def agenda(meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.agenda_items.order_by("position", "id")


def upcoming_meetings(user: Any, body: Body | None = None) -> QuerySet[Meeting]:
    """Meetings that have not ended yet, soonest first."""
    meetings = meetings_visible_to(user).filter(ends__gte=timezone.now())
    return (meetings.filter(body=body) if body else meetings).order_by("starts")


def past_meetings(user: Any, body: Body) -> QuerySet[Meeting]:
    """Meetings that have ended, most recent first."""
    return meetings_visible_to(user).filter(body=body, ends__lt=timezone.now()).order_by("-starts")


def next_meetings(user: Any) -> list[tuple[Body, Meeting | None]]:
    """Every body with its next meeting that is not cancelled (or None), in two queries."""
    bodies = list(Body.objects.all())
    upcoming = upcoming_meetings(user).filter(status=MeetingStatus.SCHEDULED)
    first: dict[int, Meeting] = {}
    for meeting in upcoming:
        first.setdefault(meeting.body_id, meeting)
    return [(body, first.get(body.pk)) for body in bodies]


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _month_bounds(first: Month, count: int = 1) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(first.first_day, dt.time()))
    end = timezone.make_aware(dt.datetime.combine(first.plus(count).first_day, dt.time()))
    return start, end


def month_meetings(user: Any, month: Month) -> list[tuple[dt.date, list[Meeting]]]:
    """The month's meetings the user may see, grouped by (local) day."""
    start, end = _month_bounds(month)
    meetings = meetings_visible_to(user).filter(starts__gte=start, starts__lt=end)
    meetings = meetings.order_by("starts", "body__order")
    return [(day, list(group)) for day, group in groupby(meetings, lambda m: _local_day(m.starts))]


def feed_events(body: Body, url_for: Any) -> list[FeedEvent]:
    """The body's public meetings as calendar events; ``url_for(meeting)`` gives each address.

    Private meetings are never in a feed: feeds are fetched by calendar programs, signed out.
    """
    meetings = body.meetings.filter(access=Access.PUBLIC).order_by("starts")
    return [
        FeedEvent(
            uid=f"meeting-{meeting.uid}@planwatch",
            sequence=meeting.sequence,
            changed=meeting.updated_at,
            starts=meeting.starts,
            ends=meeting.ends,
            summary=f"{body.name}: {meeting.title}" if meeting.title else body.name,
            location=meeting.venue,
            url=url_for(meeting),
            description=f"Agenda and papers: {url_for(meeting)}",
            cancelled=meeting.is_cancelled,
        )
        for meeting in meetings
    ]


def forward_plan_for(
    today: dt.date, months: int = FORWARD_PLAN_MONTHS
) -> tuple[ForwardPlan, list[tuple[Sitting, list[ExpectedPaper]]]]:
    """Each expected paper for ``months`` months from today's month against its meeting, and
    what is due next. The forward plan is for OPCC staff and auditors, so it counts private
    meetings too."""
    window = months_from(Month.of(today), months)
    start, end = _month_bounds(window[0], months)
    expectations = Expectation.objects.filter(is_active=True).select_related("body")
    meetings = (
        Meeting.objects.filter(starts__gte=start, starts__lt=end)
        .select_related("body")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.exclude(paper_kind=""))
        )
    )
    expected = [
        Expected(
            body=e.body_id,
            paper_kind=e.paper_kind,
            title=e.title,
            every_meeting=e.every_meeting,
            months=e.month_numbers,
            ref=e,
        )
        for e in expectations
    ]
    sittings = [
        Sitting(
            body=m.body_id,
            day=_local_day(m.starts),
            cancelled=m.is_cancelled,
            paper_kinds=frozenset(item.paper_kind for item in m.agenda_items.all()),
            ref=m,
        )
        for m in meetings
    ]
    plan = forward_plan(expected, sittings, window)
    return plan, due_next(plan, today)
