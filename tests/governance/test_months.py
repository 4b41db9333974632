"""Month arithmetic, months of the year in words, and agenda item numbers."""

from __future__ import annotations

import pytest

from planwatch.governance.agenda import agenda_position
from planwatch.governance.months import (
    Month,
    describe_months,
    format_months,
    months_from,
    parse_months,
)


def test_months_roll_over_the_year_both_ways():
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)
    assert Month(2026, 11).plus(14) == Month(2028, 1)
    assert Month(2026, 3).plus(-15) == Month(2024, 12)
    assert [m.label for m in months_from(Month(2026, 11), 3)] == [
        "November 2026",
        "December 2026",
        "January 2027",
    ]


@pytest.mark.parametrize(("year", "month"), [(2026, 0), (2026, 13), (1989, 12), (2201, 1)])
def test_a_month_out_of_range_is_refused(year, month):
    with pytest.raises(ValueError):
        Month(year, month)


def test_months_of_the_year_are_stored_sorted_and_read_back():
    assert format_months({11, 3, 9}) == "3,9,11"
    assert parse_months("3,9,11") == {3, 9, 11}
    assert parse_months("") == frozenset()
    assert describe_months(frozenset({11, 3, 9})) == "March, September and November"
    assert describe_months(frozenset({6})) == "June"
    with pytest.raises(ValueError):
        parse_months("0,13")


@pytest.mark.parametrize(
    ("earlier", "later"),
    [("1", "2"), ("2", "10"), ("5", "5a"), ("5a", "5b"), ("5.1", "5.2"), ("5.9", "5.10")]
    + [("5z", "6"), ("5.99", "6"), ("99", "100")],
)
def test_agenda_numbers_sort_as_numbers(earlier, later):
    assert agenda_position(earlier) < agenda_position(later)


@pytest.mark.parametrize("number", ["", "0", "V", "5.", "5.0", "5A", "1000", "5a1", "-1"])
def test_an_agenda_number_not_like_5_5a_or_5_1_is_refused(number):
    with pytest.raises(ValueError, match="not an agenda item number"):
        agenda_position(number)
