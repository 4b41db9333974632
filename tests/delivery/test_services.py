"""The update workflow end to end through the services, and the selectors that read it.

The fixtures (tests/delivery/conftest.py): Lee (`lead`) leads V1.1 (`led_action`), Liz
(`other_lead`) leads V1.2 (`other_action`); 2018-19-q1 is published with V1.1 Green and
V1.2 Amber; 2018-19-q2 is open.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import (
    Action,
    PeriodState,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.selectors import delivery_plan, my_actions, review_queue
from planwatch.delivery.services import (
    DEFAULT_RAG_KEY,
    action_save,
    period_advance,
    period_create,
    rag_key_ensure,
    update_amend,
    update_approve,
    update_record_approved,
    update_return,
    update_save,
)

STATES = [PeriodState.PLANNED, PeriodState.OPEN, PeriodState.IN_REVIEW, PeriodState.PUBLISHED]
RANK = {row[0]: row[4] for row in DEFAULT_RAG_KEY}
ON_TRACK = {row[0] for row in DEFAULT_RAG_KEY if row[6]}


@pytest.fixture
def write(rag):
    """write(action, period, "G", by=lee): a Lead's update_save, submitted unless told."""

    def write(action, period, code, *, by, submit=True, commentary="Work is on plan."):
        return update_save(
            action=action,
            period=period,
            rag=rag[code],
            commentary=commentary,
            by=by,
            submit=submit,
        )

    return write


@pytest.fixture
def submitted(q2, led_action, lead, write) -> Update:
    """Lee's update on V1.1 for 2018-19-q2, awaiting review."""
    return write(led_action, q2, "A", by=lead, commentary="Recruitment has slipped.")


def latest(obj):
    """The newest history record of a model instance."""
    return obj.history.order_by("-history_date", "-history_id").first()


class TestALeadWritesUpdates:
    def test_a_lead_saves_a_draft_for_an_action_they_lead(self, q2, led_action, lead, write):
        update = write(led_action, q2, "G", by=lead, submit=False)

        assert update.state == UpdateState.DRAFT
        assert update.submitted_at is None
        assert latest(update).history_user == lead
        assert latest(update).history_change_reason == "Draft saved"

    def test_a_lead_submits_an_update_for_an_action_they_lead(self, q2, led_action, lead, write):
        write(led_action, q2, "G", by=lead, submit=False)

        update = write(led_action, q2, "A", by=lead, commentary="Two posts are still vacant.")

        assert Update.objects.get(action=led_action, period=q2) == update
        assert (update.state, update.rag.code) == (UpdateState.SUBMITTED, "A")
        assert update.commentary == "Two posts are still vacant."
        assert update.submitted_by == lead
        assert update.submitted_at is not None
        assert latest(update).history_user == lead
        assert latest(update).history_change_reason == "Submitted for review"

    def test_a_lead_cannot_update_an_action_they_do_not_lead(self, q2, other_action, lead, write):
        for submit in (False, True):
            with pytest.raises(PermissionDenied):
                write(other_action, q2, "G", by=lead, submit=submit)

        assert not Update.objects.filter(period=q2).exists()

    def test_a_lead_cannot_approve_or_return_an_update(self, submitted, lead):
        with pytest.raises(PermissionDenied):
            update_approve(update=submitted, by=lead)
        with pytest.raises(PermissionDenied):
            update_return(update=submitted, reason="Not good enough", by=lead)

        submitted.refresh_from_db()
        assert submitted.state == UpdateState.SUBMITTED

    @pytest.mark.parametrize("reader", ["panel_member", "auditor"])
    def test_panel_members_and_auditors_cannot_write(
        self, request, q2, led_action, submitted, write, reader
    ):
        user = request.getfixturevalue(reader)

        with pytest.raises(PermissionDenied):
            write(led_action, q2, "G", by=user)
        with pytest.raises(PermissionDenied):
            update_approve(update=submitted, by=user)
        with pytest.raises(PermissionDenied):
            update_return(update=submitted, reason="No", by=user)

    @pytest.mark.parametrize("staff", ["officer", "administrator"])
    def test_opcc_staff_may_write_an_update_for_any_action(
        self, request, q2, other_action, write, staff
    ):
        user = request.getfixturevalue(staff)

        update = write(other_action, q2, "G", by=user)

        assert update.submitted_by == user

    def test_a_status_from_another_plans_key_is_refused(self, q2, led_action, lead, draft_plan):
        foreign = rag_key_ensure(plan=draft_plan, by=None)[0]

        with pytest.raises(ValidationError, match="this Plan's key"):
            update_save(
                action=led_action, period=q2, rag=foreign, commentary="x", by=lead, submit=False
            )


