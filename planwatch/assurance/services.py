"""Writes to assurance records. Each checks the permission rules itself, runs in one
transaction and records who made the change and why (django-simple-history); revisions of a
due date and progress notes are records of their own, with who and when.

Officers (``assurance.manage``) record audits, inspections, agreed actions and
recommendations; an item's owner (``assurance.update``) reports progress and moves it on.
``by=None`` is the system (an import run by the server's operator).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from planwatch.accounts.models import User
from planwatch.assurance.models import (
    Audit,
    AuditAction,
    DueDateRevision,
    Inspection,
    InspectionGrade,
    ProgressNote,
    Recommendation,
    ResponseState,
    ScaleKind,
    ScaleLevel,
)
from planwatch.assurance.states import FINISHED, Status, transition_problem
from planwatch.delivery.models import Action
from planwatch.permissions import can
from planwatch.plans.models import Objective
from planwatch.recorded import delete_recorded, save_recorded

Item = AuditAction | Recommendation
# The default scales (also seeded by migration 0002, which keeps its own copy).
DEFAULT_SCALES = {
    ScaleKind.ASSURANCE: ("Substantial", "Reasonable", "Partial", "No assurance"),
    ScaleKind.PRIORITY: ("High", "Medium", "Low"),
    ScaleKind.GRADE: ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"),
}


def _require(by: User | None, rule: str, obj: Any = None) -> None:
    if by is not None and not can(by, rule, obj):
        raise PermissionDenied(rule)


def _set(obj: Model, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def scale_levels_ensure_default(*, by: User | None) -> list[ScaleLevel]:
    """Make any default scale level that is missing (an emptied database); keep the rest."""
    _require(by, "assurance.manage")
    made = []
    for kind, labels in DEFAULT_SCALES.items():
        for rank, label in enumerate(labels, start=1):
            code = label.lower().replace(" ", "-")
            if not ScaleLevel.objects.filter(kind=kind, code=code).exists():
                level = ScaleLevel(kind=kind, code=code, label=label, rank=rank)
                save_recorded(level, by, "Default scale")
                made.append(level)
    return made


@transaction.atomic
def audit_save(*, audit: Audit, by: User | None, **fields: Any) -> Audit:
    """Record a new internal audit report, or change one."""
    _require(by, "assurance.manage")
    _set(audit, fields)
    save_recorded(audit, by, "Recorded" if audit._state.adding else "Changed")
    return audit


@transaction.atomic
def audit_action_save(*, item: AuditAction, by: User | None, **fields: Any) -> AuditAction:
    """Record an action agreed on an audit, or change what was agreed. The status moves only
    through item_set_status, and the due date, once set, only through a revision."""
    _require(by, "assurance.manage")
    if "status" in fields:
        raise TypeError("Use item_set_status to change the status")
    moved = fields.get("original_due", item.original_due) != item.original_due
    if not item._state.adding and moved:
        raise ValidationError(
            {"original_due": "The original due date stays; revise the due date instead."}
        )
    _set(item, fields)
    save_recorded(item, by, "Recorded" if item._state.adding else "Changed")
    return item


@transaction.atomic
def due_date_revise(
    *, item: AuditAction, due: dt.date, reason: str, by: User | None
) -> DueDateRevision:
    """A new due date for an agreed action, with why; the original date is kept."""
    _require(by, "assurance.update", item)
    if item.status in FINISHED:
        raise ValidationError("A finished action has no due date to revise.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the due date moves."})
    if due == item.current_due:
        raise ValidationError({"due": "That is the due date already."})
    revision = DueDateRevision(
        audit_action=item, due=due, reason=reason.strip(), made_by=by, made_at=timezone.now()
    )
    revision.full_clean()
    revision.save()
    save_recorded(item, by, f"Due date revised to {due:%d/%m/%Y}: {reason.strip()}")
    return revision


@transaction.atomic
def item_set_status(
    *,
    item: Item,
    status: str,
    by: User | None,
    evidence: str = "",
    reason: str = "",
    on: dt.date | None = None,
) -> Item:
    """Move an agreed action or a recommendation on (states.py): closing needs evidence,
    "not accepted" and reopening need a reason. Finishing records the day (today unless `on`)."""
    _require(by, "assurance.update", item)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if status not in Status.values:
        raise ValidationError({"status": f"Choose one of: {', '.join(Status.values)}."})
    evidence = evidence.strip() or item.evidence
    problem = transition_problem(item.status, status, evidence=evidence, reason=reason)
    if problem:
        raise ValidationError({"status": problem})
    before = item.get_status_display()
    item.status, item.evidence = status, evidence
    if status in FINISHED:
        item.finished_on = on or timezone.localdate()
    else:
        item.finished_on = None
    if status == Status.NOT_ACCEPTED and isinstance(item, AuditAction):
        item.management_response = item.management_response or reason.strip()
    why = f"{before} to {item.get_status_display()}" + (f": {reason.strip()}" if reason else "")
    save_recorded(item, by, why)
    return item


@transaction.atomic
def progress_note_add(*, item: Item, text: str, by: User | None) -> ProgressNote:
    """A dated progress update on an agreed action or a recommendation."""
    _require(by, "assurance.update", item)
    if not text.strip():
        raise ValidationError({"text": "Write the progress update."})
    subject = {"audit_action": item} if isinstance(item, AuditAction) else {"recommendation": item}
    note = ProgressNote(text=text.strip(), written_by=by, written_at=timezone.now(), **subject)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def item_link(
    *,
    item: Item,
    by: User | None,
    actions: Iterable[Action] = (),
    objectives: Iterable[Objective] = (),
) -> Item:
    """Set the Delivery Plan actions and objectives the item answers (replacing the links)."""
    _require(by, "assurance.manage")
    actions, objectives = list(actions), list(objectives)
    item.actions.set(actions)
    item.objectives.set(objectives)
    names = [a.reference for a in actions] + [str(o) for o in objectives]
    save_recorded(item, by, "Linked to " + (", ".join(names) if names else "nothing"))
    return item


@transaction.atomic
def inspection_save(*, inspection: Inspection, by: User | None, **fields: Any) -> Inspection:
    """Record an inspection report, or change one (the response's state has its own service)."""
    _require(by, "assurance.manage")
    if {"response_state", "response_published_on"} & set(fields):
        raise TypeError("Use inspection_response to change the response")
    _set(inspection, fields)
    save_recorded(inspection, by, "Recorded" if inspection._state.adding else "Changed")
    return inspection


@transaction.atomic
def inspection_grade_save(
    *, record: InspectionGrade, by: User | None, **fields: Any
) -> InspectionGrade:
    """Record the grade a report gives an area, or change it."""
    _require(by, "assurance.manage")
    _set(record, fields)
    save_recorded(record, by, "Recorded" if record._state.adding else "Changed")
    return record


@transaction.atomic
def recommendation_save(*, item: Recommendation, by: User | None, **fields: Any) -> Recommendation:
    """Record a recommendation, area for improvement or cause of concern, or change it; its
    owner may write the response (what is done, or why nothing)."""
    if item._state.adding or set(fields) - {"response"}:
        _require(by, "assurance.manage")
    else:
        _require(by, "assurance.update", item)
    if "status" in fields:
        raise TypeError("Use item_set_status to change the status")
    _set(item, fields)
    save_recorded(item, by, "Recorded" if item._state.adding else "Changed")
    return item


@transaction.atomic
def inspection_response(
    *, inspection: Inspection, state: str, by: User | None, on: dt.date | None = None
) -> Inspection:
    """Move the s.55 response on: being drafted, then published (on a day, today by default).
    Publishing needs a response, or a reason for none, to every recommendation."""
    _require(by, "assurance.manage")
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if state not in ResponseState.values:
        raise ValidationError({"response_state": "Choose a state of the response."})
    if state == ResponseState.PUBLISHED:
        missing = [r.reference for r in inspection.recommendations.all() if not r.response.strip()]
        if missing:
            raise ValidationError(
                "Say what is done, or why nothing, for each recommendation first: "
                + ", ".join(missing)
            )
        inspection.response_published_on = on or timezone.localdate()
    else:
        inspection.response_published_on = None
    inspection.response_state = state
    save_recorded(inspection, by, f"Response {inspection.get_response_state_display().lower()}")
    return inspection


@transaction.atomic
def publish_set(*, record: Audit | Inspection, published: bool, by: User | None) -> None:
    """Show an audit or inspection report to the public, or withdraw it."""
    _require(by, "assurance.manage")
    if record.published == published:
        return
    record.published = published
    save_recorded(record, by, "Published to the public" if published else "Withdrawn from public")


@transaction.atomic
def scale_level_save(*, level: ScaleLevel, by: User | None, label: str, rank: int) -> ScaleLevel:
    """Add a level to a scale (its kind set), or rename or move one; labels are unique within
    a scale, and a new level's code is made from its label."""
    _require(by, "assurance.manage")
    label = label.strip()
    same = ScaleLevel.objects.filter(kind=level.kind, label__iexact=label).exclude(pk=level.pk)
    if not label or same.exists():
        raise ValidationError({"label": "Give a name that this scale does not already have."})
    if level._state.adding:
        base = slugify(label)[:36] or "level"
        level.code, n = base, 1
        while ScaleLevel.objects.filter(kind=level.kind, code=level.code).exists():
            n += 1
            level.code = f"{base}-{n}"
    level.label, level.rank = label, rank
    save_recorded(level, by, "Added to the scale" if level._state.adding else "Changed")
    return level


@transaction.atomic
def scale_level_remove(*, level: ScaleLevel, by: User | None) -> None:
    """Remove a level that nothing uses."""
    _require(by, "assurance.manage")
    users = {
        ScaleKind.ASSURANCE: Audit.objects.filter(assurance=level),
        ScaleKind.PRIORITY: AuditAction.objects.filter(priority=level),
        ScaleKind.GRADE: InspectionGrade.objects.filter(grade=level),
    }[level.kind]
    if users.exists():
        raise ValidationError(f"“{level.label}” is in use, so it stays; rename it instead.")
    if ScaleLevel.objects.filter(kind=level.kind).count() == 1:
        raise ValidationError("A scale needs at least one level.")
    delete_recorded(level, by, "Removed from the scale")
