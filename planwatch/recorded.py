"""The one way a service saves a model: validated, and recorded with who did it and why."""

from __future__ import annotations

from typing import Any

from django.db import models


def save_recorded(obj: models.Model, by: Any, reason: str = "") -> None:
    """Check every rule, then save; django-simple-history records ``by`` and ``reason``."""
    obj.full_clean()
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = reason or None  # type: ignore[attr-defined]
    obj.save()


def delete_recorded(obj: models.Model, by: Any, reason: str = "") -> None:
    """Delete; the history keeps who removed it and why."""
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = reason or None  # type: ignore[attr-defined]
    obj.delete()
