"""The selectors that read the update workflow: the Delivery Plan each reader may see, with
its summary and directions of travel, a Lead's actions, the review queue, and what they
cost in queries.

The fixtures (tests/delivery/conftest.py): Lee (`lead`) leads V1.1 (`led_action`), Liz
(`other_lead`) leads V1.2 (`other_action`); 2018-19-q1 is published with V1.1 Green and
V1.2 Amber; 2018-19-q2 is open.
"""

from __future__ import annotations

from collections import Counter
from functools import partial

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import Action, PeriodState, Update, UpdateState
from planwatch.delivery.selectors import delivery_plan
from planwatch.delivery.services import DEFAULT_RAG_KEY, period_advance
from planwatch.delivery.work_lists import my_actions, review_queue
from tests.delivery.workflow import submitted_update, write_update

RANK = {row[0]: row[4] for row in DEFAULT_RAG_KEY}
ON_TRACK = {row[0] for row in DEFAULT_RAG_KEY if row[6]}


@pytest.fixture
def write(rag):
    """write(action, period, "G", by=lee): a Lead's update_save, submitted unless told."""
    return partial(write_update, rag)


@pytest.fixture
def submitted(q2, led_action, lead, rag) -> Update:
    """Lee's update on V1.1 for 2018-19-q2, awaiting review."""
    return submitted_update(rag, q2, led_action, lead)


@pytest.fixture
def mixed_q2(q2, make_action, make_update, led_action, other_action, lead):
    """2018-19-q2 published with one update in each state a published period can hold."""
    returned_action = make_action("V1.4", lead=lead)
    make_update(led_action, q2, "A", commentary="Slipping.")
    make_update(other_action, q2, "G", state=UpdateState.DRAFT)
    make_update(returned_action, q2, "R", state=UpdateState.RETURNED, commentary="Stuck.")
    period = period_advance(period=q2, to=PeriodState.IN_REVIEW, by=None)
    return period_advance(period=period, to=PeriodState.PUBLISHED, by=None)


def person(request, reader: str | None):
    """None (the system), an anonymous visitor, or a role fixture's user."""
    if reader is None:
        return None
    return AnonymousUser() if reader == "anonymous" else request.getfixturevalue(reader)


def shown(data) -> dict[str, str | None]:
    """Action reference -> the status code shown for it (None for no update)."""
    return {row.action.reference: row.rag.code if row.rag else None for row in data.summary.rows}


