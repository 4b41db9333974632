"""The one way a service saves a model: validated, and recorded with who did it and why."""

from __future__ import annotations

from typing import Any

from django.db import models


def save_recorded(obj: models.Model, by: Any, reason: str = "") -> None:
    """Check every rule, then save; django-simple-history records ``by`` and ``reason``."""
    obj.full_clean()
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = _reason(reason)  # type: ignore[attr-defined]
    obj.save()


def delete_recorded(obj: models.Model, by: Any, reason: str = "") -> None:
    """Delete; the history keeps who removed it and why."""
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = _reason(reason)  # type: ignore[attr-defined]
    obj.delete()


REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def _reason(reason: str) -> str | None:
    """The reason as the history keeps it: at most its column's length (PostgreSQL refuses
    more), cut with an ellipsis."""
    if not reason:
        return None
    return reason if len(reason) <= REASON_LENGTH else reason[: REASON_LENGTH - 1] + "…"
