"""Observation periods: a month (`2018-03`) or a financial-year quarter (`2018-19-q1`)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.dateformat import format as date_format

from planwatch.delivery.quarters import Quarter, parse_quarter

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    slug: str
    starts: dt.date
    ends: dt.date
    is_quarter: bool

    @property
    def months(self) -> list[str]:
        """The months the period covers, as `YYYY-MM`."""
        months, day = [], self.starts
        while day <= self.ends:
            months.append(f"{day.year}-{day.month:02d}")
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return months

    @property
    def label(self) -> str:
        """March 2018, or Q1 2018/19 (April to June 2018), in the language of the page."""
        if self.is_quarter:
            return parse_quarter(self.slug).label
        return date_format(self.starts, "F Y")

    @property
    def short_label(self) -> str:
        """Mar 2018, or Q1 2018/19 (for chart axes)."""
        if self.is_quarter:
            return parse_quarter(self.slug).short_label
        return date_format(self.starts, "M Y")


def parse_period(text: str) -> Period:
    """Read `2018-03` or `2018-19-q1`; raise ValueError with a plain message otherwise."""
    text = str(text).strip().lower()
    match = MONTH.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if not (1900 <= year <= 2999 and 1 <= month <= 12):
            raise ValueError(f"{text!r} is not a real month")
        last = calendar.monthrange(year, month)[1]
        return Period(text, dt.date(year, month, 1), dt.date(year, month, last), False)
    quarter: Quarter = parse_quarter(text)  # raises ValueError with its own message
    return Period(quarter.slug, quarter.starts, quarter.ends, True)


def same_period_last_year(period: Period) -> Period:
    if period.is_quarter:
        quarter = parse_quarter(period.slug)
        return parse_period(Quarter(quarter.year - 1, quarter.number).slug)
    return parse_period(f"{period.starts.year - 1}-{period.starts.month:02d}")
