"""The Delivery Plan page through the test client: its filters, statuses and directions
in words, what each reader may see of updates not yet approved, escaping, and its cost
in queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planwatch.delivery.models import Action, ReportingPeriod, Update, UpdateState
from planwatch.plans.models import Plan
from tests.delivery import builders
from tests.delivery.pages import _text, _update_url, signed_in

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _period_url(plan: Plan, period: ReportingPeriod, query: str = "") -> str:
    return f"/plans/{plan.slug}/delivery/{period.slug}/" + (f"?{query}" if query else "")


def _refs(html: str) -> list[str]:
    """The references of the actions in the Delivery Plan's tables, in page order."""
    tables = re.findall(r'<table class="govuk-table pw-delivery-table">(.*?)</table>', html, re.S)
    return [
        ref
        for table in tables
        for ref in re.findall(
            r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">([^<]+)</td>', table
        )
    ]


def _row(html: str, ref: str) -> str:
    """The text of one action's row in the Delivery Plan."""
    found = re.search(
        rf'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">{re.escape(ref)}</td>'
        r"(.*?)</tr>",
        html,
        re.S,
    )
    assert found, f"No row for {ref}"
    return _text(found.group(1))


@pytest.fixture
def as_lead(client, lead) -> Client:
    return signed_in(lead, client)


@pytest.fixture
def as_officer(officer) -> Client:
    return signed_in(officer)


# ref, theme, lead (a user fixture or a free-text lead), due, status before, status now
STORIES = [
    ("V1.1", "Victims", "lead", dt.date(2018, 5, 31), "A", "R"),
    ("V1.2", "Victims", "other_lead", dt.date(2019, 3, 31), "A", "G"),
    ("V1.3", "Victims", "Head of Community Safety", dt.date(2018, 4, 30), None, None),
    ("O1.1", "Offenders", "Probation service", dt.date(2018, 6, 1), None, "C"),
    ("O1.2", "Offenders", "lead", None, "G", "G"),
    ("C1.1", "Communities", "Probation service", dt.date(2019, 3, 31), None, "A"),
]
DRAFT_SECRET = "Draft words the public must not read"
SUBMITTED_SECRET = "Submitted words the public must not read"


@pytest.fixture
def reported(published_plan, make_action, make_period, make_update, request) -> ReportingPeriod:
    """Q1 2018/19 published after Q4 2017/18, with the STORIES; V1.3 has only a draft.

    Q2 is open with a submitted update on V1.1.
    """
    actions = {}
    for ref, theme, lead, due, _, _ in STORIES:
        who = (
            {"lead": request.getfixturevalue(lead)}
            if lead in ("lead", "other_lead")
            else {"lead_name": lead}
        )
        actions[ref] = make_action(ref, theme=published_plan.themes.get(name=theme), due=due, **who)
    for slug, column in [("2017-18-q4", 4), ("2018-19-q1", 5)]:
        period = make_period(slug)
        for story in STORIES:
            if story[column]:
                make_update(actions[story[0]], period, story[column], commentary=f"{story[0]} ok")
        if slug == "2018-19-q1":
            make_update(actions["V1.3"], period, "A", state="draft", commentary=DRAFT_SECRET)
        builders.publish(period)
    q2 = make_period("2018-19-q2")
    make_update(actions["V1.1"], q2, "G", state="submitted", commentary=SUBMITTED_SECRET)
    return period


@pytest.mark.parametrize(
    ("query", "refs"),
    [
        ("", ["V1.1", "V1.2", "V1.3", "O1.1", "O1.2", "C1.1"]),
        ("theme={Offenders}", ["O1.1", "O1.2"]),
        ("status=G", ["V1.2", "O1.2"]),
        ("status=none", ["V1.3"]),
        ("lead=user-{lead}", ["V1.1", "O1.2"]),
        ("lead=name-Probation+service", ["O1.1", "C1.1"]),
        ("overdue=1", ["V1.1", "V1.3"]),
        ("theme={Victims}&status=R&overdue=1", ["V1.1"]),
        ("theme={Communities}&status=G", []),
    ],
)
def test_the_delivery_plan_filters_by_theme_status_lead_and_overdue(
    query, refs, client, published_plan, reported, lead
):
    ids = {theme.name: theme.pk for theme in published_plan.themes.all()} | {"lead": lead.pk}

    html = client.get(_period_url(published_plan, reported, query.format(**ids))).content.decode()

    assert _refs(html) == refs
    if not refs:
        assert "No actions match these filters." in html
    if query:
        assert f'href="{_period_url(published_plan, reported)}">Clear filters</a>' in html


def test_the_delivery_plan_shows_each_status_and_direction_in_words(
    client, published_plan, reported
):
    html = client.get(_period_url(published_plan, reported)).content.decode()

    expected = {
        "V1.1": "Red ↓ Deteriorating",
        "V1.2": "Green ↑ Improving",
        "V1.3": "No update Not yet judged",
        "O1.1": "Complete ✓ Completed",
        "O1.2": "Green → No change",
        "C1.1": "Amber ★ New",
    }
    for ref, words in expected.items():
        assert words in _row(html, ref), ref
    assert 'class="govuk-tag govuk-tag--red">Red</strong>' in html
    assert '<span aria-hidden="true">↑</span> Improving' in html