class TestCommentary:
    @pytest.mark.parametrize(("code", "label"), [("R", "Red"), ("A", "Amber")])
    @pytest.mark.parametrize("commentary", ["", "   \n "])
    def test_red_and_amber_must_explain_themselves(
        self, q2, make_action, lead, write, code, label, commentary
    ):
        new = make_action("V1.5", lead=lead)

        with pytest.raises(ValidationError, match=f"Explain why the action is {label}"):
            write(new, q2, code, by=lead, commentary=commentary)

        assert not new.updates.exists()

    @pytest.mark.parametrize("code", ["C", "A", "NS"])
    def test_a_change_from_the_previous_published_status_must_be_explained(
        self, q2, led_action, lead, write, code
    ):
        # V1.1 was Green in 2018-19-q1.
        with pytest.raises(ValidationError, match="Explain"):
            write(led_action, q2, code, by=lead, commentary="")

    def test_the_change_message_names_both_statuses(self, q2, led_action, lead, write):
        with pytest.raises(ValidationError, match="Explain the change from Green to Complete."):
            write(led_action, q2, "C", by=lead, commentary="")

    def test_an_unchanged_green_needs_no_commentary(self, q2, led_action, lead, write):
        update = write(led_action, q2, "G", by=lead, commentary="")

        assert update.state == UpdateState.SUBMITTED

    @pytest.mark.parametrize("code", ["G", "C", "NS"])
    def test_a_first_status_that_is_not_red_or_amber_needs_no_commentary(
        self, q2, make_action, lead, write, code
    ):
        new = make_action("V1.5", lead=lead)

        assert write(new, q2, code, by=lead, commentary="").state == UpdateState.SUBMITTED

    def test_a_status_in_an_unpublished_period_is_not_the_previous_one(
        self, make_period, led_action, lead, write, make_update
    ):
        q1 = make_period("2018-19-q1")
        make_update(led_action, q1, "R", commentary="Stalled.")
        q2 = make_period("2018-19-q2")

        # q1 is not published, so Green is V1.1's first status and needs no explanation.
        assert write(led_action, q2, "G", by=lead, commentary="").state == UpdateState.SUBMITTED

    def test_a_draft_may_be_saved_without_commentary_but_not_submitted(
        self, q2, led_action, lead, write
    ):
        draft = write(led_action, q2, "R", by=lead, submit=False, commentary="")

        with pytest.raises(ValidationError, match="Explain"):
            write(led_action, q2, "R", by=lead, commentary="")

        draft.refresh_from_db()
        assert draft.state == UpdateState.DRAFT


class TestReview:
    def test_an_officer_approves_a_submitted_update(self, submitted, officer):
        update = update_approve(update=submitted, by=officer)

        assert update.state == UpdateState.APPROVED
        assert update.reviewed_by == officer
        assert update.reviewed_at is not None
        assert latest(update).history_user == officer
        assert latest(update).history_change_reason == "Approved"

    def test_an_officer_returns_an_update_with_a_reason(self, submitted, officer):
        update = update_return(update=submitted, reason="  Say which posts.  ", by=officer)

        assert update.state == UpdateState.RETURNED
        assert update.return_reason == "Say which posts."
        assert update.reviewed_by == officer
        assert latest(update).history_user == officer
        assert latest(update).history_change_reason == "Returned: Say which posts."

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_returning_needs_a_reason(self, submitted, officer, reason):
        with pytest.raises(ValidationError, match="Say why"):
            update_return(update=submitted, reason=reason, by=officer)

        submitted.refresh_from_db()
        assert submitted.state == UpdateState.SUBMITTED

    def test_the_lead_revises_a_returned_update_and_resubmits_it(
        self, submitted, q2, led_action, lead, officer, write
    ):
        update_return(update=submitted, reason="Say which posts.", by=officer)

        draft = write(led_action, q2, "A", by=lead, submit=False, commentary="Two PCSO posts.")
        assert draft.state == UpdateState.RETURNED  # still with the Lead until resubmitted
        again = write(led_action, q2, "A", by=lead, commentary="Two PCSO posts are vacant.")
        assert again.pk == submitted.pk
        assert again.state == UpdateState.SUBMITTED
        approved = update_approve(update=again, by=officer)

        assert approved.commentary == "Two PCSO posts are vacant."
        assert approved.return_reason == ""
        reasons = [h.history_change_reason for h in approved.history.order_by("history_id")]
        assert reasons == [
            "Submitted for review",
            "Returned: Say which posts.",
            "Draft saved",
            "Submitted for review",
            "Approved",
        ]

    @pytest.mark.parametrize("state", [UpdateState.SUBMITTED, UpdateState.APPROVED])
    def test_a_submitted_or_approved_update_cannot_be_edited_by_the_lead(
        self, q2, led_action, lead, write, make_update, state
    ):
        make_update(led_action, q2, "G", state=state)

        for submit in (False, True):
            with pytest.raises(ValidationError, match="cannot be changed now"):
                write(led_action, q2, "R", by=lead, submit=submit, commentary="Worse.")

        assert Update.objects.get(action=led_action, period=q2).rag.code == "G"

    @pytest.mark.parametrize("state", [UpdateState.DRAFT, UpdateState.RETURNED])
    def test_only_a_submitted_update_can_be_reviewed(
        self, q2, led_action, officer, make_update, state
    ):
        update = make_update(led_action, q2, "G", state=state)

        with pytest.raises(ValidationError, match="Only a submitted update"):
            update_approve(update=update, by=officer)
        with pytest.raises(ValidationError, match="Only a submitted update"):
            update_return(update=update, reason="No", by=officer)

    def test_an_update_is_approved_only_once(self, submitted, officer):
        update_approve(update=submitted, by=officer)

        with pytest.raises(ValidationError, match="this one is approved"):
            update_approve(update=submitted, by=officer)


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


