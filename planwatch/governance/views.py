"""Reading about bodies and meetings: the bodies, a body's meetings, a meeting and its agenda,
the calendar by month and each body's calendar feed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from planwatch.governance.ical import CONTENT_TYPE, meetings_calendar
from planwatch.governance.months import Month
from planwatch.governance.selectors import (
    agenda,
    body_for,
    feed_events,
    meeting_for,
    month_meetings,
    next_meetings,
    past_meetings,
    upcoming_meetings,
)
from planwatch.language import in_english
from planwatch.papers.kinds import buildable_agenda_kinds
from planwatch.papers.selectors import latest_pack, pack_in_hand, papers_at_meeting
from planwatch.permissions import allow, can

MEETINGS_PER_PAGE = 20


def _feed_addresses(request: HttpRequest, body_slug: str) -> dict[str, str]:
    """The feed's address, and the same as webcal:// so a click opens a calendar program."""
    address = request.build_absolute_uri(reverse("governance:feed", kwargs={"body": body_slug}))
    return {"feed_url": address, "webcal_url": "webcal://" + address.split("://", 1)[1]}


@require_GET
@allow("governance.view")
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/index.html", {"bodies": next_meetings(request.user)})


@require_GET
@allow("governance.view")
def body_page(request: HttpRequest, body: str) -> HttpResponse:
    found = body_for(body)
    meetings = upcoming_meetings(request.user, found)
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/body.html",
        {"body": found, "page": page, "past": False, **_feed_addresses(request, found.slug)},
    )


@require_GET
@allow("governance.view")
def body_past(request: HttpRequest, body: str) -> HttpResponse:
    found = body_for(body)
    meetings = past_meetings(request.user, found)
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/body.html",
        {"body": found, "page": page, "past": True, **_feed_addresses(request, found.slug)},
    )


@require_GET
@allow("governance.view")
def meeting_page(request: HttpRequest, body: str, pk: int) -> HttpResponse:
    meeting = meeting_for(request.user, body_for(body), pk)
    papers = papers_at_meeting(request.user, meeting)
    items = list(agenda(meeting))
    for item in items:
        item.paper_entries = papers.get(item.pk, [])
    return render(
        request,
        "governance/meeting.html",
        {
            "body": meeting.body,
            "meeting": meeting,
            "items": items,
            "other_papers": papers.get(None, []),
            "buildable": buildable_agenda_kinds(),
            **_pack(request, meeting, papers),
        },
    )


def _pack(request: HttpRequest, meeting, papers: dict) -> dict:
    """The meeting's agenda pack, whether papers were published after it, and for OPCC staff
    one being assembled."""
    pack = latest_pack(meeting)
    published = max(
        (
            entry.latest.published_at
            for entries in papers.values()
            for entry in entries
            if entry.latest
        ),
        default=None,
    )
    return {
        "pack": pack,
        "pack_stale": pack is not None and published is not None and published > pack.started_at,
        "pack_in_hand": pack_in_hand(meeting) if can(request.user, "paper.manage") else None,
        "any_published": published is not None,
    }


def _step(month: Month, months: int) -> Month | None:
    try:
        return month.plus(months)
    except ValueError:
        return None


def _calendar(request: HttpRequest, month: Month) -> HttpResponse:
    return render(
        request,
        "governance/calendar.html",
        {
            "month": month,
            "days": month_meetings(request.user, month),
            "previous": _step(month, -1),
            "next": _step(month, 1),
            "this_month": Month.of(timezone.localdate()),
        },
    )


@require_GET
@allow("governance.view")
def calendar_now(request: HttpRequest) -> HttpResponse:
    return _calendar(request, Month.of(timezone.localdate()))


@require_GET
@allow("governance.view")
def calendar_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    try:
        chosen = Month(year, month)
    except ValueError:
        raise Http404("No such month") from None
    return _calendar(request, chosen)


@require_GET
@allow("governance.view")
@in_english  # a file for calendar programs, the same at /cy/...
def feed(request: HttpRequest, body: str) -> HttpResponse:
    """The body's public meetings as iCalendar, for calendar programs to subscribe to."""
    found = body_for(body)
    events = feed_events(found, lambda m: request.build_absolute_uri(m.get_absolute_url()))
    content = meetings_calendar(
        name=f"{found.name} meetings", description=found.description, events=events
    )
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{found.slug}-meetings.ics"'
    return response
