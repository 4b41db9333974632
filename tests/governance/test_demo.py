"""The demo's meetings: a year around today for the three bodies, and a gap in the forward plan."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from planwatch.governance.demo import governance_demo_load
from planwatch.governance.models import AgendaItem, Body, Expectation, Meeting
from planwatch.governance.selectors import forward_plan_for

TODAY = dt.date(2026, 11, 22)


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() + model.history.count()
        for model in (Body, Meeting, AgendaItem, Expectation)
    }


def test_it_loads_meetings_for_each_body_around_today(db):
    governance_demo_load(today=TODAY)

    for body in Body.objects.all():
        assert body.default_venue
        assert body.meetings.filter(starts__date__gt=TODAY).exists(), body
        assert body.meetings.filter(starts__date__lt=TODAY).exists(), body
    assert Meeting.objects.filter(access="private").count() == 1
    assert Meeting.objects.filter(status="cancelled").count() == 1
    assert AgendaItem.objects.filter(paper_kind="delivery_monitoring").exists()


def test_its_forward_plan_flags_the_annual_report_with_no_june_panel(db):
    governance_demo_load(today=TODAY)

    plan, due = forward_plan_for(TODAY)

    assert [(p.month.label, p.expected.title) for p in plan.missing] == [
        ("June 2027", "The Commissioner's Annual Report")
    ]
    assert {meeting.ref.body.short_name for meeting, _ in due} == {"BCB", "Panel", "JAC"}


def test_running_it_twice_changes_nothing(db):
    governance_demo_load(today=TODAY)
    once = _counts()

    governance_demo_load(today=TODAY)

    assert _counts() == once


def test_running_it_later_adds_nothing_while_any_meeting_exists(db):
    governance_demo_load(today=TODAY)
    Meeting.objects.filter(status="cancelled").delete()
    before = _counts()

    governance_demo_load(today=TODAY + dt.timedelta(days=40))

    assert _counts() == before


def test_the_demo_command_loads_the_meetings(db):
    call_command("demo", stdout=io.StringIO())

    assert Meeting.objects.filter(body__slug="police-and-crime-panel").exists()
    assert Expectation.objects.count() == 4
