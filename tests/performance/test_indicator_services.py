"""An indicator's definition is versioned; breaks and notes are recorded with who made them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.performance.indicator_services import (
    data_note_add,
    definition_change,
    series_break_add,
)
from planwatch.performance.models import Definition, Indicator


@pytest.fixture
def burglary(published_plan) -> Indicator:
    return Indicator.objects.get(code="crime-burglary")


def test_a_new_definition_closes_the_old_one_and_keeps_its_text(burglary, officer):
    first = definition_change(
        indicator=burglary, text="Burglary of homes.", valid_from=dt.date(2017, 4, 1), by=officer
    )
    second = definition_change(
        indicator=burglary,
        text="Burglary of homes and outbuildings.",
        valid_from=dt.date(2018, 5, 23),
        by=officer,
    )

    first.refresh_from_db()
    assert (first.text, first.valid_to) == ("Burglary of homes.", dt.date(2018, 5, 22))
    assert second.valid_to is None
    assert list(burglary.definitions.values_list("text", flat=True)) == [
        "Burglary of homes and outbuildings.",
        "Burglary of homes.",
    ]
    assert first.history.first().history_user == officer


def test_a_new_definition_must_start_after_the_current_one(burglary, officer):
    definition_change(indicator=burglary, text="A", valid_from=dt.date(2018, 1, 1), by=officer)

    with pytest.raises(ValidationError, match="must start after"):
        definition_change(indicator=burglary, text="B", valid_from=dt.date(2018, 1, 1), by=officer)

    assert Definition.objects.filter(indicator=burglary).count() == 1


def test_only_one_definition_is_current_in_the_database(burglary):
    Definition.objects.create(indicator=burglary, text="A", valid_from=dt.date(2018, 1, 1))
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Definition.objects.create(indicator=burglary, text="B", valid_from=dt.date(2019, 1, 1))


def test_a_series_break_is_recorded_once_per_day(burglary, officer):
    series_break_add(
        indicator=burglary,
        date=dt.date(2018, 5, 23),
        reason="A new crime recording system went live",
        by=officer,
    )

    with pytest.raises(ValidationError, match="already has a series break"):
        series_break_add(indicator=burglary, date=dt.date(2018, 5, 23), reason="Again", by=officer)
    assert burglary.breaks.get().history.first().history_user == officer


def test_only_officers_change_indicators(burglary, lead, panel_member):
    for person in (lead, panel_member):
        with pytest.raises(PermissionDenied):
            data_note_add(indicator=burglary, text="No", added=dt.date(2018, 1, 1), by=person)
    assert not burglary.notes.exists()
