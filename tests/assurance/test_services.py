"""Recording and tracking through the services: who may do what, closing needs evidence, the
original due date stays beside its revisions, and every change says who and why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.assurance import services
from planwatch.assurance.models import AuditAction, DueDateRevision, ProgressNote
from planwatch.assurance.states import Status
from tests.delivery import builders


def _reload(item):
    return type(item).objects.get(pk=item.pk)


def test_an_officer_records_an_audit_and_its_agreed_actions(audit, agreed, officer):
    assert [a.reference for a in audit.agreed_actions.all()] == ["1", "2"]
    assert agreed.status == Status.OPEN and agreed.current_due == dt.date(2018, 6, 30)
    record = agreed.history.latest()
    assert (record.history_user, record.history_change_reason) == (officer, "Recorded")


@pytest.mark.parametrize("who", ["lead", "other_lead", "panel_member", "auditor"])
def test_only_officers_record_audits(who, request):
    from planwatch.assurance.models import Audit

    with pytest.raises(PermissionDenied):
        services.audit_save(audit=Audit(), by=request.getfixturevalue(who), title="x")
    assert not Audit.objects.exists()


def test_the_owner_moves_their_action_on_and_reports_progress(agreed, lead):
    services.item_set_status(item=agreed, status=Status.IN_PROGRESS, by=lead)
    note = services.progress_note_add(item=agreed, text="Checklist drafted", by=lead)

    item = _reload(agreed)
    assert item.status == Status.IN_PROGRESS
    assert item.history.latest().history_change_reason == "Open to In progress"
    assert item.history.latest().history_user == lead
    assert (note.written_by, note.audit_action) == (lead, item)


@pytest.mark.parametrize("who", ["other_lead", "panel_member", "auditor"])
def test_nobody_else_updates_the_owners_action(agreed, who, request):
    user = request.getfixturevalue(who)
    for attempt in (
        lambda: services.item_set_status(item=agreed, status=Status.IN_PROGRESS, by=user),
        lambda: services.progress_note_add(item=agreed, text="Done", by=user),
        lambda: services.due_date_revise(
            item=agreed, due=dt.date(2018, 9, 30), reason="Late", by=user
        ),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert _reload(agreed).status == Status.OPEN
    assert not ProgressNote.objects.exists() and not DueDateRevision.objects.exists()


def test_nothing_goes_from_open_to_closed_without_evidence(agreed, lead):
    history = agreed.history.count()
    with pytest.raises(ValidationError, match="evidence"):
        services.item_set_status(item=agreed, status=Status.CLOSED, by=lead)
    assert _reload(agreed).status == Status.OPEN and agreed.history.count() == history

    services.item_set_status(
        item=agreed,
        status=Status.CLOSED,
        by=lead,
        evidence="Checklist in use since April; sample of ten payments checked",
        on=dt.date(2018, 7, 4),
    )
    item = _reload(agreed)
    assert (item.status, item.finished_on) == (Status.CLOSED, dt.date(2018, 7, 4))
    assert item.slippage(dt.date(2018, 12, 1)) == 4


def test_revising_the_due_date_keeps_the_original_and_says_why(agreed, lead, officer):
    with pytest.raises(ValidationError, match="why"):
        services.due_date_revise(item=agreed, due=dt.date(2018, 9, 30), reason=" ", by=lead)
    services.due_date_revise(
        item=agreed, due=dt.date(2018, 9, 30), reason="New finance system", by=lead
    )
    with pytest.raises(ValidationError, match="original due date stays"):
        services.audit_action_save(
            item=_reload(agreed), by=officer, original_due=dt.date(2018, 9, 30)
        )

    item = AuditAction.objects.prefetch_related("revisions").get(pk=agreed.pk)
    assert item.original_due == dt.date(2018, 6, 30)
    assert item.current_due == dt.date(2018, 9, 30)
    assert item.slippage(dt.date(2018, 8, 1)) == 92
    assert item.history.latest().history_change_reason == (
        "Due date revised to 30/09/2018: New finance system"
    )


def test_an_item_answers_delivery_plan_actions(agreed, published_plan, officer, lead):
    v11 = builders.action(published_plan, "V1.1", lead=lead)
    services.item_link(item=agreed, by=officer, actions=[v11])

    assert list(_reload(agreed).actions.all()) == [v11]
    assert agreed.history.latest().history_change_reason == "Linked to V1.1"
    with pytest.raises(PermissionDenied):
        services.item_link(item=agreed, by=lead, actions=[])


def test_the_response_is_published_only_when_every_recommendation_is_answered(
    inspection, recommendations, officer, lead
):
    with pytest.raises(ValidationError, match="R1, AFI1"):
        services.inspection_response(inspection=inspection, state="published", by=officer)

    services.recommendation_save(item=recommendations[0], by=lead, response="Done within 24 h")
    with pytest.raises(PermissionDenied):
        services.recommendation_save(item=recommendations[0], by=lead, text="Changed")
    services.recommendation_save(
        item=recommendations[1], by=officer, response="No action: audited in 2017"
    )
    services.inspection_response(
        inspection=inspection, state="published", by=officer, on=dt.date(2018, 9, 1)
    )

    inspection.refresh_from_db()
    assert (inspection.response_state, inspection.response_published_on) == (
        "published",
        dt.date(2018, 9, 1),
    )


def test_missing_default_levels_are_made_again_and_others_kept(officer):
    from planwatch.assurance.models import ScaleLevel

    ScaleLevel.objects.filter(code="adequate").delete()
    ScaleLevel.objects.filter(code="high").update(label="Urgent")

    made = services.scale_levels_ensure_default(by=officer)

    assert [(level.kind, level.label, level.rank) for level in made] == [("grade", "Adequate", 3)]
    assert ScaleLevel.objects.get(code="high").label == "Urgent"
    assert services.scale_levels_ensure_default(by=officer) == []