@pytest.mark.parametrize("reader", ["anonymous", "panel_member", "other_lead"])
def test_readers_outside_the_opcc_never_see_unapproved_commentary(
    reader, client, published_plan, reported, request
):
    if reader != "anonymous":
        client.force_login(request.getfixturevalue(reader))
    pages = [
        _period_url(published_plan, reported),
        _period_url(published_plan, reported, "status=A"),
        f"/plans/{published_plan.slug}/delivery/{reported.slug}/appendix-1.html",
        f"/plans/{published_plan.slug}/actions/V1.1/",
        f"/plans/{published_plan.slug}/actions/V1.3/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert DRAFT_SECRET not in html, url
        assert SUBMITTED_SECRET not in html, url
    assert "V1.3" in _refs(
        client.get(_period_url(published_plan, reported, "status=none")).content.decode()
    )
    assert client.get(f"/plans/{published_plan.slug}/delivery/2018-19-q2/").status_code == 404


def test_an_action_without_a_lead_account_shows_the_public_no_unapproved_update(
    client, published_plan, partner_action, q2, make_update
):
    """An anonymous visitor has no id, and nor has a partner's action's lead: no match."""
    make_update(partner_action, q2, "A", state="submitted", commentary=SUBMITTED_SECRET)

    html = client.get(f"/plans/{published_plan.slug}/actions/V1.3/").content.decode()

    assert SUBMITTED_SECRET not in html
    assert "No published updates yet." in html
    assert "Full record of changes" not in html


def test_the_opcc_sees_unapproved_updates_marked_as_such(as_officer, published_plan, reported):
    html = as_officer.get(_period_url(published_plan, reported)).content.decode()
    assert DRAFT_SECRET in html
    assert "Amber (Draft)" in _row(html, "V1.3")
    action = as_officer.get(f"/plans/{published_plan.slug}/actions/V1.1/").content.decode()
    assert SUBMITTED_SECRET in action


def test_the_lead_sees_their_own_unapproved_update_on_the_action_page(
    as_lead, published_plan, reported
):
    html = as_lead.get(f"/plans/{published_plan.slug}/actions/V1.1/").content.decode()
    assert SUBMITTED_SECRET in html
    assert "Awaiting review" in html


def test_text_a_lead_types_is_shown_escaped(as_officer, published_plan, led_action, q2, lead):
    update = builders.written(led_action, q2, "R", SCRIPT, by=lead)
    officer_pages = [
        "/review/",
        f"/review/{update.pk}/",
        f"/plans/{published_plan.slug}/actions/V1.1/",
        _period_url(published_plan, q2),
    ]
    for url in officer_pages:
        html = as_officer.get(url).content.decode()
        assert SCRIPT not in html, url
        assert ESCAPED in html or url == "/review/", url

    as_officer.post(f"/review/{update.pk}/", {"decision": "return", "reason": SCRIPT})

    as_lead = Client()
    as_lead.force_login(lead)
    for url in ["/my-actions/", _update_url(led_action, q2)]:
        html = as_lead.get(url).content.decode()
        assert SCRIPT not in html, url
        assert ESCAPED in html, url


def _add_actions(plan: Plan, lead, count: int, periods: dict[str, ReportingPeriod], rag) -> None:
    """``count`` more actions, each with an update in every period (rows made in bulk)."""
    themes = list(plan.themes.prefetch_related("objectives"))
    start = Action.objects.filter(plan=plan).count()
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            theme=themes[number % len(themes)],
            objective=themes[number % len(themes)].objectives.all()[0],
            reference=f"B{number:04d}",
            title=f"Bulk action {number}",
            lead=lead if number % 2 else None,
            lead_name="" if number % 2 else f"Partner {number % 7}",
            due=dt.date(2018, 5 + number % 12 // 6, 1),
        )
        for number in range(start, start + count)
    )
    now = timezone.now()
    codes = list(rag)
    Update.objects.bulk_create(
        Update(
            action=action,
            period=period,
            rag=rag[codes[(number + offset) % len(codes)]],
            commentary=f"Update {number} for {name}",
            state=UpdateState.SUBMITTED if name == "open" else UpdateState.APPROVED,
            submitted_by=lead,
            submitted_at=now,
        )
        for number, action in enumerate(actions)
        for offset, (name, period) in enumerate(periods.items())
    )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_delivery_plan_and_review_queue_cost_the_same_queries_for_300_actions_as_10(
    client, as_officer, published_plan, lead, rag, make_period
):
    periods = {
        "previous": builders.publish(make_period("2017-18-q4")),
        "current": builders.publish(make_period("2018-19-q1")),
        "open": make_period("2018-19-q2"),
    }
    pages = [
        (client, _period_url(published_plan, periods["current"])),
        (as_officer, _period_url(published_plan, periods["current"])),
        (as_officer, _period_url(published_plan, periods["current"], "overdue=1&status=G")),
        (as_officer, _period_url(published_plan, periods["open"])),
        (as_officer, "/review/"),
    ]

    _add_actions(published_plan, lead, 10, periods, rag)
    small = [_queries(who, url) for who, url in pages]
    _add_actions(published_plan, lead, 290, periods, rag)
    big = [_queries(who, url) for who, url in pages]

    assert big == small, (small, big)
    assert len(_refs(client.get(pages[0][1]).content.decode())) == 300
    assert "300 updates await review." in as_officer.get("/review/").content.decode()


# What a visitor's request reads: the Plan, the quarter, the one before it, the RAG key, the
# actions (with their themes, objectives and Leads), this quarter's updates, the statuses of the
# quarter before, the Plan's versions, and the quarters and themes the page offers.
MAX_PUBLIC_PAGE_QUERIES = 10


def test_a_visitor_reads_a_delivery_plan_of_300_actions_in_at_most_10_queries(
    client, published_plan, lead, rag, make_period, django_assert_max_num_queries
):
    periods = {
        "previous": builders.publish(make_period("2017-18-q4")),
        "current": builders.publish(make_period("2018-19-q1")),
    }
    _add_actions(published_plan, lead, 300, periods, rag)
    url = _period_url(published_plan, periods["current"])

    with django_assert_max_num_queries(MAX_PUBLIC_PAGE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
    assert len(_refs(response.content.decode())) == 300
