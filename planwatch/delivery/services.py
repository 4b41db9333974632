"""Writes to the Delivery Plan. Each is one transaction that records who, when and why.

Views, commands and imports all call these; they check the workflow's rules and the
permission rules themselves, so no caller can skip them. ``by=None`` is the system
(a command run by the server's operator).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from planwatch.accounts.models import User
from planwatch.delivery.models import (
    Action,
    PeriodState,
    RagStatus,
    ReportingPeriod,
    TagColour,
    Update,
    UpdateState,
)
from planwatch.delivery.quarters import Quarter
from planwatch.delivery.selectors import previous_approved_rag
from planwatch.language import english
from planwatch.permissions import can
from planwatch.plans.models import Plan
from planwatch.recorded import save_recorded as _save

DEFAULT_RAG_KEY = (
    # code, label, meaning, colour, rank, complete, on track, needs commentary
    ("C", "Complete", "The action has been completed", TagColour.BLUE, 4, True, True, False),
    ("G", "Green", "On track or completed", TagColour.GREEN, 3, False, True, False),
    ("A", "Amber", "Not on track or at risk", TagColour.ORANGE, 2, False, False, True),
    (
        "R",
        "Red",
        "Significantly delayed or at severe risk of failure",
        TagColour.RED,
        1,
        False,
        False,
        True,
    ),
    ("NS", "Not started", "Work has not started yet", TagColour.GREY, 0, False, False, False),
)
DEADLINE_AFTER_QUARTER = dt.timedelta(days=14)


def _require(by: User | None, rule: str, obj: Any = None) -> None:
    if by is not None and not can(by, rule, obj):
        raise PermissionDenied(rule)


@transaction.atomic
def rag_key_ensure(*, plan: Plan, by: User | None) -> list[RagStatus]:
    """The Plan's RAG key, creating the default key when the Plan has none."""
    statuses = list(plan.rag_statuses.all())
    if statuses:
        return statuses
    for code, label, meaning, colour, rank, complete, on_track, commentary in DEFAULT_RAG_KEY:
        status = RagStatus(
            plan=plan,
            code=code,
            label=label,
            meaning=meaning,
            colour=colour,
            rank=rank,
            is_complete=complete,
            counts_as_on_track=on_track,
            needs_commentary=commentary,
        )
        _save(status, by)
        statuses.append(status)
    return statuses


@transaction.atomic
def rag_status_save(*, status: RagStatus, by: User | None, **fields: Any) -> RagStatus:
    """Add a status to a Plan's key, or change one."""
    _require(by, "delivery.manage")
    for name, value in fields.items():
        setattr(status, name, value)
    _save(status, by)
    return status


@transaction.atomic
def period_create(
    *, plan: Plan, quarter: Quarter, by: User | None, update_deadline: dt.date | None = None
) -> ReportingPeriod:
    _require(by, "delivery.manage")
    if quarter.ends < plan.starts or quarter.starts > plan.ends:
        raise ValidationError(
            {
                "quarter": f"{quarter.label} is outside the Plan, which runs from "
                f"{plan.starts:%-d %B %Y} to {plan.ends:%-d %B %Y}."
            }
        )
    rag_key_ensure(plan=plan, by=by)
    with english():  # stored, so the same whichever page added it
        label = quarter.label
    period = ReportingPeriod(
        plan=plan,
        slug=quarter.slug,
        label=label,
        starts=quarter.starts,
        ends=quarter.ends,
        update_deadline=update_deadline or quarter.ends + DEADLINE_AFTER_QUARTER,
    )
    _save(period, by)
    return period


NEXT_STATE = {
    PeriodState.PLANNED: PeriodState.OPEN,
    PeriodState.OPEN: PeriodState.IN_REVIEW,
    PeriodState.IN_REVIEW: PeriodState.PUBLISHED,
}


@transaction.atomic
def period_advance(*, period: ReportingPeriod, to: str, by: User | None) -> ReportingPeriod:
    """Open a period for updates, close it for review, or publish (and lock) it.

    The period passed in is brought up to date as well as the one returned.
    """
    _require(by, "delivery.manage")
    locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if to not in PeriodState.values or NEXT_STATE.get(locked.state) != to:
        wanted = PeriodState(to).label.lower() if to in PeriodState.values else repr(to)
        raise ValidationError(
            f"{locked.label} is {locked.get_state_display().lower()}; it cannot become {wanted}."
        )
    if to == PeriodState.PUBLISHED:
        waiting = locked.updates.filter(state=UpdateState.SUBMITTED).count()
        if waiting:
            raise ValidationError(
                f"{waiting} update(s) still await review. Approve or return them before publishing."
            )
        locked.published_at = timezone.now()
    locked.state = to
    _save(locked, by)
    period.state, period.published_at = locked.state, locked.published_at
    return locked


