"""Who changed what in a Plan, and when, from the django-simple-history tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

from planwatch.plans.models import Objective, Outcome, Plan, Priority, Theme

ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}
KINDS = {
    Plan: "Plan",
    Theme: "Theme",
    Outcome: "Shared outcome",
    Objective: "Objective",
    Priority: "Priority for action",
}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    kind: str
    action: str
    summary: str
    fields: tuple[str, ...]


def plan_changes(plan: Plan) -> list[Any]:
    """Every historical record of the Plan and its parts, newest first, deleted parts included."""
    theme_ids = set(Theme.history.filter(plan_id=plan.pk).values_list("id", flat=True))
    objective_ids = set(
        Objective.history.filter(theme_id__in=theme_ids).values_list("id", flat=True)
    )
    records = chain(
        Plan.history.filter(id=plan.pk).select_related("history_user"),
        Theme.history.filter(plan_id=plan.pk).select_related("history_user"),
        Outcome.history.filter(theme_id__in=theme_ids).select_related("history_user"),
        Objective.history.filter(theme_id__in=theme_ids).select_related("history_user"),
        Priority.history.filter(objective_id__in=objective_ids).select_related("history_user"),
    )
    ordered = sorted(records, key=lambda record: (record.history_date, record.history_id))
    # Each record's previous version, from the records already loaded (no query per row).
    latest: dict[tuple[type, int], Any] = {}
    for record in ordered:
        key = (type(record), record.id)
        record.previous_version = latest.get(key)
        latest[key] = record
    return list(reversed(ordered))


def _changed_fields(record: Any) -> tuple[str, ...]:
    if record.history_type != "~":
        return ()
    previous = record.previous_version
    if previous is None:
        return ()
    delta = record.diff_against(previous)
    return tuple(
        record.instance._meta.get_field(name).verbose_name for name in delta.changed_fields
    )


def describe(records: list[Any]) -> list[Change]:
    """Plain descriptions of history records for display."""
    changes = []
    for record in records:
        model = record.instance_type
        summary = getattr(record, "title", None) or getattr(record, "name", None) or record.text
        changes.append(
            Change(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "System (command line)",
                kind=KINDS[model],
                action=ACTIONS[record.history_type],
                summary=summary,
                fields=_changed_fields(record),
            )
        )
    return changes