class TestEveryWriteRecordsWhoMadeIt:
    def test_a_whole_quarter_is_attributed(
        self, published_plan, theme, rag, lead, officer, administrator, write
    ):
        action = action_save(
            action=Action(plan=published_plan),
            by=officer,
            theme=theme,
            reference="V9.1",
            title="Open a victims' hub",
            lead=lead,
        )
        assert latest(action).history_user == officer

        period = period_create(plan=published_plan, quarter=parse_quarter("2018-19-q1"), by=officer)
        assert latest(period).history_user == officer
        period = period_advance(period=period, to=PeriodState.OPEN, by=administrator)
        assert latest(period).history_user == administrator

        update = write(action, period, "NS", by=lead, submit=False)
        assert latest(update).history_user == lead
        update = write(action, period, "NS", by=lead)
        assert latest(update).history_user == lead
        update = update_return(update=update, reason="Give a start date.", by=officer)
        assert latest(update).history_user == officer
        update = write(action, period, "NS", by=lead, commentary="Starts in May.")
        assert latest(update).history_user == lead
        update = update_approve(update=update, by=administrator)
        assert latest(update).history_user == administrator

        period = period_advance(period=period, to=PeriodState.IN_REVIEW, by=officer)
        period = period_advance(period=period, to=PeriodState.PUBLISHED, by=officer)
        assert latest(period).history_user == officer
        update = update_amend(
            update=update, rag=rag["G"], commentary="Started.", reason="Typo", by=officer
        )
        assert latest(update).history_user == officer

        users = {h.history_user for h in Update.history.filter(id=update.pk)}
        assert users == {lead, officer, administrator}

    def test_recording_an_imported_update_is_for_opcc_staff(
        self, q2, led_action, lead, officer, rag
    ):
        with pytest.raises(PermissionDenied):
            update_record_approved(
                action=led_action, period=q2, rag=rag["G"], commentary="", by=lead
            )
        update = update_record_approved(
            action=led_action, period=q2, rag=rag["G"], commentary="", by=officer
        )

        assert update.state == UpdateState.APPROVED
        assert latest(update).history_user == officer


class TestActions:
    def test_the_lead_must_have_the_lead_role(self, make_action, officer):
        with pytest.raises(ValidationError, match="Lead role"):
            make_action("V1.8", lead=officer)

    def test_the_objective_must_belong_to_the_actions_theme(self, make_action, published_plan):
        first, second = published_plan.themes.order_by("order")[:2]

        with pytest.raises(ValidationError, match="the action's theme"):
            make_action("V1.8", theme=first, objective=second.objectives.first())

    def test_only_opcc_staff_save_actions(self, published_plan, theme, lead):
        with pytest.raises(PermissionDenied):
            action_save(action=Action(plan=published_plan), by=lead, theme=theme, reference="X")


# Selectors ------------------------------------------------------------------------------


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


def period_dates(slug: str) -> dict:
    quarter = parse_quarter(slug)
    return {
        "slug": quarter.slug,
        "label": quarter.label,
        "starts": quarter.starts,
        "ends": quarter.ends,
        "update_deadline": quarter.ends,
    }


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