@transaction.atomic
def action_save(*, action: Action, by: User | None, **fields: Any) -> Action:
    """Create or change an action."""
    _require(by, "delivery.manage")
    for name, value in fields.items():
        setattr(action, name, value)
    if action.objective_id and action.objective.theme_id != action.theme_id:
        raise ValidationError({"objective": "The objective must belong to the action's theme."})
    if action.lead_id and action.lead.role != "lead":
        raise ValidationError({"lead": "The lead must be a person with the Lead role."})
    rag_key_ensure(plan=action.plan, by=by)
    _save(action, by)
    return action


def _check_commentary(
    *, action: Action, period: ReportingPeriod, rag: RagStatus, commentary: str
) -> None:
    if commentary.strip():
        return
    if rag.needs_commentary:
        raise ValidationError({"commentary": f"Explain why the action is {rag.label}."})
    previous = previous_approved_rag(action=action, period=period)
    if previous is not None and previous.pk != rag.pk:
        raise ValidationError(
            {"commentary": f"Explain the change from {previous.label} to {rag.label}."}
        )


def _writable_update(*, action: Action, period: ReportingPeriod, by: User | None) -> Update | None:
    _require(by, "update.write", action)
    if period.plan_id != action.plan_id:
        raise ValidationError("The period belongs to another Plan.")
    if period.state not in (PeriodState.OPEN, PeriodState.IN_REVIEW):
        raise ValidationError(f"{period.label} is not open for updates.")
    update = Update.objects.select_for_update().filter(action=action, period=period).first()
    if update is not None and update.state in (UpdateState.SUBMITTED, UpdateState.APPROVED):
        raise ValidationError(
            f"This update is {update.get_state_display().lower()} and cannot be changed now."
        )
    return update


@transaction.atomic
def update_save(
    *,
    action: Action,
    period: ReportingPeriod,
    rag: RagStatus,
    commentary: str,
    by: User | None,
    submit: bool,
) -> Update:
    """A Lead's update: saved as a draft, or submitted for review."""
    if rag.plan_id != action.plan_id:
        raise ValidationError({"rag": "Choose a status from this Plan's key."})
    update = _writable_update(action=action, period=period, by=by) or Update(
        action=action, period=period
    )
    update.rag = rag
    update.commentary = commentary.strip()
    if submit:
        _check_commentary(action=action, period=period, rag=rag, commentary=commentary)
        update.state = UpdateState.SUBMITTED
        update.submitted_by = by
        update.submitted_at = timezone.now()
    else:
        update.state = (
            UpdateState.DRAFT if update.state != UpdateState.RETURNED else UpdateState.RETURNED
        )
    _save(update, by, "Submitted for review" if submit else "Draft saved")
    return update


def _reviewable(update: Update, by: User | None) -> Update:
    _require(by, "delivery.review")
    update = Update.objects.select_for_update().select_related("period").get(pk=update.pk)
    if update.state != UpdateState.SUBMITTED:
        raise ValidationError(
            "Only a submitted update can be reviewed; "
            f"this one is {update.get_state_display().lower()}."
        )
    return update


@transaction.atomic
def update_approve(*, update: Update, by: User | None) -> Update:
    update = _reviewable(update, by)
    update.state = UpdateState.APPROVED
    update.reviewed_by, update.reviewed_at = by, timezone.now()
    update.return_reason = ""
    _save(update, by, "Approved")
    return update


@transaction.atomic
def update_return(*, update: Update, reason: str, by: User | None) -> Update:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the update is being returned."})
    update = _reviewable(update, by)
    update.state = UpdateState.RETURNED
    update.return_reason = reason.strip()
    update.reviewed_by, update.reviewed_at = by, timezone.now()
    _save(update, by, f"Returned: {reason.strip()}")
    return update


@transaction.atomic
def update_amend(
    *, update: Update, rag: RagStatus, commentary: str, reason: str, by: User | None
) -> Update:
    """An officer's correction to an update in a published (locked) period, with its reason."""
    _require(by, "delivery.review")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for changing a published update."})
    if rag.plan_id != update.action.plan_id:
        raise ValidationError({"rag": "Choose a status from this Plan's key."})
    update = Update.objects.select_for_update().select_related("period", "action").get(pk=update.pk)
    if not update.period.is_published:
        raise ValidationError(
            f"{update.period.label} is not published; change the update through review instead."
        )
    if not commentary.strip() and rag.needs_commentary:
        raise ValidationError({"commentary": f"Explain why the action is {rag.label}."})
    update.rag, update.commentary = rag, commentary.strip()
    _save(update, by, f"Amended after publication: {reason.strip()}")
    return update


@transaction.atomic
def update_record_approved(
    *, action: Action, period: ReportingPeriod, rag: RagStatus, commentary: str, by: User | None
) -> Update:
    """An approved update as it stands in an existing record (used by imports)."""
    _require(by, "delivery.manage")
    if rag.plan_id != action.plan_id or period.plan_id != action.plan_id:
        raise ValidationError("The status and the period must belong to the action's Plan.")
    update = Update.objects.filter(action=action, period=period).first() or Update(
        action=action, period=period
    )
    update.rag, update.commentary, update.state = rag, commentary.strip(), UpdateState.APPROVED
    update.reviewed_by, update.reviewed_at = by, timezone.now()
    _save(update, by, "Imported")
    return update
