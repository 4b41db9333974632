"""Financial-year quarters, checked against dates worked out another way."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from planwatch.delivery.quarters import Quarter, parse_quarter, quarter_containing, quarters_between

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
YEARS = [1999, 2017, 2018, 2019, 2099]


def financial_year_months(year: int) -> list[tuple[int, int]]:
    """(year, month) for April of ``year`` to March of the next."""
    return [(year, month) for month in range(4, 13)] + [(year + 1, month) for month in range(1, 4)]


def expected(year: int, number: int) -> tuple[dt.date, dt.date, str]:
    """The quarter's first day, last day and label, from a list of its months."""
    (first_year, first_month), _, (last_year, last_month) = financial_year_months(year)[
        3 * (number - 1) : 3 * number
    ]
    starts = dt.date(first_year, first_month, 1)
    after = dt.date(last_year + (last_month == 12), last_month % 12 + 1, 1)
    ends = after - dt.timedelta(days=1)
    first = MONTHS[first_month - 1] + ("" if first_year == last_year else f" {first_year}")
    short = str(year + 1)[-2:]
    label = f"Q{number} {year}/{short} ({first} to {MONTHS[last_month - 1]} {last_year})"
    return starts, ends, label


@pytest.mark.parametrize(("year", "number"), list(itertools.product(YEARS, [1, 2, 3, 4])))
def test_every_quarter_of_several_years_is_read_from_its_slug(year, number):
    slug = f"{year}-{str(year + 1)[-2:]}-q{number}"

    quarter = parse_quarter(slug)

    assert quarter == Quarter(year, number)
    assert quarter.slug == slug
    assert (quarter.starts, quarter.ends, quarter.label) == expected(year, number)


@pytest.mark.parametrize(
    ("slug", "label", "starts", "ends"),
    [
        ("2018-19-q1", "Q1 2018/19 (April to June 2018)", (2018, 4, 1), (2018, 6, 30)),
        ("2018-19-q2", "Q2 2018/19 (July to September 2018)", (2018, 7, 1), (2018, 9, 30)),
        ("2018-19-q3", "Q3 2018/19 (October to December 2018)", (2018, 10, 1), (2018, 12, 31)),
        ("2018-19-q4", "Q4 2018/19 (January to March 2019)", (2019, 1, 1), (2019, 3, 31)),
        ("2019-20-q4", "Q4 2019/20 (January to March 2020)", (2020, 1, 1), (2020, 3, 31)),
        ("1999-00-q1", "Q1 1999/00 (April to June 1999)", (1999, 4, 1), (1999, 6, 30)),
    ],
)
def test_quarters_are_labelled_as_in_the_published_reports(slug, label, starts, ends):
    quarter = parse_quarter(slug)

    assert quarter.label == label
    assert quarter.starts == dt.date(*starts)
    assert quarter.ends == dt.date(*ends)


def test_a_slug_may_have_spaces_around_it_and_capitals():
    assert parse_quarter("  2018-19-Q3 ") == Quarter(2018, 3)


@pytest.mark.parametrize(
    "slug",
    [
        "2018-20-q1",
        "2018-18-q1",
        "2018-19-q5",
        "2018-19-q0",
        "2018-19",
        "2018/19-q1",
        "18-19-q1",
        "2018-2019-q1",
        "q1 2018-19",
        "2018-19-q1x",
        "",
        "garbage",
    ],
)
def test_a_slug_that_is_not_a_quarter_is_refused_in_plain_words(slug):
    with pytest.raises(ValueError, match="is not a quarter written like 2018-19-q1"):
        parse_quarter(slug)


@pytest.mark.parametrize(
    ("day", "year", "number"),
    [
        ((2018, 3, 31), 2017, 4),
        ((2018, 4, 1), 2018, 1),
        ((2018, 6, 30), 2018, 1),
        ((2018, 7, 1), 2018, 2),
        ((2018, 9, 30), 2018, 2),
        ((2018, 10, 1), 2018, 3),
        ((2018, 12, 31), 2018, 3),
        ((2019, 1, 1), 2018, 4),
        ((2020, 2, 29), 2019, 4),
    ],
)
def test_the_quarter_containing_a_boundary_date(day, year, number):
    assert quarter_containing(dt.date(*day)) == Quarter(year, number)


def test_every_day_of_two_years_lies_inside_the_quarter_said_to_contain_it():
    day = dt.date(2018, 1, 1)
    while day < dt.date(2020, 1, 1):
        quarter = quarter_containing(day)
        assert quarter.starts <= day <= quarter.ends
        day += dt.timedelta(days=1)


def test_quarters_between_lists_every_overlapping_quarter_in_order():
    quarters = quarters_between(dt.date(2017, 4, 1), dt.date(2020, 3, 31))

    assert [q.slug for q in quarters] == [
        f"{year}-{str(year + 1)[-2:]}-q{number}"
        for year in (2017, 2018, 2019)
        for number in (1, 2, 3, 4)
    ]
    assert all(a.ends + dt.timedelta(days=1) == b.starts for a, b in itertools.pairwise(quarters))


@pytest.mark.parametrize(
    ("first", "last", "slugs"),
    [
        ((2018, 5, 15), (2018, 5, 20), ["2018-19-q1"]),
        ((2018, 6, 30), (2018, 7, 1), ["2018-19-q1", "2018-19-q2"]),
        ((2018, 12, 1), (2019, 4, 1), ["2018-19-q3", "2018-19-q4", "2019-20-q1"]),
        ((2018, 7, 1), (2018, 6, 30), []),
    ],
)
def test_quarters_between_partial_quarters_count(first, last, slugs):
    assert [q.slug for q in quarters_between(dt.date(*first), dt.date(*last))] == slugs


def test_next_runs_through_a_year_and_into_the_next():
    quarter, seen = Quarter(2018, 1), []
    for _ in range(6):
        seen.append(quarter.slug)
        quarter = quarter.next()

    assert seen == [
        "2018-19-q1",
        "2018-19-q2",
        "2018-19-q3",
        "2018-19-q4",
        "2019-20-q1",
        "2019-20-q2",
    ]


def test_the_quarter_after_the_last_of_a_century_year():
    assert Quarter(2099, 4).next() == Quarter(2100, 1)
    assert Quarter(2100, 1).slug == "2100-01-q1"
    assert Quarter(2099, 4).next().starts == Quarter(2099, 4).ends + dt.timedelta(days=1)