class TestDeliveryPlan:
    @pytest.mark.parametrize("reader", [None, "anonymous", "panel_member", "lead"])
    def test_the_public_and_the_panel_see_only_approved_updates(
        self, request, published_plan, mixed_q2, reader
    ):
        user = person(request, reader)

        data = delivery_plan(user=user, plan=published_plan, period=mixed_q2)

        assert shown(data) == {"V1.1": "A", "V1.2": None, "V1.4": None}

    @pytest.mark.parametrize("reader", ["officer", "administrator", "auditor"])
    def test_staff_and_auditors_also_see_updates_not_yet_approved(
        self, request, published_plan, mixed_q2, reader
    ):
        user = request.getfixturevalue(reader)

        data = delivery_plan(user=user, plan=published_plan, period=mixed_q2)

        assert shown(data) == {"V1.1": "A", "V1.2": "G", "V1.4": "R"}

    @pytest.mark.parametrize("reader", [None, "anonymous", "panel_member", "lead"])
    def test_nothing_in_an_unpublished_period_is_shown_to_the_public_or_the_panel(
        self, request, published_plan, q2, led_action, other_action, make_update, reader
    ):
        user = person(request, reader)
        make_update(led_action, q2, "G")
        make_update(other_action, q2, "A", state=UpdateState.SUBMITTED)

        data = delivery_plan(user=user, plan=published_plan, period=q2)

        assert shown(data) == {"V1.1": None, "V1.2": None}

    def test_an_officer_sees_submitted_updates_in_an_open_period(
        self, published_plan, q2, led_action, other_action, make_update, officer
    ):
        make_update(other_action, q2, "A", state=UpdateState.SUBMITTED)

        data = delivery_plan(user=officer, plan=published_plan, period=q2)

        assert shown(data) == {"V1.1": None, "V1.2": "A"}
        assert data.summary.rows[1].direction is None  # not approved: no direction yet

    def test_each_row_has_the_previous_status_and_its_direction(self, published_plan, mixed_q2, q1):
        data = delivery_plan(user=None, plan=published_plan, period=mixed_q2)

        assert data.previous_period == q1
        rows = {row.action.reference: row for row in data.summary.rows}
        assert rows["V1.1"].previous_rag.code == "G"
        assert rows["V1.1"].direction == Direction.DETERIORATING
        assert rows["V1.2"].previous_rag.code == "A"
        assert rows["V1.2"].direction is None
        assert rows["V1.4"].previous_rag is None

    def test_the_summary_agrees_with_an_independent_count(
        self, published_plan, make_period, make_action, make_update, lead
    ):
        # (status in q1 or None, status in q2 or None), one action each.
        history = [
            ("G", "G"), ("G", "A"), ("A", "G"), ("R", "R"), (None, "G"), (None, "NS"),
            ("A", "C"), (None, None), ("G", None), ("NS", "R"), ("R", "A"), ("C", "C"),
        ]  # fmt: skip
        actions = [make_action(f"S{n:02d}", lead=lead) for n in range(1, len(history) + 1)]
        q1, q2 = make_period("2018-19-q1"), make_period("2018-19-q2")
        for action, (before, now) in zip(actions, history, strict=True):
            if before:
                make_update(action, q1, before)
            if now:
                make_update(action, q2, now)
        for period in (q1, q2):
            period_advance(period=period, to=PeriodState.IN_REVIEW, by=None)
            period_advance(period=period, to=PeriodState.PUBLISHED, by=None)

        summary = delivery_plan(user=None, plan=published_plan, period=q2).summary

        now_codes = Counter(now for _, now in history)
        expected_counts = [(code, now_codes.get(code, 0)) for code in RANK]
        expected_counts.append((None, now_codes[None]))
        assert [(s.code if s else None, n) for s, n in summary.counts] == expected_counts
        reported = sum(1 for _, now in history if now)
        on_track = sum(1 for _, now in history if now in ON_TRACK)
        assert (summary.total, summary.reported, summary.on_track) == (
            len(history),
            reported,
            on_track,
        )
        assert summary.on_track_share == pytest.approx(on_track / reported)

        def direction(before, now):
            if now is None:
                return None
            if now == "C":
                return Direction.COMPLETED
            if before is None:
                return Direction.NEW
            if RANK[now] == RANK[before]:
                return Direction.NO_CHANGE
            return Direction.IMPROVING if RANK[now] > RANK[before] else Direction.DETERIORATING

        expected = Counter(direction(b, n) for b, n in history if n)
        assert dict(summary.directions) == {d: expected.get(d, 0) for d in Direction}
        assert [row.direction for row in summary.rows] == [direction(b, n) for b, n in history]

    def test_theme_summaries_add_up_to_the_whole(
        self, published_plan, q2, make_action, make_update, lead
    ):
        for number, theme in enumerate(published_plan.themes.order_by("order"), start=1):
            make_update(make_action(f"T{number}", theme=theme, lead=lead), q2, "G")

        data = delivery_plan(user=None, plan=published_plan, period=q2)

        assert len(data.themes) == published_plan.themes.count()
        assert sum(group.summary.total for group in data.themes) == data.summary.total

    def test_a_plan_with_no_updates_has_no_on_track_share(self, published_plan, q2):
        assert (
            delivery_plan(user=None, plan=published_plan, period=q2).summary.on_track_share is None
        )


class TestMyActions:
    def test_a_lead_sees_the_open_actions_they_lead_with_the_update_due(
        self, q2, led_action, other_action, make_action, lead, write
    ):
        make_action("V1.7", lead=lead, state="complete")
        second = make_action("V1.6", lead=lead)
        write(second, q2, "G", by=lead, submit=False)

        items = my_actions(user=lead)

        assert [item.action.reference for item in items] == ["V1.1", "V1.6"]  # not V1.7
        assert all(item.period == q2 for item in items)
        assert [item.status for item in items] == ["To do", "Draft"]
        assert all(item.needs_work and item.overdue for item in items)

    def test_a_submitted_update_needs_no_more_work(self, submitted, lead):
        [item] = my_actions(user=lead)

        assert item.update == submitted
        assert item.status == "Awaiting review"
        assert not item.needs_work
        assert not item.overdue

    def test_with_no_period_open_there_is_nothing_to_do(self, q1, lead):
        [item] = my_actions(user=lead)

        assert item.period is None
        assert item.status == "No period open"
        assert not item.needs_work

    def test_someone_who_leads_nothing_has_nothing(self, q2, officer):
        assert my_actions(user=officer) == []


