"""Governance pages through the test client: what each role sees, the officers' forms, and cost."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from planwatch.governance.models import Access, AgendaItem, Meeting, MeetingStatus, PaperKind
from tests.governance import builders

PANEL_PAGE = "/governance/police-and-crime-panel/"
SEEING_PRIVATE = {"anonymous": False, "lead": False, "panel_member": False}
SEEING_PRIVATE |= {"officer": True, "administrator": True, "auditor": True}


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _client_as(client, request, role: str):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.fixture
def two_meetings(panel, next_september):
    public = builders.meeting(panel, next_september, title="Public session")
    builders.item(public, "1", "Apologies")
    builders.item(public, "5", "Delivery", PaperKind.DELIVERY_MONITORING, "Monitoring delivery")
    private = builders.meeting(
        panel, next_september, hour=14, access=Access.PRIVATE, title="Confidential session"
    )
    builders.item(private, "1", "Staffing matters")
    return public, private


@pytest.mark.parametrize("role", sorted(SEEING_PRIVATE))
def test_private_meetings_are_only_for_opcc_staff_and_auditors(role, two_meetings, client, request):
    public, private = two_meetings
    client = _client_as(client, request, role)
    sees = SEEING_PRIVATE[role]

    body_page = client.get(PANEL_PAGE).content.decode()
    month = client.get(f"/governance/calendar/{public.starts.year}/9/").content.decode()
    index = client.get("/governance/").content.decode()
    public_page = client.get(f"{PANEL_PAGE}meetings/{public.pk}/")
    private_page = client.get(f"{PANEL_PAGE}meetings/{private.pk}/")

    assert "Public session" in body_page and "Public session" in month
    assert ("Confidential session" in body_page) is sees
    assert ("Confidential session" in month) is sees
    assert "Confidential" not in index  # the next meeting of the Panel is the public one
    assert public_page.status_code == 200
    assert "Monitoring delivery" in public_page.content.decode()
    assert private_page.status_code == (200 if sees else 404)


def test_a_meeting_page_gives_the_date_in_uk_form_and_the_agenda_in_order(client, panel):
    meeting = builders.meeting(panel, dt.date(2026, 9, 8), venue="Shire Hall, Moortown")
    builders.item(meeting, "10", "Any other business")
    builders.item(meeting, "5", "Delivery", PaperKind.DELIVERY_MONITORING, "Monitoring delivery")
    builders.item(meeting, "1", "Apologies")

    text = _text(client.get(f"{PANEL_PAGE}meetings/{meeting.pk}/").content.decode())

    assert "Tuesday 8 September 2026, 10:00 to 12:00" in text
    assert "Shire Hall, Moortown" in text
    assert text.index("Apologies") < text.index("Monitoring delivery") < text.index("Any other")
    assert "Monitoring the delivery of the Plan" in text
    assert "Add an agenda item" not in text


def test_a_cancelled_meeting_says_so_with_its_reason(client, panel, next_september):
    meeting = builders.meeting(panel, next_september, cancelled=True)

    text = _text(client.get(f"{PANEL_PAGE}meetings/{meeting.pk}/").content.decode())

    assert "This meeting is cancelled. No business" in text
    assert "Cancelled" in _text(client.get(PANEL_PAGE).content.decode())


def test_a_meeting_is_found_only_under_its_own_body(client, panel, next_september):
    meeting = builders.meeting(panel, next_september)

    assert client.get(f"/governance/joint-audit-committee/meetings/{meeting.pk}/").status_code == (
        404
    )


def test_past_meetings_are_listed_apart_newest_first(client, panel, next_september):
    builders.meeting(panel, next_september, title="Next year")
    builders.meeting(panel, dt.date(2020, 9, 8), title="Older")
    builders.meeting(panel, dt.date(2021, 9, 8), title="Newer")

    coming = _text(client.get(PANEL_PAGE).content.decode())
    past = _text(client.get(f"{PANEL_PAGE}past/").content.decode())

    assert "Next year" in coming and "Older" not in coming
    assert past.index("Newer") < past.index("Older") and "Next year" not in past


def test_the_calendar_moves_by_month(client, panel):
    builders.meeting(panel, dt.date(2027, 1, 26), title="January Panel")

    html = client.get("/governance/calendar/2027/1/").content.decode()

    assert "Meetings in January 2027" in html
    assert "Tuesday 26 January 2027" in _text(html)
    assert 'href="/governance/calendar/2026/12/" rel="prev"' in html
    assert 'href="/governance/calendar/2027/2/" rel="next"' in html
    assert (
        "No meetings in February 2027."
        in client.get("/governance/calendar/2027/2/").content.decode()
    )
    assert client.get("/governance/calendar/1989/12/").status_code == 404


def test_long_lists_are_paginated_in_few_queries(client, panel, django_assert_max_num_queries):
    start = dt.date(2030, 1, 7)
    for week in range(45):
        builders.meeting(panel, start + dt.timedelta(weeks=week))

    with django_assert_max_num_queries(5):
        first = client.get(PANEL_PAGE).content.decode()
    with django_assert_max_num_queries(5):
        last = client.get(f"{PANEL_PAGE}?page=3").content.decode()
    with django_assert_max_num_queries(5):
        client.get("/governance/calendar/2030/3/")
    with django_assert_max_num_queries(5):
        client.get("/governance/")

    assert "Page 1 of 3" in first and "Page 3 of 3" in last
    assert first.count("/meetings/") - last.count("/meetings/") == 20 - 5


def test_an_officer_adds_a_meeting_and_an_item_through_the_forms(client, officer, panel):
    client.force_login(officer)
    form = client.get(f"{PANEL_PAGE}meetings/new/").content.decode()
    assert "Add a meeting of the Panel" in form

    response = client.post(
        f"{PANEL_PAGE}meetings/new/",
        {
            "title": "",
            "date": "08/09/2027",
            "start_time": "10:00",
            "end_time": "12:30",
            "venue": "Council Chamber",
            "access": "public",
        },
    )

    meeting = Meeting.objects.get()
    assert response["Location"] == f"{PANEL_PAGE}meetings/{meeting.pk}/"
    assert meeting.starts == builders.at(dt.date(2027, 9, 8), 10)
    assert meeting.ends == builders.at(dt.date(2027, 9, 8), 12, 30)
    assert meeting.history.get().history_user == officer
    client.post(
        f"{PANEL_PAGE}meetings/{meeting.pk}/agenda/new/",
        {"number": "5", "title": "Delivery", "paper_kind": "delivery_monitoring"},
    )
    assert AgendaItem.objects.get().history.get().history_user == officer


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"end_time": "09:00"}, "The end time must be after the start time"),
        ({"date": "31/02/2027"}, "The date must be a real date"),
        ({"start_time": "25:00"}, "The start time must be a real time"),
        ({"venue": ""}, "Enter the venue"),
        ({"access": ""}, "Choose who may attend"),
    ],
)
def test_a_meeting_form_with_a_mistake_says_what_to_fix(client, officer, panel, data, error):
    client.force_login(officer)
    good = {"date": "08/09/2027", "start_time": "10:00", "end_time": "12:00", "venue": "Hall"}

    html = client.post(f"{PANEL_PAGE}meetings/new/", {**good, "access": "public", **data})

    assert error in html.content.decode()
    assert "Error: " in html.content.decode()
    assert not Meeting.objects.exists()


def test_an_officer_cancels_and_reinstates_a_meeting(client, officer, panel, next_september):
    meeting = builders.meeting(panel, next_september)
    client.force_login(officer)
    url = f"{PANEL_PAGE}meetings/{meeting.pk}/"

    assert "Cancel the meeting on" in client.get(f"{url}cancel/").content.decode()
    client.post(f"{url}cancel/", {"reason": "Moved to October"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancellation_reason) == ("cancelled", "Moved to October")

    client.post(f"{url}reinstate/")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_an_agenda_number_taken_is_refused_on_the_form(client, officer, panel, next_september):
    meeting = builders.meeting(panel, next_september)
    builders.item(meeting, "5", "Delivery")
    client.force_login(officer)

    html = client.post(
        f"{PANEL_PAGE}meetings/{meeting.pk}/agenda/new/", {"number": "5", "title": "Again"}
    ).content.decode()

    assert "The agenda already has an item 5." in html
    assert AgendaItem.objects.count() == 1


def test_the_forward_plan_form_takes_months_or_every_meeting(client, officer, bcb):
    client.force_login(officer)
    url = "/governance/forward-plan/new/"
    base = {"body": bcb.pk, "paper_kind": "performance", "title": "Performance report"}

    refused = client.post(url, {**base, "every_meeting": "no"}).content.decode()
    client.post(url, {**base, "every_meeting": "yes", "is_active": "on"})

    assert "Choose the months the paper goes in" in refused
    expectation = bcb.expectations.get()
    assert (expectation.every_meeting, expectation.is_active) == (True, True)
    edit = client.get(f"/governance/forward-plan/{expectation.pk}/edit/").content.decode()
    assert 'value="yes" checked' in edit
