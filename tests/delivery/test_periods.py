"""Reporting periods through the services: creating one per quarter, moving it forward one
step at a time, which periods take updates, and amending an update after publication.

The fixtures (tests/delivery/conftest.py): Lee (`lead`) leads V1.1 (`led_action`), Liz
(`other_lead`) leads V1.2 (`other_action`); 2018-19-q1 is published with V1.1 Green and
V1.2 Amber; 2018-19-q2 is open.
"""

from __future__ import annotations

import itertools
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.delivery.models import PeriodState, ReportingPeriod, Update, UpdateState
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import (
    DEFAULT_RAG_KEY,
    period_advance,
    period_create,
    rag_key_ensure,
    update_amend,
    update_approve,
)
from tests.delivery.workflow import latest, submitted_update, write_update

STATES = [PeriodState.PLANNED, PeriodState.OPEN, PeriodState.IN_REVIEW, PeriodState.PUBLISHED]


@pytest.fixture
def write(rag):
    """write(action, period, "G", by=lee): a Lead's update_save, submitted unless told."""
    return partial(write_update, rag)


@pytest.fixture
def submitted(q2, led_action, lead, rag) -> Update:
    """Lee's update on V1.1 for 2018-19-q2, awaiting review."""
    return submitted_update(rag, q2, led_action, lead)


class TestPeriods:
    def test_an_officer_creates_a_period_for_a_quarter(self, published_plan, officer):
        period = period_create(plan=published_plan, quarter=parse_quarter("2018-19-q3"), by=officer)

        assert (period.slug, period.label) == (
            "2018-19-q3",
            "Q3 2018/19 (October to December 2018)",
        )
        assert period.state == PeriodState.PLANNED
        assert str(period.update_deadline) == "2019-01-14"
        assert latest(period).history_user == officer
        assert published_plan.rag_statuses.count() == len(DEFAULT_RAG_KEY)

    def test_a_quarter_has_one_period_per_plan(self, q2, published_plan, officer):
        with pytest.raises(ValidationError):
            period_create(plan=published_plan, quarter=parse_quarter("2018-19-q2"), by=officer)

    @pytest.mark.parametrize("state", [PeriodState.PLANNED, PeriodState.PUBLISHED])
    def test_a_planned_or_published_period_refuses_updates(
        self, make_period, led_action, lead, write, state
    ):
        period = make_period("2018-19-q3", state=state)

        with pytest.raises(ValidationError, match="is not open for updates"):
            write(led_action, period, "G", by=lead, submit=False)

    def test_a_period_in_review_still_takes_late_updates(self, q2, led_action, lead, write):
        period = period_advance(period=q2, to=PeriodState.IN_REVIEW, by=None)

        assert write(led_action, period, "G", by=lead).state == UpdateState.SUBMITTED

    @pytest.mark.parametrize(("start", "to"), list(itertools.product(STATES, repeat=2)))
    def test_periods_move_only_forward_one_step_at_a_time(self, make_period, officer, start, to):
        period = make_period("2018-19-q3", state=start)
        allowed = STATES.index(to) == STATES.index(start) + 1

        if allowed:
            assert period_advance(period=period, to=to, by=officer).state == to
            assert latest(ReportingPeriod.objects.get(pk=period.pk)).history_user == officer
        else:
            with pytest.raises(ValidationError, match="it cannot become"):
                period_advance(period=period, to=to, by=officer)
            period.refresh_from_db()
            assert period.state == start

    def test_publishing_waits_until_every_submission_is_reviewed(self, q2, submitted, officer):
        in_review = period_advance(period=q2, to=PeriodState.IN_REVIEW, by=officer)

        with pytest.raises(ValidationError, match="1 update"):
            period_advance(period=in_review, to=PeriodState.PUBLISHED, by=officer)
        update_approve(update=submitted, by=officer)
        published = period_advance(period=in_review, to=PeriodState.PUBLISHED, by=officer)

        assert published.is_published
        assert published.published_at is not None

    @pytest.mark.parametrize("user", ["lead", "panel_member", "auditor"])
    def test_only_opcc_staff_manage_periods(self, request, q2, published_plan, user):
        person = request.getfixturevalue(user)

        with pytest.raises(PermissionDenied):
            period_advance(period=q2, to=PeriodState.IN_REVIEW, by=person)
        with pytest.raises(PermissionDenied):
            period_create(plan=published_plan, quarter=parse_quarter("2018-19-q3"), by=person)


class TestAfterPublication:
    @pytest.fixture
    def published(self, q1, led_action) -> Update:
        return Update.objects.get(action=led_action, period=q1)

    @pytest.mark.parametrize("writer", ["lead", "officer"])
    def test_nobody_writes_an_ordinary_update_in_a_published_period(
        self, request, q1, led_action, write, writer
    ):
        with pytest.raises(ValidationError, match="is not open for updates"):
            write(led_action, q1, "R", by=request.getfixturevalue(writer), commentary="x")

    def test_a_lead_cannot_amend_a_published_update(self, published, lead, rag):
        with pytest.raises(PermissionDenied):
            update_amend(update=published, rag=rag["R"], commentary="x", reason="y", by=lead)

    @pytest.mark.parametrize("reason", ["", "  "])
    def test_an_amendment_needs_a_reason(self, published, officer, rag, reason):
        with pytest.raises(ValidationError, match="Give the reason"):
            update_amend(update=published, rag=rag["A"], commentary="x", reason=reason, by=officer)

        published.refresh_from_db()
        assert published.rag.code == "G"

    def test_an_officer_amends_and_the_reason_is_in_the_history(self, published, officer, rag):
        update = update_amend(
            update=published,
            rag=rag["A"],
            commentary=" Funding was withdrawn in June. ",
            reason="The Lead corrected the status after publication",
            by=officer,
        )

        update.refresh_from_db()
        assert (update.rag.code, update.commentary) == ("A", "Funding was withdrawn in June.")
        assert update.state == UpdateState.APPROVED
        record = latest(update)
        assert record.history_user == officer
        assert record.history_change_reason == (
            "Amended after publication: The Lead corrected the status after publication"
        )
        assert record.prev_record.rag.code == "G"

    def test_an_amendment_must_use_the_plans_key(self, published, officer, draft_plan):
        foreign = rag_key_ensure(plan=draft_plan, by=None)[0]

        with pytest.raises(ValidationError, match="this Plan's key"):
            update_amend(update=published, rag=foreign, commentary="", reason="y", by=officer)
