"""Calendar months: arithmetic, names, and the months of the year a paper is expected in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from django.utils.dates import MONTHS

from planwatch.language import english

# Django's own month names, in the language of the page showing them.
MONTH_NAMES = tuple(MONTHS[number] for number in range(1, 13))
# A wider range than any meeting needs, so a typed address cannot overflow a date.
FIRST_YEAR, LAST_YEAR = 1990, 2200


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"There is no month {self.month}")
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise ValueError(f"The year must be from {FIRST_YEAR} to {LAST_YEAR}")

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def label(self) -> str:
        """March 2018, in the language of the page."""
        return date_format(self.first_day, "F Y")

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def next(self) -> Month:
        return self.plus(1)

    def previous(self) -> Month:
        return self.plus(-1)


def months_from(first: Month, count: int) -> list[Month]:
    """``count`` months in a row, starting with ``first``."""
    return [first.plus(offset) for offset in range(count)]


def parse_months(text: str) -> frozenset[int]:
    """Months of the year as stored ("3,9,11"); raises ValueError for anything else."""
    if not text.strip():
        return frozenset()
    numbers = [int(part) for part in text.split(",")]
    if any(not 1 <= number <= 12 for number in numbers):
        raise ValueError(f"{text!r} holds a month that is not 1 to 12")
    return frozenset(numbers)


def format_months(months: set[int] | frozenset[int]) -> str:
    """The stored form of a set of months: "3,9,11"."""
    return ",".join(str(number) for number in sorted(months))


def describe_months(months: frozenset[int]) -> str:
    """Months in words, in calendar order: "March, September and November". In English
    always, as the sentences it goes into are."""
    with english():
        names = [str(MONTH_NAMES[number - 1]) for number in sorted(months)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
