"""Who may change what: each form posted by every role; a refused post changes nothing."""

from __future__ import annotations

import pytest

from planwatch.delivery.models import Action, RagStatus, ReportingPeriod, Update
from planwatch.performance.models import (
    DataNote,
    Definition,
    ImportRun,
    Observation,
    SeriesBreak,
)
from planwatch.plans.models import Objective, Outcome, Plan, Priority, Theme
from tests.permissions.matrix import (
    INDICATOR,
    NEW_Q,
    OPEN_Q,
    PART_ID,
    PARTS,
    PUB,
    PUBLISHED_Q,
    ROLES,
    STAFF,
    UPDATE_WRITE,
    _add_url,
    assert_outcome,
    client_for,
)


def _snapshot() -> tuple:
    """Everything a write could change, to show that a refused one changed nothing."""
    return tuple(
        (
            list(model.objects.order_by("pk").values()),
            model.history.count(),
        )
        for model in (
            Plan,
            Theme,
            Outcome,
            Objective,
            Priority,
            RagStatus,
            ReportingPeriod,
            Action,
            Update,
        )
    )


PLAN_FIELDS = {
    "title": "Northmoor Police and Crime Plan 2017-21",
    "slug": "northmoor-2017-20",
    "area": "Northmoor",
    "force": "northmoor",
    "commissioner": "A. Commissioner",
    "starts": "01/04/2017",
    "ends": "31/03/2021",
    "status": "published",
}
ADD_DATA = {"themes": {"name": "Roads", "aim": "Safer roads for everyone"}}
EDIT_DATA = {"themes": {"name": "Victims and witnesses", "aim": "Support everyone harmed"}}
POST_CASES = [
    (f"{PUB}/edit/", PLAN_FIELDS),
    *[(_add_url(kind), ADD_DATA.get(kind, {"text": "Something new"})) for kind in PARTS],
    *[
        (f"{PUB}/{kind}/{{{PART_ID[kind]}}}/edit/", EDIT_DATA.get(kind, {"text": "Changed"}))
        for kind in PARTS
    ],
    # A theme with actions cannot be removed, so the POST removes one without any.
    *[
        (f"{PUB}/{kind}/{{{'bare_theme' if kind == 'themes' else PART_ID[kind]}}}/remove/", {})
        for kind in PARTS
    ],
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "data"), POST_CASES, ids=[url for url, _ in POST_CASES])
def test_post(role, url, data, ids, client, request):
    url = url.format(**ids)
    before = _snapshot()
    response = client_for(role, client, request).post(url, data)
    if STAFF[role] == 200:
        assert response.status_code == 302
        assert response["Location"] == f"/plans/{ids['pub']}/contents/"
        assert _snapshot() != before
    else:
        assert_outcome(response, url, STAFF[role])
        assert _snapshot() == before


