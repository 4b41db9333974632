"""Writes to an indicator's definition, series breaks and data notes; each recorded."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from planwatch.accounts.models import User
from planwatch.performance.models import DataNote, Definition, Indicator, SeriesBreak
from planwatch.performance.services import require_manager
from planwatch.recorded import save_recorded as _save


@transaction.atomic
def definition_change(
    *, indicator: Indicator, text: str, valid_from: dt.date, by: User | None
) -> Definition:
    """A new definition from a date; the one in force until then is closed, not overwritten."""
    require_manager(by)
    current = indicator.definitions.select_for_update().filter(valid_to__isnull=True).first()
    if current is not None:
        if valid_from <= current.valid_from:
            raise ValidationError(
                {
                    "valid_from": "The new definition must start after the current one, which "
                    f"has applied since {current.valid_from:%-d %B %Y}."
                }
            )
        current.valid_to = valid_from - dt.timedelta(days=1)
        _save(current, by)
    definition = Definition(indicator=indicator, text=text.strip(), valid_from=valid_from)
    _save(definition, by)
    return definition


@transaction.atomic
def series_break_add(
    *, indicator: Indicator, date: dt.date, reason: str, by: User | None
) -> SeriesBreak:
    require_manager(by)
    if indicator.breaks.filter(date=date).exists():
        raise ValidationError({"date": "This indicator already has a series break on that day."})
    item = SeriesBreak(indicator=indicator, date=date, reason=reason.strip())
    _save(item, by)
    return item


@transaction.atomic
def data_note_add(*, indicator: Indicator, text: str, added: dt.date, by: User | None) -> DataNote:
    require_manager(by)
    note = DataNote(indicator=indicator, text=text.strip(), added=added)
    _save(note, by)
    return note
