"""XmR statistical process control charts as NHS England's Making Data Count defines them.

The rules follow the NHS-R community's NHSRplotthedots package (its defaults, including
screening of outlying moving ranges). Pure Python: no Django, no numpy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from planwatch.performance.stats.significance import Polarity, check_polarity

Signal = Literal["outside-limits", "shift", "trend", "two-of-three"]
Variation = Literal["common", "improvement", "concern", "neither"]

LIMIT = 2.66  # process limits sit 3 sigma from the mean, sigma estimated as MR-bar / 1.128
NEAR_LIMIT = 2 * (LIMIT / 3)  # "close to the limits" line, 2 sigma from the mean
SCREEN = 3.267  # moving ranges this many times MR-bar or more are screened out
RUN = 7  # points in a shift or a trend
SIGNALS: tuple[Signal, ...] = ("outside-limits", "shift", "trend", "two-of-three")


@dataclass(frozen=True)
class SpcPoint:
    """One point of an XmR chart, with its segment's mean and process limits.

    signals lists the special-cause rules the point takes part in; direction is "higher" or
    "lower" for special cause (the way the deciding rule points), None for common cause;
    variation is "common", or for special cause "improvement" / "concern" by the measure's
    polarity, or "neither" when the measure has none.
    """

    value: float
    mean: float
    lower: float
    upper: float
    signals: list[Signal] = field(default_factory=list)
    direction: Literal["higher", "lower"] | None = None
    variation: Variation = "common"


def xmr(
    values: Sequence[float],
    *,
    polarity: Polarity = "neither",
    break_at: Sequence[int] = (),
    screen_outliers: bool = True,
) -> list[SpcPoint]:
    """Build an XmR chart of *values* (in time order) and find special-cause variation.

    Each segment (a new one starts at every index in *break_at*, e.g. when a new recording
    system broke the series) has its own mean and limits: mean +/- 2.66 x the mean moving
    range, after dropping moving ranges of 3.267 x that mean or more (NHSRplotthedots'
    screen_outliers). Runs never cross a break. The rules, per point:

    - outside-limits: strictly above the upper or below the lower limit;
    - shift: part of 7 or more points in a row on one side of the mean (a point exactly on
      the mean breaks the run);
    - trend: part of 7 or more points in a row each strictly higher (or lower) than the last;
    - two-of-three: beyond the 2-sigma line but not the limit, in a window of three
      consecutive points all on the same side of the mean of which at least two are so.

    When a point takes part in rules pointing different ways, the first of outside-limits,
    trend, two-of-three, shift decides its direction, as in NHSRplotthedots.
    """
    check_polarity(polarity)
    values = [float(value) for value in values]
    if not all(math.isfinite(value) for value in values):
        raise ValueError("values must be finite numbers")
    if any(not 0 <= index < len(values) for index in break_at):
        raise ValueError("break_at must hold indices of values")
    starts = sorted({0, *break_at})
    bounds = [*starts, len(values)]
    points: list[SpcPoint] = []
    for start, end in pairwise(bounds):
        if start < end:
            points.extend(_segment(values[start:end], polarity, screen_outliers))
    return points


def _mean_moving_range(values: Sequence[float], screen_outliers: bool) -> float:
    ranges = [abs(b - a) for a, b in pairwise(values)]
    if not ranges:
        return 0.0
    mean_range = math.fsum(ranges) / len(ranges)
    if screen_outliers and mean_range > 0:
        # Once only, as NHSRplotthedots does; a zero MR-bar is left alone (nothing to screen).
        ranges = [r for r in ranges if r < SCREEN * mean_range]
        mean_range = math.fsum(ranges) / len(ranges)
    return mean_range


def _segment(values: Sequence[float], polarity: str, screen_outliers: bool) -> list[SpcPoint]:
    n = len(values)
    mean = math.fsum(values) / n
    mean_range = _mean_moving_range(values, screen_outliers)
    lower, upper = mean - LIMIT * mean_range, mean + LIMIT * mean_range
    near_lower, near_upper = mean - NEAR_LIMIT * mean_range, mean + NEAR_LIMIT * mean_range

    side = [(v > mean) - (v < mean) for v in values]
    outside = [v > upper or v < lower for v in values]
    close = [
        not out and (v < near_lower or v > near_upper)
        for v, out in zip(values, outside, strict=True)
    ]

    shift = [0] * n  # side of the run a point belongs to, 0 if none
    for first, last, sign in _runs(side):
        if sign and last - first + 1 >= RUN:
            shift[first : last + 1] = [sign] * (last - first + 1)

    trend = [0] * n  # direction of the trend a point belongs to, 0 if none
    steps = [(b > a) - (b < a) for a, b in pairwise(values)]
    for first, last, sign in _runs(steps):
        # Steps first..last join points first..last + 1; a later run overwrites the point
        # shared with an earlier one, so a peak takes the direction it leads into.
        if sign and last - first + 1 >= RUN - 1:
            trend[first : last + 2] = [sign] * (last - first + 2)

    two_of_three = [False] * n
    for i in range(n - 2):
        window = range(i, i + 3)
        if abs(sum(side[j] for j in window)) == 3 and sum(close[j] for j in window) >= 2:
            for j in window:
                two_of_three[j] = two_of_three[j] or close[j]

    points = []
    for i, value in enumerate(values):
        # Dict order is precedence: the first rule that fires decides the direction.
        fired = {
            "outside-limits": side[i] if outside[i] else 0,
            "trend": trend[i],
            "two-of-three": side[i] if two_of_three[i] else 0,
            "shift": shift[i],
        }
        deciding = next((sign for sign in fired.values() if sign), 0)
        points.append(
            SpcPoint(
                value=value,
                mean=mean,
                lower=lower,
                upper=upper,
                signals=[name for name in SIGNALS if fired[name]],
                direction=None if not deciding else ("higher" if deciding > 0 else "lower"),
                variation=_variation(deciding, polarity),
            )
        )
    return points


def _runs(signs: Sequence[int]) -> list[tuple[int, int, int]]:
    """Maximal runs of equal values as (first index, last index, value)."""
    runs: list[tuple[int, int, int]] = []
    for i, sign in enumerate(signs):
        if runs and runs[-1][2] == sign:
            runs[-1] = (runs[-1][0], i, sign)
        else:
            runs.append((i, i, sign))
    return runs


def _variation(direction: int, polarity: str) -> Variation:
    if not direction:
        return "common"
    if polarity == "neither":
        return "neither"
    return "improvement" if (direction > 0) == (polarity == "higher") else "concern"
