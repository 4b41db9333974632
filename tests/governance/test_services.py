"""Writes to bodies, meetings, agendas and the forward plan: who may make them, and the record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from planwatch.governance.models import (
    Access,
    AgendaItem,
    Body,
    Expectation,
    Meeting,
    MeetingStatus,
    PaperKind,
)
from planwatch.governance.services import (
    DEFAULT_BODIES,
    agenda_item_remove,
    agenda_item_save,
    body_save,
    expectation_save,
    meeting_cancel,
    meeting_reinstate,
    meeting_save,
)
from tests.governance import builders

DAY = dt.date(2027, 9, 8)


def _snapshot() -> tuple:
    return tuple(
        (list(model.objects.order_by("pk").values()), model.history.count())
        for model in (Body, Meeting, AgendaItem, Expectation)
    )


def _writes(panel: Body, meeting: Meeting, item: AgendaItem, by) -> list:
    """Every service, each as a call that would change something."""
    return [
        lambda: body_save(body=panel, by=by, description="Changed"),
        lambda: body_save(body=Body(), by=by, name="Another", short_name="A", slug="another"),
        lambda: meeting_save(
            meeting=Meeting(body=panel),
            by=by,
            title="",
            starts=builders.at(DAY, 10),
            ends=builders.at(DAY, 12),
            venue="Town Hall",
            access=Access.PUBLIC,
        ),
        lambda: meeting_save(meeting=meeting, by=by, venue="Elsewhere"),
        lambda: meeting_cancel(meeting=meeting, by=by, reason="No business"),
        lambda: agenda_item_save(item=AgendaItem(meeting=meeting), by=by, number="9", title="X"),
        lambda: agenda_item_save(item=item, by=by, title="Changed"),
        lambda: agenda_item_remove(item=item, by=by),
        lambda: expectation_save(
            expectation=Expectation(),
            by=by,
            body=panel,
            paper_kind=PaperKind.ANNUAL,
            title="Annual Report",
            every_meeting=False,
            months={6},
        ),
    ]


@pytest.mark.parametrize("role", ["lead", "panel_member", "auditor"])
def test_only_opcc_staff_may_write_and_a_refusal_changes_nothing(role, panel, request):
    user = request.getfixturevalue(role)
    meeting = builders.meeting(panel, DAY)
    item = builders.item(meeting, "1", "Apologies")
    before = _snapshot()

    for write in _writes(panel, meeting, item, user):
        with pytest.raises(PermissionDenied):
            write()

    assert _snapshot() == before


@pytest.mark.parametrize("role", ["officer", "administrator"])
def test_opcc_staff_may_make_every_write(role, panel, request):
    user = request.getfixturevalue(role)
    meeting = builders.meeting(panel, DAY)
    item = builders.item(meeting, "1", "Apologies")

    for write in _writes(panel, meeting, item, user):
        before = _snapshot()
        write()
        assert _snapshot() != before


def test_a_new_meeting_is_recorded_with_who_added_it(panel, officer):
    meeting = meeting_save(
        meeting=Meeting(body=panel),
        by=officer,
        title="Annual Report meeting",
        starts=builders.at(DAY, 10),
        ends=builders.at(DAY, 12, 30),
        venue="Council Chamber",
        access=Access.PUBLIC,
    )

    record = meeting.history.get()
    assert record.history_type == "+"
    assert record.history_user == officer
    assert record.title == "Annual Report meeting"


def test_changing_a_meeting_is_recorded_and_counts_in_its_calendar_sequence(panel, officer):
    meeting = builders.meeting(panel, DAY)
    uid = meeting.uid

    changed = meeting_save(meeting=meeting, by=officer, venue="Committee Room 2")

    assert changed.sequence == 1
    assert changed.uid == uid
    latest = changed.history.first()
    assert (latest.history_user, latest.venue) == (officer, "Committee Room 2")


def test_cancelling_keeps_the_reason_and_who_and_reinstating_undoes_it(panel, officer):
    meeting = builders.meeting(panel, DAY)

    cancelled = meeting_cancel(meeting=meeting, by=officer, reason="  Not quorate  ")

    assert cancelled.status == MeetingStatus.CANCELLED
    assert cancelled.cancellation_reason == "Not quorate"
    latest = cancelled.history.first()
    assert (latest.history_user, latest.history_change_reason) == (officer, "Not quorate")
    with pytest.raises(ValidationError, match="already cancelled"):
        meeting_cancel(meeting=cancelled, by=officer)

    reinstated = meeting_reinstate(meeting=cancelled, by=officer)

    assert reinstated.status == MeetingStatus.SCHEDULED
    assert reinstated.cancellation_reason == ""
    assert reinstated.sequence == 2
    assert reinstated.history.first().history_change_reason == "Reinstated"


def test_a_meeting_must_end_after_it_starts(panel, officer):
    with pytest.raises(ValidationError):
        meeting_save(
            meeting=Meeting(body=panel),
            by=officer,
            title="",
            starts=builders.at(DAY, 12),
            ends=builders.at(DAY, 10),
            venue="Town Hall",
            access=Access.PUBLIC,
        )
    assert not Meeting.objects.exists()


def test_the_database_refuses_a_meeting_that_ends_before_it_starts(panel):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            body=panel, starts=builders.at(DAY, 12), ends=builders.at(DAY, 10), venue="Hall"
        )


def test_agenda_items_sort_by_number_not_as_text(panel):
    meeting = builders.meeting(panel, DAY)
    for number in ["10", "2", "5.2", "5.1", "5", "1", "3b", "3a", "3"]:
        builders.item(meeting, number, f"Item {number}")

    numbers = list(meeting.agenda_items.order_by("position").values_list("number", flat=True))

    assert numbers == ["1", "2", "3", "3a", "3b", "5", "5.1", "5.2", "10"]


def test_an_agenda_number_is_used_once_per_meeting(panel, officer):
    meeting = builders.meeting(panel, DAY)
    builders.item(meeting, "5", "Delivery")

    with pytest.raises(ValidationError, match="already has an item 5"):
        agenda_item_save(item=AgendaItem(meeting=meeting), by=officer, number="5", title="Again")
    with pytest.raises(ValidationError, match="not an agenda item number"):
        agenda_item_save(item=AgendaItem(meeting=meeting), by=officer, number="V", title="Bad")

    other = builders.meeting(panel, DAY + dt.timedelta(days=7))
    assert builders.item(other, "5", "Delivery").number == "5"


def test_removing_an_agenda_item_records_who_removed_it(panel, officer):
    item = builders.item(builders.meeting(panel, DAY), "3", "Minutes")

    agenda_item_remove(item=item, by=officer)

    assert not AgendaItem.objects.exists()
    removal = AgendaItem.history.first()
    assert (removal.history_type, removal.history_user, removal.title) == ("-", officer, "Minutes")


def test_a_bodys_web_address_cannot_change_or_take_a_reserved_word(panel, officer):
    with pytest.raises(ValidationError):
        body_save(body=panel, by=officer, slug="the-panel")
    with pytest.raises(ValidationError):
        body_save(body=Body(), by=officer, name="Calendar", short_name="C", slug="calendar")

    body_save(body=panel, by=officer, default_venue="Shire Hall")

    assert Body.objects.get(pk=panel.pk).slug == "police-and-crime-panel"
    assert panel.history.first().history_user == officer


def test_an_expectation_needs_months_unless_it_is_for_every_meeting(bcb, officer):
    with pytest.raises(ValidationError, match="Choose the months"):
        builders.expect(bcb, PaperKind.PERFORMANCE, "Performance", months=set())

    every = builders.expect(bcb, PaperKind.PERFORMANCE, "Performance", months={1}, every=True)
    panel_paper = builders.expect(bcb, PaperKind.THEME, "Deep dive", months={11, 3, 9})

    assert (every.every_meeting, every.months, every.when) == (True, "", "at every meeting")
    assert panel_paper.months == "3,9,11"
    assert panel_paper.when == "in March, September and November"


def test_the_migration_seeds_the_three_default_bodies(db):
    Body.objects.all().delete()
    seed = __import__(
        "planwatch.governance.migrations.0002_default_bodies", fromlist=["seed_bodies"]
    ).seed_bodies

    seed(apps, None)
    seed(apps, None)

    assert list(Body.objects.values_list("name", "short_name", "slug")) == [
        (name, short, slug) for name, short, slug, _ in DEFAULT_BODIES
    ]
    assert Body.history.filter(history_type="+").count() >= 3
