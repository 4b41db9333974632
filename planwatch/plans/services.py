"""Writes to Plans. Every write is one transaction and records who made it.

The browser, the CLI and the admin all call these functions.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from planwatch.accounts.models import User
from planwatch.plans.document import DocumentError, PlanDoc, ThemeDoc
from planwatch.plans.models import Objective, Outcome, Plan, PlanStatus, Priority, Theme


def _save(obj: models.Model, by: User | None) -> None:
    obj.full_clean()
    obj._history_user = by  # type: ignore[attr-defined]
    obj.save()


def _set_fields(obj: models.Model, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


@transaction.atomic
def plan_create(*, by: User | None, **fields: Any) -> Plan:
    plan = Plan(**fields)
    _save(plan, by)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, by: User | None, **fields: Any) -> Plan:
    _set_fields(plan, fields)
    _save(plan, by)
    return plan


def _next_order(queryset: models.QuerySet) -> int:
    highest = queryset.aggregate(highest=models.Max("order"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def theme_create(*, plan: Plan, name: str, aim: str, by: User | None) -> Theme:
    theme = Theme(plan=plan, name=name, aim=aim, order=_next_order(plan.themes.all()))
    _save(theme, by)
    return theme


@transaction.atomic
def outcome_create(*, theme: Theme, text: str, by: User | None) -> Outcome:
    outcome = Outcome(theme=theme, text=text, order=_next_order(theme.outcomes.all()))
    _save(outcome, by)
    return outcome


@transaction.atomic
def objective_create(*, theme: Theme, text: str, by: User | None) -> Objective:
    objective = Objective(theme=theme, text=text, order=_next_order(theme.objectives.all()))
    _save(objective, by)
    return objective


@transaction.atomic
def priority_create(*, objective: Objective, text: str, by: User | None) -> Priority:
    priority = Priority(
        objective=objective, text=text, order=_next_order(objective.priorities.all())
    )
    _save(priority, by)
    return priority


@transaction.atomic
def part_update(*, part: Theme | Outcome | Objective | Priority, by: User | None, **fields: Any):
    """Change a theme, outcome, objective or priority."""
    _set_fields(part, fields)
    _save(part, by)
    return part


@transaction.atomic
def part_delete(*, part: Theme | Outcome | Objective | Priority, by: User | None) -> None:
    """Remove a part of the Plan and everything under it, recording who did it."""
    part._history_user = by  # type: ignore[attr-defined]
    part.delete()


def _located(error: ValidationError, where: str, doc: PlanDoc | ThemeDoc) -> DocumentError:
    """A database rule's refusal, placed at the line of the first field it names."""
    if not hasattr(error, "error_dict"):
        return DocumentError(f"{where}: {' '.join(error.messages)}", doc.line or None)
    names = list(error.message_dict)
    messages = "; ".join(f"{name}: {' '.join(error.message_dict[name])}" for name in names)
    return DocumentError(f"{where}: {messages}", doc.field_lines.get(names[0], doc.line) or None)


@transaction.atomic
def plan_load(*, document: PlanDoc, by: User | None) -> tuple[Plan, bool]:
    """Create the Plan a document describes, or replace the contents of the one with its slug.

    Returns the Plan and whether it was created. Nothing is written when any
    part is invalid: the whole load is one transaction.
    """
    fields = {
        "title": document.title,
        "area": document.area,
        "force": document.force,
        "commissioner": document.commissioner,
        "starts": document.starts,
        "ends": document.ends,
    }
    if document.status is not None:
        if document.status not in PlanStatus.values:
            raise DocumentError(
                f"'status' must be one of {', '.join(PlanStatus.values)}, not {document.status!r}",
                document.field_lines.get("status", document.line) or None,
            )
        fields["status"] = document.status
    plan = Plan.objects.select_for_update().filter(slug=document.slug).first()
    created = plan is None
    try:
        if plan is None:
            plan = Plan(slug=document.slug, **fields)
        else:
            _set_fields(plan, fields)
            for theme in plan.themes.all():
                part_delete(part=theme, by=by)
        _save(plan, by)
    except ValidationError as error:
        raise _located(error, "the plan", document) from None
    for theme_order, theme_doc in enumerate(document.themes):
        where = f"theme {theme_doc.name!r}"
        try:
            theme = Theme(plan=plan, order=theme_order, name=theme_doc.name, aim=theme_doc.aim)
            _save(theme, by)
            for order, text in enumerate(theme_doc.outcomes):
                _save(Outcome(theme=theme, order=order, text=text), by)
            for objective_order, objective_doc in enumerate(theme_doc.objectives):
                objective = Objective(theme=theme, order=objective_order, text=objective_doc.text)
                _save(objective, by)
                for order, text in enumerate(objective_doc.priorities):
                    _save(Priority(objective=objective, order=order, text=text), by)
        except ValidationError as error:
            raise _located(error, where, theme_doc) from None
    return plan, created
