"""Who may see and change what: every URL, for every role, as the permission rules decide."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.utils import timezone

from planwatch import permissions
from planwatch.accounts.models import Role
from planwatch.accounts.services import user_create
from planwatch.delivery.models import Action, PeriodState, RagStatus, ReportingPeriod, Update
from planwatch.governance.models import AgendaItem, Meeting
from planwatch.papers import services as paper_services
from planwatch.papers.models import Job
from planwatch.performance.models import (
    Area,
    DataNote,
    Definition,
    ImportRun,
    Indicator,
    Observation,
    SeriesBreak,
)
from planwatch.performance.periods import parse_period
from planwatch.performance.services import Figure, observations_write
from planwatch.plans.models import Objective, Outcome, Plan, Priority, Theme
from tests.conftest import PASSWORD
from tests.delivery import builders
from tests.governance.builders import matrix_ids

# "lead" leads the actions in the URLs; "other_lead" is a Lead who leads none of them.
ROLES = ["anonymous", "admin", "officer", "lead", "other_lead", "panel", "auditor"]
ROLE_FIXTURES = {
    "admin": "administrator",
    "officer": "officer",
    "lead": "lead",
    "other_lead": "other_lead",
    "panel": "panel_member",
    "auditor": "auditor",
}
SIGN_IN = "redirect to sign in"
HOME = "redirect home"


@dataclass(frozen=True)
class Redirect:
    """A redirect to this address (with the ids filled in)."""

    to: str


def _outcomes(
    anonymous: object,
    admin: object,
    officer: object,
    lead: object,
    panel: object,
    auditor: object,
    *,
    other_lead: object | None = None,
) -> dict[str, object]:
    """Expected outcome for each role; another Lead fares as the action's Lead unless told."""
    return {
        "anonymous": anonymous,
        "admin": admin,
        "officer": officer,
        "lead": lead,
        "other_lead": lead if other_lead is None else other_lead,
        "panel": panel,
        "auditor": auditor,
    }


# Columns: anonymous, admin, officer, lead, panel, auditor.
EVERYONE = _outcomes(200, 200, 200, 200, 200, 200)
NOWHERE = _outcomes(404, 404, 404, 404, 404, 404)
STAFF = _outcomes(SIGN_IN, 200, 200, 403, 403, 403)
READ_ALL = _outcomes(SIGN_IN, 200, 200, 403, 403, 200)
ADMIN = _outcomes(SIGN_IN, 200, 403, 403, 403, 403)
# A draft is hidden from the public, Leads and the Panel exactly as a missing page is.
DRAFT = _outcomes(404, 200, 200, 404, 404, 200)
SIGN_IN_PAGE = _outcomes(200, HOME, HOME, HOME, HOME, HOME)
SIGN_OUT_BY_GET = _outcomes(SIGN_IN, 405, 405, 405, 405, 405)
# Delivery: a quarter not yet published is hidden from all but OPCC staff and auditors.
UNPUBLISHED = DRAFT
STAFF_POST_ONLY = _outcomes(SIGN_IN, 405, 405, 403, 403, 403)
MY_ACTIONS = _outcomes(SIGN_IN, 200, 403, 200, 403, 403)
ACTION_RECORD = _outcomes(SIGN_IN, 200, 200, 200, 403, 200, other_lead=403)
UPDATE_WRITE = _outcomes(SIGN_IN, 200, 200, 200, 403, 403, other_lead=403)
FORMATS = ["xlsx", "docx", "pdf", "html"]
PUBLISHED_Q, OPEN_Q, NEW_Q = "2018-19-q1", "2018-19-q2", "2018-19-q3"
# Performance: the data pack is public for a published Plan; the month has a figure.
MONTH = "2018-03"
DATA_PACK_FORMATS = ["pdf", "xlsx", "html"]
DRAFT_PACK = "/plans/{draft}/performance"
TO_DRAFT_MONTH = Redirect(f"{DRAFT_PACK}/{MONTH}/")
DRAFT_LATEST_MONTH = _outcomes(404, TO_DRAFT_MONTH, TO_DRAFT_MONTH, 404, 404, TO_DRAFT_MONTH)
# Indicators are read by anyone; only OPCC staff change them or enter figures.
INDICATOR = "/performance/indicators/crime-burglary"
INDICATOR_CHANGES = ("definition", "break", "note")
# Governance: a private meeting is hidden from all but OPCC staff and auditors, as a draft is.
PRIVATE_MEETING = DRAFT
GOV_BODY = "/governance/{body}"
GOV_MEETING = "/governance/{body}/meetings/{public_meeting}"
# Papers: drafts are for OPCC staff; a published version is public when its meeting is.
PAPER = "/papers/{paper}"
PAPER_PAGES = ("", "edit/", "narrative/", "preview/", "publish/")
PAPER_FORMATS = ["pdf", "docx", "html"]
NO_SUCH_DRAFT_FORMAT = _outcomes(SIGN_IN, 404, 404, 403, 403, 403)

