"""Every governance form, posted by every role: OPCC staff change things, everyone else is refused
and nothing changes (the GET side of each page is in tests/permissions/)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from planwatch.governance.models import AgendaItem, Body, Expectation, Meeting
from tests.governance import builders

ROLES = {
    "anonymous": None,
    "admin": "administrator",
    "officer": "officer",
    "lead": "lead",
    "panel": "panel_member",
    "auditor": "auditor",
}
STAFF = {"admin", "officer"}
BODY = "/governance/{body}"
MEETING = "/governance/{body}/meetings/{public_meeting}"
MEETING_FIELDS = {
    "title": "",
    "date": "08/09/2027",
    "start_time": "10:00",
    "end_time": "12:00",
    "venue": "Council Chamber",
    "access": "public",
}
BODY_FIELDS = {"name": "Police and Crime Panel", "short_name": "PCP", "order": "2"}
# url, data, where success leads
CASES = [
    (
        "/governance/bodies/new/",
        {**BODY_FIELDS, "name": "Ethics Committee", "slug": "ethics-committee"},
        "/governance/ethics-committee/",
    ),
    (f"{BODY}/edit/", {**BODY_FIELDS, "description": "Scrutiny"}, f"{BODY}/"),
    (f"{BODY}/meetings/new/", MEETING_FIELDS, None),
    (f"{MEETING}/edit/", {**MEETING_FIELDS, "venue": "Shire Hall"}, f"{MEETING}/"),
    (f"{BODY}/meetings/{{private_meeting}}/edit/", MEETING_FIELDS, None),
    (f"{MEETING}/cancel/", {"reason": "Not quorate"}, f"{MEETING}/"),
    (f"{MEETING}/agenda/new/", {"number": "6", "title": "Risk"}, f"{MEETING}/"),
    (f"{MEETING}/agenda/{{agenda_item}}/edit/", {"number": "5", "title": "New"}, f"{MEETING}/"),
    (f"{MEETING}/agenda/{{agenda_item}}/remove/", {}, f"{MEETING}/"),
    (
        "/governance/forward-plan/new/",
        {"body": "{body_pk}", "paper_kind": "annual", "title": "Annual", "every_meeting": "no"}
        | {"months": "6"},
        "/governance/forward-plan/",
    ),
    (
        "/governance/forward-plan/{expectation}/edit/",
        {"body": "{body_pk}", "paper_kind": "theme", "title": "Deep dive", "every_meeting": "yes"},
        "/governance/forward-plan/",
    ),
]


def _snapshot() -> tuple:
    return tuple(
        (list(model.objects.order_by("pk").values()), model.history.count())
        for model in (Body, Meeting, AgendaItem, Expectation)
    )


@pytest.fixture
def ids(db) -> dict[str, object]:
    found = builders.matrix_ids()
    return found | {"body_pk": Body.objects.get(slug=found["body"]).pk}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "data", "success"), CASES, ids=[url for url, _, _ in CASES])
def test_post(role, url, data, success, ids, client, request):
    url = url.format(**ids)
    data = {name: value.format(**ids) for name, value in data.items()}
    if ROLES[role]:
        client.force_login(request.getfixturevalue(ROLES[role]))
    before = _snapshot()

    response = client.post(url, data)

    if role in STAFF:
        assert response.status_code == 302, response.content.decode()
        if success:
            assert response["Location"] == success.format(**ids)
        assert _snapshot() != before
    else:
        assert _snapshot() == before
        if role == "anonymous":
            assert response["Location"] == f"/sign-in/?next={quote(url, safe='/')}"
        else:
            assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_reinstating_is_for_opcc_staff_only(role, ids, client, request):
    meeting = Meeting.objects.get(pk=ids["public_meeting"])
    builders.meeting_cancel(meeting=meeting, by=None, reason="Not quorate")
    if ROLES[role]:
        client.force_login(request.getfixturevalue(ROLES[role]))
    url = f"/governance/{ids['body']}/meetings/{meeting.pk}/reinstate/"

    response = client.post(url)

    meeting.refresh_from_db()
    assert meeting.is_cancelled is (role not in STAFF)
    assert response.status_code == (302 if role in STAFF or role == "anonymous" else 403)
