"""The whole record of an action: every version of it and of its updates, who and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from planwatch.delivery.models import Action, ReportingPeriod, Update

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class Entry:
    when: datetime
    who: str
    what: str
    reason: str
    changes: tuple[tuple[str, str, str], ...]  # field, before, after


def _changes(record: Any, previous: Any | None, names: dict[tuple[type, Any], str]) -> tuple:
    if previous is None:
        return ()
    meta = record.instance._meta
    changes = []
    for change in record.diff_against(previous).changes:
        field = meta.get_field(change.field)
        before, after = change.old, change.new
        if field.is_relation:
            model = field.related_model
            before, after = names.get((model, before), before), names.get((model, after), after)
        changes.append((str(field.verbose_name), str(before or ""), str(after or "")))
    return tuple(changes)


def _related_names(records: list[Any]) -> dict[tuple[type, Any], str]:
    """Names for every foreign key the records hold: one query per related model."""
    wanted: dict[type, set] = {}
    for item in records:
        for field in item.instance._meta.concrete_fields:
            if field.is_relation:
                value = getattr(item, field.attname)
                if value is not None:
                    wanted.setdefault(field.related_model, set()).add(value)
    return {
        (model, pk): str(obj)
        for model, ids in wanted.items()
        for pk, obj in model._default_manager.in_bulk(ids).items()
    }


def action_record(action: Action) -> list[Entry]:
    """Every historical version of the action and its updates, newest first."""
    records = list(Action.history.filter(id=action.pk).select_related("history_user"))
    records += list(Update.history.filter(action_id=action.pk).select_related("history_user"))
    records.sort(key=lambda r: (r.history_date, r.history_id))
    names = _related_names(records)
    periods = dict(
        ReportingPeriod.objects.filter(
            pk__in={getattr(r, "period_id", None) for r in records} - {None}
        ).values_list("pk", "label")
    )
    previous_of: dict[tuple[str, int], Any] = {}
    entries = []
    for item in records:
        kind = "Action" if isinstance(item, Action.history.model) else "Update"
        key = (kind, item.id)
        subject = (
            "the action"
            if kind == "Action"
            else f"the update for {periods.get(item.period_id, 'a deleted period')}"
        )
        entries.append(
            Entry(
                when=item.history_date,
                who=str(item.history_user) if item.history_user else "System (command line)",
                what=f"{ACTIONS[item.history_type]} {subject}",
                reason=item.history_change_reason or "",
                changes=_changes(item, previous_of.get(key), names),
            )
        )
        previous_of[key] = item
    return list(reversed(entries))
