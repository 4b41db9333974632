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
from planwatch.recorded import delete_recorded
from planwatch.recorded import save_recorded as _save


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
    """Remove a part of the Plan and everything under it, recording who did it.

    A theme with actions of the Delivery Plan under it is refused: its record must not vanish.
    """
    actions = getattr(part, "actions", None)
    if isinstance(part, Theme) and actions is not None and actions.exists():
        raise ValidationError(
            f"The theme {part.name} has {actions.count()} action(s) in the Delivery Plan. "
            "Move or remove them before removing the theme."
        )
    delete_recorded(part, by)


def _located(error: ValidationError, where: str, doc: PlanDoc | ThemeDoc) -> DocumentError:
    """A database rule's refusal, placed at the line of the first field it names."""
    if not hasattr(error, "error_dict"):
        return DocumentError(f"{where}: {' '.join(error.messages)}", doc.line or None)
    names = list(error.message_dict)
    messages = "; ".join(f"{name}: {' '.join(error.message_dict[name])}" for name in names)
    return DocumentError(f"{where}: {messages}", doc.field_lines.get(names[0], doc.line) or None)


def _save_changed(obj: models.Model, by: User | None, **fields: Any) -> None:
    """Save only when something differs, so reloading the same document records nothing."""
    if obj.pk and all(getattr(obj, name) == value for name, value in fields.items()):
        return
    _set_fields(obj, fields)
    _save(obj, by)


def _sync_texts(existing: list[Any], texts: tuple[str, ...], make, by: User | None) -> list[Any]:
    """Match ordered texts by wording: keep and reorder those found, add new, remove the rest."""
    by_text = {item.text.casefold(): item for item in existing}
    kept = []
    for order, text in enumerate(texts):
        item = by_text.pop(text.casefold(), None) or make()
        _save_changed(item, by, order=order, text=text)
        kept.append(item)
    for leftover in by_text.values():
        part_delete(part=leftover, by=by)
    return kept


@transaction.atomic
def plan_load(*, document: PlanDoc, by: User | None) -> tuple[Plan, bool]:
    """Create the Plan a document describes, or bring the Plan with its slug into line with it.

    Parts are matched by name (themes) or wording (outcomes, objectives, priorities) and
    changed in place, so the Delivery Plan hanging from them survives a reload. A theme that
    the document drops is refused while actions sit under it. Returns the Plan and whether it
    was created. Nothing is written when any part is invalid: the load is one transaction.
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
        plan = plan or Plan(slug=document.slug)
        _save_changed(plan, by, **fields)
    except ValidationError as error:
        raise _located(error, "the plan", document) from None
    existing = {theme.name.casefold(): theme for theme in plan.themes.all()}
    for theme_order, theme_doc in enumerate(document.themes):
        try:
            theme = existing.pop(theme_doc.name.casefold(), None) or Theme(plan=plan)
            _save_changed(theme, by, order=theme_order, name=theme_doc.name, aim=theme_doc.aim)
            _sync_texts(
                list(theme.outcomes.all()),
                theme_doc.outcomes,
                lambda theme=theme: Outcome(theme=theme),
                by,
            )
            objectives = _sync_texts(
                list(theme.objectives.all()),
                tuple(objective.text for objective in theme_doc.objectives),
                lambda theme=theme: Objective(theme=theme),
                by,
            )
            for objective, objective_doc in zip(objectives, theme_doc.objectives, strict=True):
                _sync_texts(
                    list(objective.priorities.all()),
                    objective_doc.priorities,
                    lambda objective=objective: Priority(objective=objective),
                    by,
                )
        except ValidationError as error:
            raise _located(error, f"theme {theme_doc.name!r}", theme_doc) from None
    for dropped in existing.values():
        actions = dropped.actions.count() if hasattr(dropped, "actions") else 0
        if actions:
            raise DocumentError(
                f"theme {dropped.name!r} is not in the document, but {actions} action(s) of "
                "the Delivery Plan sit under it: move or remove them first"
            )
        part_delete(part=dropped, by=by)
    from planwatch.performance.services import indicators_sync  # performance builds on plans

    try:
        indicators_sync(plan=plan, documents=document.indicators, by=by)
    except ValidationError as error:
        raise DocumentError(f"indicators: {' '.join(error.messages)}") from None
    return plan, created
