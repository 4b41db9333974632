"""Financial-year quarters: `2018-19-q1` is April to June 2018.

Only Django's gettext here: a quarter's label is in the language of the page showing it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

SLUG = re.compile(r"^(\d{4})-(\d{2})-q([1-4])$")
# Whole phrases, not month names pieced together: Welsh mutates a month after "i" (to).
LABELS = {
    1: gettext_noop("Q1 %(years)s (April to June %(year)s)"),
    2: gettext_noop("Q2 %(years)s (July to September %(year)s)"),
    3: gettext_noop("Q3 %(years)s (October to December %(year)s)"),
    4: gettext_noop("Q4 %(years)s (January to March %(year)s)"),
}


@dataclass(frozen=True)
class Quarter:
    year: int  # the calendar year the financial year starts in: 2018 for 2018/19
    number: int  # 1 to 4

    @property
    def slug(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}-q{self.number}"

    @property
    def starts(self) -> dt.date:
        month = 4 + 3 * (self.number - 1)
        return dt.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def ends(self) -> dt.date:
        last_month_start = self.starts.month + 2
        year = self.starts.year + (last_month_start > 12)
        month = (last_month_start - 1) % 12 + 1
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    @property
    def years(self) -> str:
        """The financial year: 2018/19."""
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        """For example: Q1 2018/19 (April to June 2018). A quarter's months are always in one
        calendar year."""
        return gettext(LABELS[self.number]) % {"years": self.years, "year": self.ends.year}

    @property
    def short_label(self) -> str:
        """For example: Q1 2018/19."""
        return gettext("Q%(number)s %(years)s") % {"number": self.number, "years": self.years}

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )


def parse_quarter(slug: str) -> Quarter:
    """Read `2018-19-q1`; raise ValueError with a plain message otherwise."""
    match = SLUG.match(slug.strip().lower())
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"{slug!r} is not a quarter written like 2018-19-q1")
    if not 1900 <= int(match.group(1)) <= 2998:
        raise ValueError(f"{slug!r} is not a quarter PlanWatch can hold")
    return Quarter(int(match.group(1)), int(match.group(3)))


def quarter_containing(day: dt.date) -> Quarter:
    year = day.year if day.month >= 4 else day.year - 1
    return Quarter(year, (day.month - 4) % 12 // 3 + 1)


def quarters_between(first: dt.date, last: dt.date) -> list[Quarter]:
    """Every quarter that overlaps the dates, in order."""
    quarters, quarter = [], quarter_containing(first)
    while quarter.starts <= last:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters
