"""An indicator's figure for a period, the change on last year, and its control chart.

Pure functions over plain values (no Django), so the data pack, the CLI and the documents all
count a quarter, pool a proportion and judge a change the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planwatch.performance.periods import Period
from planwatch.performance.stats import SpcPoint, count_change_test, proportion_change_test, xmr

NOT_TESTED = "not tested"
# What a pooled numerator over denominator is multiplied by to be in the indicator's unit.
SCALE = {"percentage": 100.0, "rate_per_1000": 1000.0}
# Units whose monthly figures add up to the quarter's (a rate per 1,000 of a fixed population).
ADDITIVE = {"count", "rate_per_1000"}
MIN_SPC_POINTS = 2


@dataclass(frozen=True)
class Point:
    """One figure: an observation, or a quarter made from its months."""

    period: str
    starts: dt.date
    ends: dt.date
    value: float
    numerator: float | None = None
    denominator: float | None = None

    @property
    def has_fraction(self) -> bool:
        return self.numerator is not None and self.denominator is not None


@dataclass(frozen=True)
class Comparison:
    """The change between a period and the same period last year, and what it means.

    test is "count", "proportion" or None; change is "significant increase", "significant
    decrease", "comparable" or "not tested"; direction is "improving", "deteriorating", "no
    significant change", or None when untested or when neither way is better.
    """

    test: str | None
    p_value: float | None
    change: str
    direction: str | None


@dataclass(frozen=True)
class SpcSummary:
    """The control chart's verdict on the latest point, within its segment since any break."""

    period: str
    mean: float
    lower: float
    upper: float
    signals: tuple[str, ...]
    variation: str
    points: int
    since: str


def combine(points: Sequence[Point], *, unit: str, period: Period) -> Point:
    """Months into one figure: counts (and rates) add up; fractions pool their numerators and
    denominators; any other unit (seconds, a score) takes the mean of the months."""
    numerator = denominator = None
    if all(point.has_fraction for point in points):
        numerator = math.fsum(point.numerator for point in points)  # type: ignore[misc]
        denominator = math.fsum(point.denominator for point in points)  # type: ignore[misc]
    if unit == "count":
        value = math.fsum(point.value for point in points)
    elif numerator is not None and denominator:
        value = numerator / denominator * SCALE.get(unit, 1.0)
    elif unit in ADDITIVE:
        value = math.fsum(point.value for point in points)
    else:
        value = math.fsum(point.value for point in points) / len(points)
    return Point(period.slug, period.starts, period.ends, value, numerator, denominator)


def figure_for(
    points: Mapping[str, Point], period: Period, *, frequency: str, unit: str
) -> Point | None:
    """The indicator's figure for a month or a quarter, from its observations by period slug.

    A monthly indicator's quarter is made from its three months (None unless all three are
    there); a quarterly indicator uses the quarter's own figure and has none for a month.
    """
    if frequency == "quarterly":
        return points.get(period.slug) if period.is_quarter else None
    if not period.is_quarter:
        return points.get(period.slug)
    months = [points.get(month) for month in period.months]
    if any(month is None for month in months):
        return None
    return combine(months, unit=unit, period=period)  # type: ignore[arg-type]


def _whole(number: float | None) -> int | None:
    if number is None or not math.isfinite(number) or number < 0 or number != int(number):
        return None
    return int(number)


def compare(this: Point | None, last: Point | None, *, unit: str, polarity: str) -> Comparison:
    """Test the change on last year: the two-proportion test when both figures have whole
    numerators and denominators, the exact test for two counts when the unit is a count of
    whole numbers, otherwise none ("not tested")."""
    untested = Comparison(None, None, NOT_TESTED, None)
    if this is None or last is None:
        return untested
    fractions = [(_whole(p.numerator), _whole(p.denominator)) for p in (this, last)]
    if all(x is not None and n and x <= n for x, n in fractions):
        (x1, n1), (x2, n2) = fractions
        result, test = proportion_change_test(x1, n1, x2, n2), "proportion"  # type: ignore[arg-type]
    elif unit == "count" and _whole(this.value) is not None and _whole(last.value) is not None:
        result = count_change_test(_whole(this.value), _whole(last.value))  # type: ignore[arg-type]
        test = "count"
    else:
        return untested
    direction = result.judgement(polarity) if polarity in ("higher", "lower") else None
    return Comparison(test, result.p_value, result.change, direction)


def break_indices(points: Sequence[Point], break_dates: Sequence[dt.date]) -> list[int]:
    """Where each break starts a new segment: the first point whose period ends on or after
    the break (a month the break falls in already mixes the old and the new)."""
    indices = set()
    for day in break_dates:
        first = next((i for i, point in enumerate(points) if point.ends >= day), None)
        if first:  # a break before the first point, or after the last, splits nothing
            indices.add(first)
    return sorted(indices)


def control_chart(
    points: Sequence[Point], *, polarity: str, break_dates: Sequence[dt.date] = ()
) -> list[SpcPoint]:
    """XmR chart of the points (in time order), with new limits after each series break."""
    if len(points) < MIN_SPC_POINTS:
        return []
    return xmr(
        [point.value for point in points],
        polarity=polarity,  # type: ignore[arg-type]
        break_at=break_indices(points, break_dates),
    )


def latest_spc(
    points: Sequence[Point], chart: Sequence[SpcPoint], breaks_at: Sequence[int]
) -> SpcSummary | None:
    """The last point's limits and signals, and how many points its segment holds."""
    if not chart:
        return None
    start = max([0, *breaks_at])
    last = chart[-1]
    return SpcSummary(
        period=points[-1].period,
        mean=last.mean,
        lower=last.lower,
        upper=last.upper,
        signals=tuple(last.signals),
        variation=last.variation,
        points=len(chart) - start,
        since=points[start].period,
    )
