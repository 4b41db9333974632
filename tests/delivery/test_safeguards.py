"""Safeguards: nothing unpublished leaks, records are not lost, crafted input gets an answer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planwatch.delivery.exporter import delivery_export_rows
from planwatch.delivery.models import Action, ActionState, RagStatus, Update
from planwatch.delivery.reminders import send_reminders
from planwatch.delivery.selectors import delivery_plan
from planwatch.delivery.services import action_save, period_create, update_return
from planwatch.delivery.spreadsheet import read_records, write_delivery_rows
from planwatch.delivery.work_lists import my_actions
from planwatch.plans.models import Theme


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_lead_is_not_shown_or_reminded_of_actions_in_a_draft_plan(draft_plan, lead, mailoutbox):
    theme = draft_plan.themes.first()
    action = action_save(
        action=Action(plan=draft_plan, theme=theme, reference="S1", title="Secret", lead=lead),
        by=None,
    )
    from planwatch.delivery.quarters import parse_quarter
    from planwatch.delivery.services import period_advance

    period = period_create(plan=draft_plan, quarter=parse_quarter("2018-19-q1"), by=None)
    period_advance(period=period, to="open", by=None)

    assert action not in [item.action for item in my_actions(user=lead)]
    send_reminders(today=period.update_deadline + dt.timedelta(days=1))
    assert not [m for m in mailoutbox if "S1" in m.body]


def test_a_withdrawn_action_with_only_a_draft_is_not_shown_to_the_public(
    q1, q2, published_plan, make_action, make_update
):
    withdrawn = make_action("W9", state=ActionState.WITHDRAWN, lead_name="Someone")
    make_update(withdrawn, q2, "A", state="draft", commentary="Draft only")

    data = delivery_plan(user=None, plan=published_plan, period=q1)

    refs = [row.action.reference for row in data.summary.rows]
    assert "W9" not in refs
    assert "Someone" not in [name for _, name in data.leads]


def test_removing_a_theme_with_actions_is_refused_and_keeps_them(officer, led_action, q1):
    theme = led_action.theme
    url = f"/plans/{theme.plan.slug}/themes/{theme.pk}/remove/"

    response = _client(officer).post(url, follow=True)

    assert "has 2 action(s) in the Delivery Plan" in response.content.decode()
    assert Theme.objects.filter(pk=theme.pk).exists()
    assert Update.objects.filter(action=led_action).exists()


def test_opening_the_add_status_page_writes_nothing(officer, published_plan):
    _client(officer).get(f"/plans/{published_plan.slug}/rag-key/new/")

    assert not RagStatus.objects.filter(plan=published_plan).exists()


def test_a_long_return_reason_is_kept_whole_in_the_record(submitted_update, officer):
    reason = "The figures for the second month are missing. " * 8

    update_return(update=submitted_update, reason=reason, by=officer)

    latest = submitted_update.history.first()
    assert latest.history_change_reason == f"Returned: {reason.strip()}"


@pytest.fixture
def submitted_update(led_action, q2, make_update) -> Update:
    return make_update(led_action, q2, "A", state="submitted", commentary="Behind plan.")


@pytest.mark.parametrize("query", ["theme=²", "theme=abc", "theme=-1", "status=zz", "lead=x"])
def test_odd_filters_are_answered_not_crashed(q1, published_plan, query):
    response = _client().get(f"/plans/{published_plan.slug}/delivery/{q1.slug}/?{query}")

    assert response.status_code == 200


def test_a_reference_with_a_slash_is_refused(officer, published_plan, theme):
    response = _client(officer).post(
        f"/plans/{published_plan.slug}/actions/new/",
        {"reference": "X/1", "title": "T", "theme": theme.pk, "lead_name": "Post", "state": "open"},
    )

    assert response.status_code == 200
    assert "Use letters, digits" in response.content.decode()
    assert not Action.objects.filter(reference="X/1").exists()


@pytest.mark.parametrize("quarter", ["9999-00-q4", "2030-31-q1", "2010-11-q1"])
def test_a_quarter_outside_the_plan_is_refused_with_a_message(officer, published_plan, quarter):
    response = _client(officer).post(
        f"/plans/{published_plan.slug}/periods/", {"quarter": quarter, "update_deadline": ""}
    )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not published_plan.periods.exists()


def test_csv_export_stops_formulas_and_reads_back_the_same(q1, led_action, tmp_path):
    Update.objects.filter(action=led_action, period=q1).update(commentary='=HYPERLINK("x")')
    rows = delivery_export_rows(plan=led_action.plan)
    path = tmp_path / "out.csv"

    write_delivery_rows(path, rows)

    raw = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in raw
    assert [r[8] for r in read_records(path)[1:] if r[0] == "V1.1"] == ['=HYPERLINK("x")']


def test_the_record_page_makes_the_same_queries_however_many_changes(
    auditor, led_action, q2, rag, lead
):
    from planwatch.delivery.services import update_save

    url = f"/plans/{led_action.plan.slug}/actions/{led_action.reference}/record/"
    client = _client(auditor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for code in ["A", "R", "A", "R", "A", "R"]:
        update_save(
            action=led_action, period=q2, rag=rag[code], commentary=code, by=lead, submit=False
        )
    assert count() == few


def test_the_plan_history_makes_the_same_queries_however_many_changes(auditor, published_plan):
    from planwatch.plans.services import part_update

    url = f"/plans/{published_plan.slug}/history/"
    client = _client(auditor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for theme in published_plan.themes.all():
        for n in range(3):
            part_update(part=theme, by=auditor, aim=f"{theme.aim} ({n})")
    assert count() == few
