"""A body's meetings as an iCalendar feed (RFC 5545), from plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
)

LONDON = ZoneInfo("Europe/London")
PRODID = "-//PlanWatch//Meetings//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often subscribed calendars should look again (RFC 7986, and Outlook's older name for it).
REFRESH = dt.timedelta(hours=6)


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    sequence: int
    changed: dt.datetime
    starts: dt.datetime
    ends: dt.datetime
    summary: str
    location: str
    url: str
    description: str
    cancelled: bool


def _london() -> Timezone:
    """Europe/London by its rule since 1996 (last Sundays of March and October), which every
    calendar reads, rather than a list of dates that runs out."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("dtstart", dt.datetime(1981, 3, 29, 1, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    summer.add("tzoffsetfrom", dt.timedelta(hours=0))
    summer.add("tzoffsetto", dt.timedelta(hours=1))
    summer.add("tzname", "BST")
    winter = TimezoneStandard()
    winter.add("dtstart", dt.datetime(1996, 10, 27, 2, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    winter.add("tzoffsetfrom", dt.timedelta(hours=1))
    winter.add("tzoffsetto", dt.timedelta(hours=0))
    winter.add("tzname", "GMT")
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _event(item: FeedEvent) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("sequence", item.sequence)
    event.add("dtstamp", item.changed.astimezone(dt.UTC))
    event.add("last-modified", item.changed.astimezone(dt.UTC))
    event.add("dtstart", item.starts.astimezone(LONDON))
    event.add("dtend", item.ends.astimezone(LONDON))
    event.add("summary", f"Cancelled: {item.summary}" if item.cancelled else item.summary)
    if item.location:
        event.add("location", item.location)
    event.add("url", item.url)
    if item.description:
        event.add("description", item.description)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("class", "PUBLIC")
    event.add("transp", "OPAQUE")
    return event


def meetings_calendar(*, name: str, description: str, events: Iterable[FeedEvent]) -> bytes:
    """The feed: a VCALENDAR with the Europe/London time zone and one VEVENT per meeting."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", "Europe/London")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    calendar.add_component(_london())
    for item in events:
        calendar.add_component(_event(item))
    return calendar.to_ical()
