"""Each body's calendar feed (RFC 5545): public meetings only, right times, cancellations marked."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from planwatch.governance.models import Access
from planwatch.governance.services import meeting_save
from tests.governance import builders

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC


def _feed(client, slug: str = builders.PANEL) -> Calendar:
    response = client.get(f"/governance/{slug}/meetings.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def meetings(panel, bcb) -> dict[str, object]:
    """Panel meetings in summer (BST) and winter (GMT), a cancelled and a private one; a BCB."""
    return {
        "summer": builders.meeting(panel, dt.date(2027, 9, 8), hour=10, title="Summer"),
        "winter": builders.meeting(panel, dt.date(2027, 1, 26), hour=14, title="Winter"),
        "cancelled": builders.meeting(panel, dt.date(2027, 3, 2), title="Spring", cancelled=True),
        "private": builders.meeting(
            panel, dt.date(2027, 9, 8), hour=13, access=Access.PRIVATE, title="Secret"
        ),
        "bcb": builders.meeting(bcb, dt.date(2027, 9, 1), title="Board"),
    }


def test_the_feed_holds_exactly_the_bodys_public_meetings(client, officer, meetings):
    client.force_login(officer)  # even OPCC staff get the public feed: calendars fetch it alone

    events = _events(_feed(client))

    assert sorted(events) == [
        "Cancelled: Police and Crime Panel: Spring",
        "Police and Crime Panel: Summer",
        "Police and Crime Panel: Winter",
    ]
    assert "Secret" not in _feed(client).to_ical().decode()


def test_times_are_in_europe_london_summer_and_winter(client, meetings):
    events = _events(_feed(client))

    summer = events["Police and Crime Panel: Summer"]
    winter = events["Police and Crime Panel: Winter"]
    assert summer["DTSTART"].params["TZID"] == "Europe/London"
    assert summer.decoded("DTSTART") == dt.datetime(2027, 9, 8, 10, tzinfo=LONDON)
    assert summer.decoded("DTSTART").astimezone(UTC) == dt.datetime(2027, 9, 8, 9, tzinfo=UTC)
    assert summer.decoded("DTEND") == dt.datetime(2027, 9, 8, 12, tzinfo=LONDON)
    assert winter.decoded("DTSTART").astimezone(UTC) == dt.datetime(2027, 1, 26, 14, tzinfo=UTC)
    assert b"TZID:Europe/London" in _feed(client).to_ical()


def test_each_event_has_a_stable_uid_a_stamp_a_place_and_an_address(client, meetings):
    summer = meetings["summer"]
    before = _events(_feed(client))["Police and Crime Panel: Summer"]

    meeting_save(meeting=summer, by=None, venue="Committee Room 2", starts=summer.starts)
    after = _events(_feed(client))["Police and Crime Panel: Summer"]

    assert str(before["UID"]) == str(after["UID"]) == f"meeting-{summer.uid}@planwatch"
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
    assert after.decoded("DTSTAMP").tzinfo is not None
    assert str(after["LOCATION"]) == "Committee Room 2"
    assert str(after["URL"]) == (
        f"http://testserver/governance/police-and-crime-panel/meetings/{summer.pk}/"
    )
    assert str(after["STATUS"]) == "CONFIRMED"
    uids = [str(event["UID"]) for event in _feed(client).walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_a_cancelled_meeting_is_marked_cancelled(client, meetings):
    event = _events(_feed(client))["Cancelled: Police and Crime Panel: Spring"]

    assert str(event["STATUS"]) == "CANCELLED"


def test_the_calendar_names_itself_and_says_how_often_to_look_again(client, meetings):
    calendar = _feed(client, builders.BCB)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//PlanWatch//Meetings//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Business Co-ordination Board meetings"
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [
        "Business Co-ordination Board: Board"
    ]


def test_a_body_with_no_meetings_has_an_empty_feed_and_an_unknown_body_none(client, jac):
    assert _feed(client, builders.JAC).walk("VEVENT") == []
    assert client.get("/governance/no-such-body/meetings.ics").status_code == 404


def test_the_body_page_links_to_the_feed_for_subscription(client, panel):
    html = client.get("/governance/police-and-crime-panel/").content.decode()

    assert 'href="webcal://testserver/governance/police-and-crime-panel/meetings.ics"' in html
    assert 'href="/governance/police-and-crime-panel/meetings.ics"' in html