PUB = "/plans/{pub}"
PARTS = "themes", "outcomes", "objectives", "priorities"
PARENT = {"themes": None, "outcomes": "theme", "objectives": "theme", "priorities": "objective"}
PART_ID = {
    "themes": "theme",
    "outcomes": "outcome",
    "objectives": "objective",
    "priorities": "priority",
}


def _add_url(kind: str) -> str:
    parent = PARENT[kind]
    return f"{PUB}/{kind}/new/" + (f"under/{{{parent}}}/" if parent else "")


GET_CASES = [
    ("/", EVERYONE),
    ("/accessibility/", EVERYONE),
    ("/privacy/", EVERYONE),
    ("/sign-in/", SIGN_IN_PAGE),
    ("/sign-out/", SIGN_OUT_BY_GET),
    ("/plans/", EVERYONE),
    ("/plans/new/", STAFF),
    (f"{PUB}/", EVERYONE),
    ("/plans/{draft}/", DRAFT),
    (f"{PUB}/plan-on-a-page.pdf", EVERYONE),
    ("/plans/{draft}/plan-on-a-page.pdf", DRAFT),
    (f"{PUB}/edit/", STAFF),
    ("/plans/{draft}/edit/", STAFF),
    (f"{PUB}/contents/", STAFF),
    ("/plans/{draft}/contents/", STAFF),
    (f"{PUB}/history/", READ_ALL),
    ("/plans/{draft}/history/", READ_ALL),
    (f"{PUB}/themes/{{theme}}/", EVERYONE),
    ("/plans/{draft}/themes/{draft_theme}/", DRAFT),
    *[(_add_url(kind), STAFF) for kind in PARTS],
    *[(f"{PUB}/{kind}/{{{PART_ID[kind]}}}/edit/", STAFF) for kind in PARTS],
    *[(f"{PUB}/{kind}/{{{PART_ID[kind]}}}/remove/", STAFF) for kind in PARTS],
    ("/admin/", ADMIN),
    ("/admin/accounts/user/", ADMIN),
    ("/governance/", EVERYONE),
    ("/governance/calendar/", EVERYONE),
    ("/governance/calendar/2026/9/", EVERYONE),
    ("/governance/calendar/2026/13/", NOWHERE),
    ("/governance/forward-plan/", READ_ALL),
    ("/governance/forward-plan/new/", STAFF),
    ("/governance/forward-plan/{expectation}/edit/", STAFF),
    ("/governance/bodies/new/", STAFF),
    (f"{GOV_BODY}/", EVERYONE),
    ("/governance/no-such-body/", NOWHERE),
    (f"{GOV_BODY}/past/", EVERYONE),
    (f"{GOV_BODY}/edit/", STAFF),
    (f"{GOV_BODY}/meetings.ics", EVERYONE),
    (f"{GOV_BODY}/meetings/new/", STAFF),
    (f"{GOV_MEETING}/", EVERYONE),
    (f"{GOV_BODY}/meetings/{{private_meeting}}/", PRIVATE_MEETING),
    ("/governance/joint-audit-committee/meetings/{public_meeting}/", NOWHERE),
    (f"{GOV_MEETING}/edit/", STAFF),
    (f"{GOV_MEETING}/cancel/", STAFF),
    (f"{GOV_MEETING}/reinstate/", STAFF_POST_ONLY),
    (f"{GOV_MEETING}/agenda/new/", STAFF),
    (f"{GOV_MEETING}/agenda/{{agenda_item}}/edit/", STAFF),
    (f"{GOV_MEETING}/agenda/{{agenda_item}}/remove/", STAFF),
    ("/my-actions/", MY_ACTIONS),
    ("/review/", STAFF),
    ("/review/{submitted}/", STAFF),
    ("/review/{submitted}/approve/", STAFF_POST_ONLY),
    (f"{PUB}/delivery/", _outcomes(*[Redirect(f"{PUB}/delivery/{PUBLISHED_Q}/")] * 6)),
    ("/plans/{draft}/delivery/", DRAFT),
    (f"{PUB}/delivery/{PUBLISHED_Q}/", EVERYONE),
    (f"{PUB}/delivery/{OPEN_Q}/", UNPUBLISHED),
    (f"{PUB}/delivery/no-such-quarter/", NOWHERE),
    *[(f"{PUB}/delivery/{PUBLISHED_Q}/appendix-1.{fmt}", EVERYONE) for fmt in FORMATS],
    *[(f"{PUB}/delivery/{OPEN_Q}/appendix-1.{fmt}", UNPUBLISHED) for fmt in FORMATS],
    (f"{PUB}/delivery/{PUBLISHED_Q}/appendix-1.txt", NOWHERE),
    (f"{PUB}/periods/", STAFF),
    (f"{PUB}/periods/{OPEN_Q}/advance/", STAFF_POST_ONLY),
    (f"{PUB}/rag-key/", EVERYONE),
    ("/plans/{draft}/rag-key/", DRAFT),
    (f"{PUB}/rag-key/new/", STAFF),
    (f"{PUB}/rag-key/G/edit/", STAFF),
    (f"{PUB}/actions/", STAFF),
    (f"{PUB}/actions/new/", STAFF),
    (f"{PUB}/actions/V1.1/", EVERYONE),
    ("/plans/{draft}/actions/D1.1/", DRAFT),
    (f"{PUB}/actions/V1.1/edit/", STAFF),
    (f"{PUB}/actions/V1.1/record/", ACTION_RECORD),
    (f"{PUB}/actions/V1.2/updates/{OPEN_Q}/", UPDATE_WRITE),
    (f"{PUB}/actions/V1.1/updates/{OPEN_Q}/", UPDATE_WRITE),
    (f"{PUB}/actions/V1.1/updates/{PUBLISHED_Q}/amend/", STAFF),
    (f"{PUB}/performance/", _outcomes(*[Redirect(f"{PUB}/performance/{MONTH}/")] * 6)),
    (f"{DRAFT_PACK}/", DRAFT_LATEST_MONTH),
    (f"{PUB}/performance/{MONTH}/", EVERYONE),
    (f"{PUB}/performance/{MONTH}/?area=E07000008", EVERYONE),
    (f"{DRAFT_PACK}/{MONTH}/", DRAFT),
    (f"{PUB}/performance/{PUBLISHED_Q}/", EVERYONE),
    (f"{PUB}/performance/2018-13/", NOWHERE),
    *[(f"{PUB}/performance/{MONTH}/data-pack.{fmt}", EVERYONE) for fmt in DATA_PACK_FORMATS],
    (f"{DRAFT_PACK}/{MONTH}/data-pack.html", DRAFT),
    (f"{PUB}/performance/{MONTH}/data-pack.docx", NOWHERE),
    ("/performance/indicators/", EVERYONE),
    (f"{INDICATOR}/", EVERYONE),
    ("/performance/indicators/no-such-indicator/", NOWHERE),
    *[(f"{INDICATOR}/{what}/", STAFF_POST_ONLY) for what in INDICATOR_CHANGES],
    (f"{INDICATOR}/widget/", NOWHERE),
    ("/performance/observations/new/", STAFF),
    ("/performance/observations/example.csv", EVERYONE),
    ("/papers/", STAFF),
    ("/papers/new/for-agenda-item/{agenda_item}/", STAFF),
    *[(f"{PAPER}/{page}", STAFF) for page in PAPER_PAGES],
    *[(f"{PAPER}/draft.{fmt}", STAFF) for fmt in PAPER_FORMATS if fmt != "pdf"],
    (f"{PAPER}/draft.pdf", NO_SUCH_DRAFT_FORMAT),  # printed in the background instead
    (f"{PAPER}/draft.pdf/prepare/", STAFF_POST_ONLY),
    *[(f"/papers/jobs/{{job}}/{page}", STAFF) for page in ("", "state/", "file/")],
    ("/papers/jobs/999999/", NO_SUCH_DRAFT_FORMAT),
    (f"{GOV_MEETING}/agenda-pack.pdf", EVERYONE),
    (f"{GOV_BODY}/meetings/{{private_meeting}}/agenda-pack.pdf", PRIVATE_MEETING),
    (f"{GOV_MEETING}/agenda-pack/assemble/", STAFF_POST_ONLY),
    (f"{PAPER}/draft.txt", NO_SUCH_DRAFT_FORMAT),
    *[(f"{PAPER}/versions/1.{fmt}", EVERYONE) for fmt in PAPER_FORMATS],
    ("/papers/{private_paper}/versions/1.pdf", PRIVATE_MEETING),
    (f"{PAPER}/versions/2.pdf", NOWHERE),
    (f"{PAPER}/versions/1.txt", NOWHERE),
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hundreds of tests each create users; the matrix is about rules, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def other_lead(db):
    return user_create(username="lou", role=Role.LEAD, password=PASSWORD, first_name="Lou")


@pytest.fixture
def delivery(published_plan: Plan, draft_plan: Plan, lead) -> dict[str, object]:
    """The published Plan's Delivery Plan: a published and an open quarter, two actions of lead's.

    V1.1 is Green in the published quarter and has an Amber update awaiting review in the
    open one; V1.2 has no update yet. The draft Plan has one action, D1.1.
    """
    published = builders.quarter(published_plan, PUBLISHED_Q, PeriodState.IN_REVIEW)
    v11 = builders.action(published_plan, "V1.1", lead=lead)
    builders.action(published_plan, "V1.2", lead=lead)
    builders.approved(v11, published, "G", "On track")
    builders.publish(published)
    current = builders.quarter(published_plan, OPEN_Q)
    submitted = builders.written(v11, current, "A", "Slipping")
    builders.action(draft_plan, "D1.1", lead=lead)
    return {"submitted": submitted.pk, "amber": builders.rag_key(published_plan)["A"].pk}


@pytest.fixture
def performance(published_plan: Plan) -> dict[str, object]:
    """Northmoor's force area and a district, with a burglary figure for the month."""
    force = Area.objects.create(
        code="E23900001", name="Northmoor", kind="force", police_uk_id="northmoor"
    )
    partnership = Area.objects.create(code="E22900001", name="Moor", kind="csp", parent=force)
    Area.objects.create(code="E07000008", name="Moortown", kind="district", parent=partnership)
    burglary = Indicator.objects.get(code="crime-burglary")
    figure = Figure(burglary.pk, force.pk, parse_period(MONTH), 412)
    observations_write(figures=[figure], kind="test", sources=[], by=None)
    return {"burglary": burglary.pk, "force": force.pk}


@pytest.fixture
def governance(db) -> dict[str, object]:
    """The Panel with a public and a private meeting, an agenda item, a forward-plan paper."""
    return matrix_ids()


@pytest.fixture
def papers(published_plan, governance, monkeypatch) -> dict[str, object]:
    """A paper for the public meeting's agenda item and one at the private meeting, each
    published once. The matrix is about rules, so the files are stand-ins."""
    monkeypatch.setattr(
        paper_services,
        "render_all",
        lambda content: {"html": b"<!DOCTYPE html>", "pdf": b"%PDF-", "docx": b"PK"},
    )
    made = {}
    for name, meeting in (
        ("paper", Meeting.objects.get(pk=governance["public_meeting"])),
        ("private_paper", Meeting.objects.get(pk=governance["private_meeting"])),
    ):
        paper = paper_services.paper_create(
            plan=published_plan,
            kind="delivery-monitoring",
            body=meeting.body,
            meeting=meeting,
            agenda_item=AgendaItem.objects.filter(meeting=meeting).first(),
            by=None,
            period=PUBLISHED_Q,
        )
        paper_services.paper_publish(paper=paper, by=None)
        made[name] = paper.pk
        # A finished draft PDF and the meeting's agenda pack; stand-in files, as above.
        done = {"state": Job.State.DONE, "requested_at": timezone.now(), "result": b"%PDF-"}
        made["job"] = Job.objects.create(what=Job.What.DRAFT, paper=paper, **done).pk
        Job.objects.create(what=Job.What.PACK, meeting=meeting, finished_at=timezone.now(), **done)
    return made


@pytest.fixture
def ids(
    published_plan: Plan, draft_plan: Plan, delivery, performance, governance, lead
) -> dict[str, object]:
    """The slugs and ids that fill in the URLs: parts of the published Plan, by kind."""
    theme = published_plan.themes.get(name="Victims")
    objective = Objective.objects.filter(theme=theme, priorities__isnull=False).first()
    return {
        "pub": published_plan.slug,
        "draft": draft_plan.slug,
        "draft_theme": draft_plan.themes.first().pk,
        "theme": theme.pk,
        "bare_theme": published_plan.themes.get(name="Transformation").pk,
        "outcome": theme.outcomes.first().pk,
        "objective": objective.pk,
        "priority": objective.priorities.first().pk,
        "lead": lead.pk,
        **delivery,
        **governance,
        **performance,
    }


def _client_for(role: str, client, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(ROLE_FIXTURES[role]))
    return client


def _assert_outcome(response: HttpResponse, url: str, expected: object) -> None:
    if isinstance(expected, Redirect):
        assert response.status_code == 302
        assert response["Location"] == expected.to
    elif expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"] == f"/sign-in/?next={quote(url, safe='/')}"
    elif expected == HOME:
        assert response.status_code == 302
        assert response["Location"] == "/"
    else:
        assert response.status_code == expected


def _walk(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from _walk(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def test_every_view_outside_the_admin_is_marked_with_a_known_rule():
    patterns = list(_walk(get_resolver()))
    assert len(patterns) >= 15
    unmarked = [
        route
        for route, entry in patterns
        if getattr(entry.callback, "planwatch_rule", None) not in permissions.RULES
    ]
    assert unmarked == []


def test_the_matrix_covers_every_url_pattern():
    """A new page must be added to GET_CASES, saying who may see it."""
    routes = {route for route, _ in _walk(get_resolver())}
    covered = {
        "",
        "accessibility/",
        "privacy/",
        "sign-in/",
        "sign-out/",
        "plans/",
        "plans/new/",
        "plans/<slug:slug>/",
        "plans/<slug:slug>/plan-on-a-page.pdf",
        "plans/<slug:slug>/edit/",
        "plans/<slug:slug>/contents/",
        "plans/<slug:slug>/history/",
        "plans/<slug:slug>/themes/<int:pk>/",
        "plans/<slug:slug>/<str:kind>/new/",
        "plans/<slug:slug>/<str:kind>/new/under/<int:parent>/",
        "plans/<slug:slug>/<str:kind>/<int:pk>/edit/",
        "plans/<slug:slug>/<str:kind>/<int:pk>/remove/",
        "my-actions/",
        "review/",
        "review/<int:pk>/",
        "review/<int:pk>/approve/",
        "governance/",
        "governance/calendar/",
        "governance/calendar/<int:year>/<int:month>/",
        "governance/forward-plan/",
        "governance/forward-plan/new/",
        "governance/forward-plan/<int:pk>/edit/",
        "governance/bodies/new/",
        "governance/<slug:body>/",
        "governance/<slug:body>/past/",
        "governance/<slug:body>/edit/",
        "governance/<slug:body>/meetings.ics",
        "governance/<slug:body>/meetings/new/",
        "governance/<slug:body>/meetings/<int:pk>/",
        "governance/<slug:body>/meetings/<int:pk>/edit/",
        "governance/<slug:body>/meetings/<int:pk>/cancel/",
        "governance/<slug:body>/meetings/<int:pk>/reinstate/",
        "governance/<slug:body>/meetings/<int:pk>/agenda/new/",
        "governance/<slug:body>/meetings/<int:pk>/agenda/<int:item>/edit/",
        "governance/<slug:body>/meetings/<int:pk>/agenda/<int:item>/remove/",
        "plans/<slug:slug>/delivery/",
        "plans/<slug:slug>/delivery/<slug:period>/",
        "plans/<slug:slug>/delivery/<slug:period>/appendix-1.<str:fmt>",
        "plans/<slug:slug>/periods/",
        "plans/<slug:slug>/periods/<slug:period>/advance/",
        "plans/<slug:slug>/rag-key/",
        "plans/<slug:slug>/rag-key/new/",
        "plans/<slug:slug>/rag-key/<str:code>/edit/",
        "plans/<slug:slug>/actions/",
        "plans/<slug:slug>/actions/new/",
        "plans/<slug:slug>/actions/<str:ref>/",
        "plans/<slug:slug>/actions/<str:ref>/edit/",
        "plans/<slug:slug>/actions/<str:ref>/record/",
        "plans/<slug:slug>/actions/<str:ref>/updates/<slug:period>/",
        "plans/<slug:slug>/actions/<str:ref>/updates/<slug:period>/amend/",
        "plans/<slug:slug>/performance/",
        "plans/<slug:slug>/performance/<slug:period>/",
        "plans/<slug:slug>/performance/<slug:period>/data-pack.<str:fmt>",
        "performance/indicators/",
        "performance/indicators/<str:code>/",
        "performance/indicators/<str:code>/<indicator_change:what>/",
        "performance/observations/new/",
        "performance/observations/example.csv",
        "papers/",
        "papers/new/for-agenda-item/<int:item>/",
        "papers/<int:pk>/",
        "papers/<int:pk>/edit/",
        "papers/<int:pk>/narrative/",
        "papers/<int:pk>/preview/",
        "papers/<int:pk>/draft.<str:fmt>",
        "papers/<int:pk>/publish/",
        "papers/<int:pk>/versions/<int:number>.<str:fmt>",
        "papers/<int:pk>/draft.<str:fmt>/prepare/",
        "papers/jobs/<int:pk>/",
        "papers/jobs/<int:pk>/state/",
        "papers/jobs/<int:pk>/file/",
        "governance/<slug:body>/meetings/<int:pk>/agenda-pack.pdf",
        "governance/<slug:body>/meetings/<int:pk>/agenda-pack/assemble/",
    }
    assert routes == covered


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "expected"), GET_CASES, ids=[url for url, _ in GET_CASES])
def test_get(role, url, expected, ids, client, request):
    if "paper}" in url or "job}" in url or "agenda-pack" in url:
        ids = {**ids, **request.getfixturevalue("papers")}
    url = url.format(**ids)
    expected = expected[role]
    if isinstance(expected, Redirect):
        expected = Redirect(expected.to.format(**ids))
    response = _client_for(role, client, request).get(url)
    _assert_outcome(response, url, expected)


def test_a_draft_looks_exactly_like_a_missing_plan_to_the_public(client, draft_plan):
    draft = client.get(f"/plans/{draft_plan.slug}/")
    missing = client.get("/plans/no-such-plan/")
    assert draft.status_code == missing.status_code == 404
    assert draft_plan.title not in draft.content.decode()
    # The only difference is the address itself, in the sign-in link's "next".
    assert draft.content.decode().replace(draft_plan.slug, "no-such-plan") == (
        missing.content.decode()
    )


@pytest.mark.parametrize(
    ("status", "panel_sees", "lead_sees"),
    [
        ("draft", False, False),
        ("out_for_comment", False, False),
        ("with_panel", True, False),
        ("approved", True, False),
        ("published", True, True),
        ("varied", True, True),
        ("superseded", True, True),
    ],
)
def test_the_panel_reads_a_plan_from_when_it_is_sent_to_them(
    status, panel_sees, lead_sees, draft_plan, panel_member, lead, client
):
    Plan.objects.filter(pk=draft_plan.pk).update(status=status)
    url = f"/plans/{draft_plan.slug}/"
    for user, sees in [(panel_member, panel_sees), (lead, lead_sees)]:
        client.force_login(user)
        assert client.get(url).status_code == (200 if sees else 404)
        assert (draft_plan.title in client.get("/plans/").content.decode()) is sees


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
    response = _client_for(role, client, request).post(url, data)
    if STAFF[role] == 200:
        assert response.status_code == 302
        assert response["Location"] == f"/plans/{ids['pub']}/contents/"
        assert _snapshot() != before
    else:
        _assert_outcome(response, url, STAFF[role])
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
    response = _client_for(role, client, request).post(url, data)
    if allowed[role] == 200:
        success = success[role] if isinstance(success, dict) else success
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == success.format(**ids)
        assert _snapshot() != before
    else:
        _assert_outcome(response, url, allowed[role])
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
    response = _client_for(role, client, request).post(url, data)
    if STAFF[role] == 200:
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == success
        assert _performance_snapshot() != before
    else:
        _assert_outcome(response, url, STAFF[role])
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


def test_an_unknown_rule_denies_everyone(users_by_role):
    for user in users_by_role.values():
        assert permissions.can(user, "no.such.rule") is False
        assert permissions.can(user, "") is False


def test_a_view_cannot_be_marked_with_an_unknown_rule():
    with pytest.raises(KeyError):
        permissions.allow("no.such.rule")


def test_a_disabled_officer_is_treated_as_a_member_of_the_public(
    officer, published_plan, draft_plan
):
    assert permissions.can(officer, "plan.edit") is True
    officer.is_active = False
    officer.save()
    for rule in ("plan.edit", "plan.create", "plan.history", "account.sign_out", "admin.site"):
        assert permissions.can(officer, rule) is False
    assert permissions.can(officer, "plan.view", draft_plan) is False
    assert permissions.can(officer, "plan.view", published_plan) is True


def test_a_disabled_officer_who_is_still_signed_in_is_sent_to_sign_in(client, officer, ids):
    client.force_login(officer)
    officer.is_active = False
    officer.save()
    url = f"/plans/{ids['pub']}/contents/"
    _assert_outcome(client.get(url), url, SIGN_IN)


def _unmarked_view(request):
    return HttpResponse("open")


urlpatterns = [path("unmarked/", _unmarked_view), path("", include("planwatch.urls"))]


@pytest.mark.urls(__name__)
def test_a_view_without_a_rule_is_refused(client, administrator):
    assert client.get("/unmarked/").status_code == 302
    client.force_login(administrator)
    assert client.get("/unmarked/").status_code == 403
