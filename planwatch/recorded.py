"""The one way a service saves a model: validated, and recorded with who did it and why."""

from __future__ import annotations

from typing import Any

from django.db import models


def save_recorded(obj: models.Model, by: Any, reason: str = "") -> None:
    """Check every rule, then save; django-simple-history records ``by`` and ``reason``."""
    obj.full_clean()
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = _reason(obj, reason)  # type: ignore[attr-defined]
    obj.save()


def delete_recorded(obj: models.Model, by: Any, reason: str = "") -> None:
    """Delete; the history keeps who removed it and why."""
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = _reason(obj, reason)  # type: ignore[attr-defined]
    obj.delete()


def _reason(obj: models.Model, reason: str) -> str | None:
    """The reason as the history keeps it: cut, with an ellipsis, to its column's length where
    that is limited (PostgreSQL refuses more); some models keep it whole in a text column."""
    if not reason:
        return None
    history = getattr(type(obj), "history", None)
    field = history.model._meta.get_field("history_change_reason") if history else None
    limit = getattr(field, "max_length", None)
    return reason if not limit or len(reason) <= limit else reason[: limit - 1] + "…"
