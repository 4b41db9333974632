"""The 56-day duty and slippage: dates checked against counting the days one by one."""

from __future__ import annotations

import datetime as dt
from itertools import islice

import pytest

from planwatch.assurance.dates import days_left, response_due, slippage_days


def _fifty_sixth_day(published: dt.date) -> dt.date:
    """Count 56 days beginning with the day of publication, one by one."""
    days = (published + dt.timedelta(days=n) for n in range(1000))
    return list(islice(days, 56))[-1]


@pytest.mark.parametrize(
    ("published", "last_day"),
    [
        (dt.date(2018, 7, 12), dt.date(2018, 9, 5)),  # an ordinary summer report
        (dt.date(2019, 1, 1), dt.date(2019, 2, 25)),  # from a year's first day
        (dt.date(2018, 12, 20), dt.date(2019, 2, 13)),  # across the year's end
        (dt.date(2020, 1, 10), dt.date(2020, 3, 5)),  # across 29 February 2020
        (dt.date(2019, 1, 10), dt.date(2019, 3, 6)),  # the same dates without a leap day
        (dt.date(2020, 2, 29), dt.date(2020, 4, 24)),  # published on the leap day itself
        (dt.date(2018, 1, 31), dt.date(2018, 3, 27)),  # from a month's last day
    ],
)
def test_the_response_is_due_on_the_56th_day_beginning_with_publication(published, last_day):
    assert response_due(published) == last_day == _fifty_sixth_day(published)


def test_every_day_of_a_leap_year_and_the_next_gives_the_56th_day():
    day = dt.date(2019, 12, 1)
    while day < dt.date(2021, 3, 1):
        assert response_due(day) == _fifty_sixth_day(day)
        assert (response_due(day) - day).days + 1 == 56
        day += dt.timedelta(days=1)


def test_days_left_is_zero_on_the_due_day_and_negative_after():
    due = dt.date(2018, 9, 5)
    assert days_left(due, dt.date(2018, 8, 22)) == 14
    assert days_left(due, due) == 0
    assert days_left(due, dt.date(2018, 9, 7)) == -2


ORIGINAL = dt.date(2018, 6, 30)


@pytest.mark.parametrize(
    ("current", "today", "finished", "expected"),
    [
        (ORIGINAL, dt.date(2018, 6, 1), None, 0),  # not due yet
        (ORIGINAL, dt.date(2018, 7, 10), None, 10),  # ten days late, not revised
        (dt.date(2018, 9, 30), dt.date(2018, 7, 10), None, 92),  # revised: the planned slip
        (dt.date(2018, 9, 30), dt.date(2018, 10, 5), None, 97),  # late even on the revision
        (dt.date(2018, 9, 30), dt.date(2019, 1, 1), dt.date(2018, 8, 15), 46),  # done then
        (ORIGINAL, dt.date(2019, 1, 1), dt.date(2018, 6, 1), 0),  # done early
    ],
)
def test_slippage_counts_days_past_the_date_first_agreed(current, today, finished, expected):
    assert slippage_days(ORIGINAL, current, today, finished) == expected