ACTION_FIELDS = {
    "reference": "V9.9",
    "title": "A new action",
    "description": "",
    "theme": "{theme}",
    "objective": "",
    "lead": "{lead}",
    "lead_name": "",
    "partners": "",
    "starts": "01/04/2018",
    "due": "31/03/2019",
    "state": "open",
}
RAG_FIELDS = {
    "code": "X",
    "label": "Paused",
    "meaning": "Paused by agreement",
    "colour": "purple",
    "rank": "1",
}
UPDATE_FIELDS = {"rag": "{amber}", "commentary": "Behind because of staff shortages"}
# url, data, who may (the others are refused as by a GET), where success leads.
DELIVERY_POST_CASES = [
    ("/review/{submitted}/approve/", {}, STAFF, "/review/"),
    ("/review/{submitted}/", {"decision": "return", "reason": "Say more"}, STAFF, "/review/"),
    (f"{PUB}/periods/", {"quarter": NEW_Q, "update_deadline": ""}, STAFF, f"{PUB}/periods/"),
    (f"{PUB}/periods/{OPEN_Q}/advance/", {"to": "in_review"}, STAFF, f"{PUB}/periods/"),
    *[
        (
            f"{PUB}/actions/V1.2/updates/{OPEN_Q}/",
            {**UPDATE_FIELDS, button: "1"},
            UPDATE_WRITE,
            {"lead": "/my-actions/", "admin": "/review/", "officer": "/review/"},
        )
        for button in ("submit", "draft")
    ],
    (
        f"{PUB}/actions/V1.1/updates/{PUBLISHED_Q}/amend/",
        {**UPDATE_FIELDS, "reason": "The lead sent a correction"},
        STAFF,
        f"{PUB}/actions/V1.1/",
    ),
    (f"{PUB}/actions/new/", ACTION_FIELDS, STAFF, f"{PUB}/actions/V9.9/"),
    (
        f"{PUB}/actions/V1.1/edit/",
        {**ACTION_FIELDS, "reference": "V1.1"},
        STAFF,
        f"{PUB}/actions/V1.1/",
    ),
    (f"{PUB}/rag-key/new/", RAG_FIELDS, STAFF, f"{PUB}/rag-key/"),
    (f"{PUB}/rag-key/G/edit/", {**RAG_FIELDS, "code": "G"}, STAFF, f"{PUB}/rag-key/"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url", "data", "allowed", "success"),
    DELIVERY_POST_CASES,
    ids=[f"{url}-{sorted(data)}" for url, data, _, _ in DELIVERY_POST_CASES],
)
def test_delivery_post(role, url, data, allowed, success, ids, client, request):
    url = url.format(**ids)
    data = {name: value.format(**ids) for name, value in data.items()}
    before = _snapshot()
    response = client_for(role, client, request).post(url, data)
    if allowed[role] == 200:
        success = success[role] if isinstance(success, dict) else success
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == success.format(**ids)
        assert _snapshot() != before
    else:
        assert_outcome(response, url, allowed[role])
        assert _snapshot() == before


def _performance_snapshot() -> tuple:
    """Every performance record a write could add or change."""
    return tuple(
        list(model.objects.order_by("pk").values())
        for model in (Definition, SeriesBreak, DataNote, Observation, ImportRun)
    )


# url, data, where success leads; only OPCC staff may make these changes.
PERFORMANCE_POST_CASES = [
    (
        f"{INDICATOR}/definition/",
        {"definition-text": "Burglary of homes", "definition-valid_from": "01/04/2018"},
        f"{INDICATOR}/",
    ),
    (
        f"{INDICATOR}/break/",
        {"break-date": "23/05/2018", "break-reason": "A new recording system"},
        f"{INDICATOR}/",
    ),
    (
        f"{INDICATOR}/note/",
        {"note-text": "Counted by month", "note-added": "01/10/2019"},
        f"{INDICATOR}/",
    ),
    (
        "/performance/observations/new/",
        {"indicator": "{burglary}", "area": "{force}", "period": "2018-04", "value": "398"},
        "/performance/observations/new/",
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url", "data", "success"),
    PERFORMANCE_POST_CASES,
    ids=[url for url, _, _ in PERFORMANCE_POST_CASES],
)
def test_performance_post(role, url, data, success, ids, client, request):
    data = {name: value.format(**ids) for name, value in data.items()}
    before = _performance_snapshot()
    response = client_for(role, client, request).post(url, data)
    if STAFF[role] == 200:
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == success
        assert _performance_snapshot() != before
    else:
        assert_outcome(response, url, STAFF[role])
        assert _performance_snapshot() == before


def test_an_unknown_kind_of_part_is_not_found(client, officer, ids):
    client.force_login(officer)
    before = _snapshot()
    response = client.post(f"/plans/{ids['pub']}/widgets/{ids['theme']}/remove/")
    assert response.status_code == 404
    assert _snapshot() == before


def test_a_part_of_another_plan_cannot_be_changed_through_this_one(client, officer, ids):
    client.force_login(officer)
    before = _snapshot()
    response = client.post(f"/plans/{ids['pub']}/themes/{ids['draft_theme']}/remove/")
    assert response.status_code == 404
    assert _snapshot() == before
