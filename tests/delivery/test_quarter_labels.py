"""A quarter's label in the language of the page, while what is stored stays English."""

from __future__ import annotations

import pytest
from django.utils import translation

from planwatch.delivery.models import ReportingPeriod
from planwatch.delivery.quarters import Quarter
from planwatch.delivery.services import period_create

WELSH = {
    1: "Ch1 2018/19 (Ebrill i Fehefin 2018)",
    2: "Ch2 2018/19 (Gorffennaf i Fedi 2018)",
    3: "Ch3 2018/19 (Hydref i Ragfyr 2018)",
    4: "Ch4 2018/19 (Ionawr i Fawrth 2019)",
}


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_each_quarter_is_named_in_english_and_in_welsh(number):
    quarter = Quarter(2018, number)
    english = {
        1: "Q1 2018/19 (April to June 2018)",
        2: "Q2 2018/19 (July to September 2018)",
        3: "Q3 2018/19 (October to December 2018)",
        4: "Q4 2018/19 (January to March 2019)",
    }
    assert (quarter.label, quarter.short_label) == (english[number], f"Q{number} 2018/19")
    with translation.override("cy"):
        assert (quarter.label, quarter.short_label) == (WELSH[number], f"Ch{number} 2018/19")


def test_a_period_added_with_welsh_active_is_stored_in_english(published_plan):
    with translation.override("cy"):
        period = period_create(plan=published_plan, quarter=Quarter(2018, 3), by=None)
        assert period.shown_label == WELSH[3]

    stored = ReportingPeriod.objects.get(pk=period.pk)
    assert stored.label == "Q3 2018/19 (October to December 2018)" == stored.shown_label


def test_a_label_written_differently_is_shown_as_written(published_plan):
    period = period_create(plan=published_plan, quarter=Quarter(2018, 3), by=None)
    ReportingPeriod.objects.filter(pk=period.pk).update(label="Autumn 2018")
    period.refresh_from_db()

    with translation.override("cy"):
        assert period.shown_label == "Autumn 2018"


def test_the_welsh_delivery_plan_names_its_quarter_in_welsh(
    client, published_plan, published_quarter
):
    published_quarter("2018-19-q3")
    path = f"/plans/{published_plan.slug}/delivery/2018-19-q3/"

    welsh = client.get(f"/cy{path}").content.decode()
    english = client.get(path).content.decode()

    assert WELSH[3] in welsh
    assert "October to December" not in welsh
    assert "Q3 2018/19 (October to December 2018)" in english
