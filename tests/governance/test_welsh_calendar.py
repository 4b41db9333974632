"""The calendar in Welsh: month names from Django's Welsh catalogue; the feed stays English."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from planwatch.governance.months import Month, describe_months
from tests.governance import builders


def test_a_month_is_named_in_the_language_of_the_page():
    assert Month(2027, 1).label == "January 2027"
    with translation.override("cy"):
        assert [Month(2027, n).label for n in (1, 3, 12)] == [
            "Ionawr 2027",
            "Mawrth 2027",
            "Rhagfyr 2027",
        ]


def test_months_described_in_an_english_sentence_stay_english_with_welsh_active():
    with translation.override("cy"):
        assert describe_months(frozenset({3, 9, 11})) == "March, September and November"


def test_the_welsh_calendar_names_its_months_in_welsh(client, panel):
    builders.meeting(panel, dt.date(2027, 1, 26), title="January Panel")

    html = client.get("/cy/governance/calendar/2027/1/").content.decode()

    assert "Ionawr 2027" in html and "January 2027" not in html
    assert "Rhagfyr 2026" in html and "Chwefror 2027" in html  # the months either side


def test_the_meetings_feed_under_cy_is_the_english_one(client, panel):
    builders.meeting(panel, dt.date(2027, 1, 26), title="January Panel")
    path = f"/governance/{panel.slug}/meetings.ics"

    english = client.get(path)
    assert english.status_code == 200
    assert client.get(f"/cy{path}").content == english.content