class TestReviewQueue:
    def test_the_queue_holds_submitted_updates_oldest_first_with_their_previous_status(
        self, q2, led_action, other_action, make_action, lead, other_lead, write, make_update
    ):
        first = write(other_action, q2, "G", by=other_lead, commentary="Back on track.")
        second = write(led_action, q2, "R", by=lead, commentary="Funding cut.")
        make_update(make_action("V1.5", lead=lead), q2, "G", state=UpdateState.DRAFT)
        make_update(make_action("V1.6", lead=lead), q2, "G", state=UpdateState.APPROVED)

        rows = review_queue()

        assert [row.update for row in rows] == [first, second]
        assert [row.previous_rag.code for row in rows] == ["A", "G"]
        assert [row.rag.code for row in rows] == ["G", "R"]

    def test_the_queue_can_be_limited_to_one_plan(self, submitted, published_plan, draft_plan):
        assert [row.update for row in review_queue(plan=published_plan)] == [submitted]
        assert review_queue(plan=draft_plan) == []

    def test_a_new_action_has_no_previous_status(self, q2, make_action, lead, write):
        write(make_action("V1.5", lead=lead), q2, "G", by=lead)

        [row] = review_queue()

        assert row.previous_rag is None


class TestQueryCounts:
    """The lists cost the same number of queries for 10 actions as for 300."""

    @pytest.fixture
    def grow(self, published_plan, q1, q2, rag, lead, other_lead):
        objectives = [
            (theme, objective)
            for theme in published_plan.themes.all()
            for objective in [None, *theme.objectives.all()]
        ]
        codes = list(rag)
        made = 0

        def grow(to: int) -> None:
            nonlocal made
            actions = Action.objects.bulk_create(
                Action(
                    plan=published_plan,
                    theme=objectives[n % len(objectives)][0],
                    objective=objectives[n % len(objectives)][1],
                    reference=f"Q{n:03d}",
                    title=f"Action {n}",
                    lead=[lead, other_lead, None][n % 3],
                    lead_name="" if n % 3 != 2 else "Head of Community Safety",
                )
                for n in range(made, to)
            )
            Update.objects.bulk_create(
                Update(
                    action=action,
                    period=period,
                    rag=rag[codes[(n + shift) % len(codes)]],
                    commentary="x",
                    state=state,
                    submitted_by=lead,
                )
                for n, action in enumerate(actions)
                for period, shift, state in [
                    (q1, 0, UpdateState.APPROVED),
                    (q2, n % 2, [UpdateState.SUBMITTED, UpdateState.APPROVED][n % 2]),
                ]
            )
            made = to

        return grow

    @staticmethod
    def count(read) -> int:
        with CaptureQueriesContext(connection) as context:
            read()
        return len(context.captured_queries)

    @staticmethod
    def read_delivery_plan(user, plan, period):
        data = delivery_plan(user=user, plan=plan, period=period)
        for theme in data.themes:
            for group in theme.groups:
                for row in group.rows:
                    _ = (row.action.lead_display, row.action.objective, row.action.theme.name)
                    _ = (row.rag and row.rag.label, row.previous_rag, row.direction, row.overdue)
            _ = (theme.summary.counts, theme.summary.directions, theme.summary.on_track_share)
        return data.summary.counts, data.summary.directions, data.leads

    @staticmethod
    def read_review_queue():
        for row in review_queue():
            _ = (row.action.reference, row.action.lead_display, row.action.theme.name)
            _ = (row.update.period.label, row.update.submitted_by, row.rag.label)
            _ = (row.previous_rag and row.previous_rag.label, row.direction, row.overdue)

    @pytest.mark.parametrize("reader", [None, "officer"])
    def test_the_delivery_plan(self, request, grow, published_plan, q1, q2, reader):
        user = request.getfixturevalue(reader) if reader else None
        counts = []
        for size in (10, 300):
            grow(size)
            for period in (q1, q2):
                counts.append(
                    self.count(lambda p=period: self.read_delivery_plan(user, published_plan, p))
                )

        assert counts[:2] == counts[2:]
        assert max(counts) <= 6

    def test_the_review_queue(self, grow):
        grow(10)
        small = self.count(self.read_review_queue)
        grow(300)
        large = self.count(self.read_review_queue)

        assert small == large <= 4
        assert len(review_queue()) == 150
