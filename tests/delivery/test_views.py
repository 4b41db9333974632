"""The Delivery Plan's pages through the test client: the workflow, what readers see, and cost."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planwatch.delivery.models import (
    Action,
    PeriodState,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.plans.models import Plan
from tests.delivery import builders

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _error_summary(html: str) -> str:
    found = re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>\s*</div>', html, re.S)
    assert found, "No error summary on the page"
    return _text(found.group(0))


def _update_url(action: Action, period: ReportingPeriod) -> str:
    return f"/plans/{action.plan.slug}/actions/{action.reference}/updates/{period.slug}/"


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
    client.force_login(lead)
    return client


@pytest.fixture
def as_officer(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def test_a_red_update_without_commentary_is_refused_and_nothing_is_saved(
    as_lead, led_action, q2, rag
):
    response = as_lead.post(
        _update_url(led_action, q2), {"rag": rag["R"].pk, "commentary": "  ", "submit": "1"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "Explain why the action is Red" in _error_summary(html)
    assert '<a href="#id_commentary">Explain why the action is Red.</a>' in html
    assert '<p id="id_commentary-error" class="govuk-error-message">' in html
    assert not Update.objects.filter(action=led_action, period=q2).exists()


def test_a_change_of_status_needs_commentary_even_to_a_better_one(as_lead, led_action, q2, rag):
    response = as_lead.post(
        _update_url(led_action, q2), {"rag": rag["C"].pk, "commentary": "", "submit": "1"}
    )

    assert "Explain the change from Green to Complete" in _error_summary(response.content.decode())
    assert not Update.objects.filter(action=led_action, period=q2).exists()


def test_a_status_must_be_chosen(as_lead, led_action, q2):
    response = as_lead.post(_update_url(led_action, q2), {"commentary": "Done", "submit": "1"})

    assert "Choose a status" in _error_summary(response.content.decode())
    assert not Update.objects.filter(action=led_action, period=q2).exists()


def test_a_lead_saves_a_draft_then_submits_it(as_lead, lead, led_action, q2, rag):
    url = _update_url(led_action, q2)

    response = as_lead.post(url, {"rag": rag["A"].pk, "commentary": "", "draft": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/my-actions/"
    draft = Update.objects.get(action=led_action, period=q2)
    assert (draft.state, draft.rag, draft.submitted_at) == (UpdateState.DRAFT, rag["A"], None)
    my_actions = as_lead.get("/my-actions/").content.decode()
    assert "The update for V1.1 was saved as a draft." in my_actions
    assert "Revise the update" in my_actions

    form = as_lead.get(url).content.decode()
    assert re.search(rf'value="{rag["A"].pk}" checked', form)

    response = as_lead.post(
        url, {"rag": rag["A"].pk, "commentary": "Recruitment is behind plan.", "submit": "1"}
    )

    assert response["Location"] == "/my-actions/"
    submitted = Update.objects.get(pk=draft.pk)
    assert submitted.state == UpdateState.SUBMITTED
    assert submitted.commentary == "Recruitment is behind plan."
    assert submitted.submitted_by == lead
    assert (
        "The update for V1.1 was submitted for review."
        in as_lead.get("/my-actions/").content.decode()
    )
    locked = as_lead.get(url).content.decode()
    assert "This update is awaiting review; it cannot be changed now." in locked
    assert '<form method="post" novalidate>' not in locked


def test_an_officer_writing_an_update_is_led_back_to_the_action_not_to_my_actions(
    as_officer, led_action, q2
):
    html = as_officer.get(_update_url(led_action, q2)).content.decode()

    back = re.search(r'<a href="([^"]*)" class="govuk-back-link">([^<]*)</a>', html)
    assert back.groups() == (f"/plans/{led_action.plan.slug}/actions/V1.1/", "Back to the action")


def test_a_submitted_update_cannot_be_changed_by_posting_again(as_lead, led_action, q2, rag):
    builders.written(led_action, q2, "A", "Behind plan.")

    response = as_lead.post(
        _update_url(led_action, q2), {"rag": rag["G"].pk, "commentary": "Fine", "submit": "1"}
    )

    assert "awaiting review and cannot be changed now" in _error_summary(response.content.decode())
    assert Update.objects.get(action=led_action, period=q2).rag == rag["A"]


@pytest.fixture
def submitted(led_action, q2) -> Update:
    return builders.written(led_action, q2, "A", "Recruitment is behind plan.")


def test_the_review_queue_lists_a_submitted_update_with_its_old_and_new_status(
    as_officer, submitted
):
    html = as_officer.get("/review/").content.decode()

    assert "1 update awaits review." in html
    row = re.search(r'<tbody class="govuk-table__body">(.*?)</tbody>', html, re.S).group(1)
    assert f'href="/review/{submitted.pk}/"' in row
    assert re.search(r"^V1\.1 .* Green Amber .* by Lee$", _text(row))


def test_an_officer_approves_an_update(as_officer, officer, submitted):
    page = as_officer.get(f"/review/{submitted.pk}/").content.decode()
    assert f'action="/review/{submitted.pk}/approve/"' in page
    assert "Recruitment is behind plan." in page

    response = as_officer.post(f"/review/{submitted.pk}/approve/", follow=True)

    assert response.redirect_chain == [("/review/", 302)]
    assert "The update for V1.1 was approved." in response.content.decode()
    submitted.refresh_from_db()
    assert (submitted.state, submitted.reviewed_by) == (UpdateState.APPROVED, officer)


def test_approving_an_update_twice_shows_an_error_banner(as_officer, submitted):
    as_officer.post(f"/review/{submitted.pk}/approve/")

    response = as_officer.post(f"/review/{submitted.pk}/approve/", follow=True)

    assert "Only a submitted update can be reviewed; this one is approved." in _error_summary(
        response.content.decode()
    )


def test_an_officer_returns_an_update_with_a_reason_the_lead_then_sees(
    as_officer, officer, submitted, lead
):
    response = as_officer.post(
        f"/review/{submitted.pk}/", {"decision": "return", "reason": "Add this quarter's figures."}
    )

    assert response["Location"] == "/review/"
    submitted.refresh_from_db()
    assert submitted.state == UpdateState.RETURNED
    assert submitted.return_reason == "Add this quarter's figures."
    assert submitted.reviewed_by == officer

    as_lead = Client()
    as_lead.force_login(lead)
    my_actions = as_lead.get("/my-actions/").content.decode()
    assert "1 returned to you" in my_actions
    assert "Returned Reason: Add this quarter's figures." in _text(my_actions)
    assert "Revise the update" in my_actions
    form = as_lead.get(_update_url(submitted.action, submitted.period)).content.decode()
    assert "Returned for changes: Add this quarter's figures." in _text(form)


def test_returning_an_update_without_a_reason_is_refused(as_officer, submitted):
    response = as_officer.post(f"/review/{submitted.pk}/", {"decision": "return", "reason": " "})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the reason for returning it" in _error_summary(html)
    assert '<a href="#id_reason">' in html
    submitted.refresh_from_db()
    assert submitted.state == UpdateState.SUBMITTED


def _next_step(html: str, period: ReportingPeriod) -> tuple[str, str, str]:
    """The form that moves this period on: its address, its hidden "to" and its button text."""
    found = re.search(
        rf'<form method="post" action="([^"]*/periods/{period.slug}/advance/)">.*?'
        r'name="to" value="([a-z_]+)">.*?<button[^>]*>(.*?)</button>',
        html,
        re.S,
    )
    assert found, f"No button to move {period.slug} on"
    return found.group(1), found.group(2), _text(found.group(3))


def _press(client: Client, plan: Plan, period: ReportingPeriod, expected_button: str):
    page = client.get(f"/plans/{plan.slug}/periods/").content.decode()
    action, to, button = _next_step(page, period)
    assert button == f"{expected_button} {period.label}"
    return client.post(action, {"to": to}, follow=True)


def test_an_officer_moves_a_quarter_on_with_the_buttons_until_it_is_locked(
    as_officer, published_plan, make_period
):
    period = make_period("2018-19-q3", state=PeriodState.PLANNED)

    for button, state in [
        ("Open for updates", PeriodState.OPEN),
        ("Close for review", PeriodState.IN_REVIEW),
        ("Publish", PeriodState.PUBLISHED),
    ]:
        response = _press(as_officer, published_plan, period, button)
        period.refresh_from_db()
        assert period.state == state
        assert f"{period.label} is now {state.label.lower()}." in response.content.decode()

    assert period.published_at is not None
    row = re.search(
        rf"<tr[^>]*>\s*<td[^>]*><a[^>]*>{re.escape(period.label)}.*?</tr>",
        as_officer.get(f"/plans/{published_plan.slug}/periods/").content.decode(),
        re.S,
    )
    assert "Locked" in _text(row.group(0))


def test_publishing_is_refused_while_an_update_awaits_review(
    as_officer, published_plan, submitted, q2
):
    _press(as_officer, published_plan, q2, "Close for review")

    response = _press(as_officer, published_plan, q2, "Publish")

    assert "1 update(s) still await review" in _error_summary(response.content.decode())
    q2.refresh_from_db()
    assert (q2.state, q2.published_at) == (PeriodState.IN_REVIEW, None)

    as_officer.post(f"/review/{submitted.pk}/approve/")
    _press(as_officer, published_plan, q2, "Publish")
    q2.refresh_from_db()
    assert q2.state == PeriodState.PUBLISHED


def test_an_officer_adds_a_quarter_and_a_bad_one_is_refused(as_officer, published_plan, rag):
    url = f"/plans/{published_plan.slug}/periods/"

    bad = as_officer.post(url, {"quarter": "2018-q9", "update_deadline": ""})
    added = as_officer.post(url, {"quarter": "2019-20-q1", "update_deadline": ""}, follow=True)

    assert "is not a quarter written like 2018-19-q1" in _error_summary(bad.content.decode())
    assert "Q1 2019/20 (April to June 2019) was added." in added.content.decode()
    period = published_plan.periods.get()
    assert (period.slug, period.update_deadline) == ("2019-20-q1", dt.date(2019, 7, 14))


def test_amending_a_published_update_needs_a_reason_which_the_record_then_shows(
    as_officer, led_action, q1, rag
):
    url = f"/plans/{led_action.plan.slug}/actions/V1.1/updates/{q1.slug}/amend/"
    update = Update.objects.get(action=led_action, period=q1)
    versions = update.history.count()
    correction = {"rag": rag["A"].pk, "commentary": "Recruitment is behind plan."}

    refused = as_officer.post(url, {**correction, "reason": ""})

    assert "Enter the reason for changing a published update" in _error_summary(
        refused.content.decode()
    )
    update.refresh_from_db()
    assert (update.rag, update.history.count()) == (rag["G"], versions)

    response = as_officer.post(url, {**correction, "reason": "The lead sent the wrong status."})

    assert response["Location"] == f"/plans/{led_action.plan.slug}/actions/V1.1/"
    update.refresh_from_db()
    assert (update.rag, update.commentary) == (rag["A"], "Recruitment is behind plan.")
    record = as_officer.get(f"/plans/{led_action.plan.slug}/actions/V1.1/record/")
    newest = _text(
        re.search(r"<tbody[^>]*>\s*<tr[^>]*>(.*?)</tr>", record.content.decode(), re.S).group(1)
    )
    assert "Olu" in newest
    assert f"Changed the update for {q1.label}" in newest
    assert "Amended after publication: The lead sent the wrong status." in newest
    assert (
        "<strong>commentary</strong>: Work is progressing as planned. → Recruitment is behind plan."
        in record.content.decode()
    )


def test_only_a_published_update_can_be_amended(as_officer, led_action, q2, rag):
    update = builders.written(led_action, q2, "A", "Behind plan.")
    url = f"/plans/{led_action.plan.slug}/actions/V1.1/updates/{q2.slug}/amend/"

    assert as_officer.get(url).status_code == 404
    response = as_officer.post(url, {"rag": rag["G"].pk, "commentary": "Fine", "reason": "Why"})

    assert response.status_code == 404
    update.refresh_from_db()
    assert (update.rag, update.state) == (rag["A"], UpdateState.SUBMITTED)


def test_the_record_shows_a_changed_status_by_its_label(as_officer, led_action, q1, rag):
    url = f"/plans/{led_action.plan.slug}/actions/V1.1/updates/{q1.slug}/amend/"
    as_officer.post(url, {"rag": rag["A"].pk, "commentary": "Behind.", "reason": "Wrong status"})

    record = as_officer.get(f"/plans/{led_action.plan.slug}/actions/V1.1/record/")

    assert re.search(r"<strong>\w+</strong>: Green → Amber", record.content.decode())


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
