"""A Lead writes an update and an officer reviews it, through the services: who may write,
when commentary is needed, approving and returning, and who each write is recorded against.

The fixtures (tests/delivery/conftest.py): Lee (`lead`) leads V1.1 (`led_action`), Liz
(`other_lead`) leads V1.2 (`other_action`); 2018-19-q1 is published with V1.1 Green and
V1.2 Amber; 2018-19-q2 is open.
"""

from __future__ import annotations

from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.delivery.models import Action, PeriodState, Update, UpdateState
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import (
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
from tests.delivery.workflow import latest, submitted_update, write_update


@pytest.fixture
def write(rag):
    """write(action, period, "G", by=lee): a Lead's update_save, submitted unless told."""
    return partial(write_update, rag)


@pytest.fixture
def submitted(q2, led_action, lead, rag) -> Update:
    """Lee's update on V1.1 for 2018-19-q2, awaiting review."""
    return submitted_update(rag, q2, led_action, lead)


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
