"""The data pack in plain English: figures, changes, judgements and control-chart signals.

Every judgement is said in words, so nothing depends on colour. No Django here.
"""

from __future__ import annotations

from planwatch.performance.figures import NOT_TESTED, Comparison, Point, SpcSummary
from planwatch.performance.periods import Period, parse_period

CHANGE_TEXT = {
    "significant increase": "Significant increase",
    "significant decrease": "Significant decrease",
    "comparable": "Comparable: no significant change",
    NOT_TESTED: "Not tested",
}
DIRECTION_TEXT = {
    "improving": "Improving",
    "deteriorating": "Deteriorating",
    "no significant change": "No significant change",
}
TEST_TEXT = {
    "count": "exact test for two counts",
    "proportion": "two-proportion z-test",
}
SIGNAL_TEXT = {
    "outside-limits": "is outside the process limits",
    "shift": "is part of a run of 7 or more points on one side of the mean",
    "trend": "is part of a run of 7 or more points each rising or each falling",
    "two-of-three": "is one of 2 of 3 points close to a process limit",
}
VARIATION_TEXT = {
    "common": "Common cause variation",
    "improvement": "Special cause variation: improvement",
    "concern": "Special cause variation: concern",
    "neither": "Special cause variation (neither higher nor lower is better)",
}


def number(value: float | None, places: int = 1) -> str:
    """1,234 for whole numbers, else 1,234.5; a dash for no figure."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.{places}f}"


def with_unit(value: float | None, unit: str) -> str:
    """A figure in its unit: 412, 7.9%, 12.35 per 1,000 people, 9.5 seconds."""
    if value is None:
        return "No figure"
    if unit == "percentage":
        return f"{value:.1f}%"
    if unit == "rate_per_1000":
        return f"{number(value, 2)} per 1,000 people"
    if unit == "seconds":
        return f"{number(value)} seconds"
    return number(value, 2 if unit == "score" else 1)


def unit_axis(unit: str) -> str:
    return {
        "count": "Number",
        "percentage": "Percentage (%)",
        "rate_per_1000": "Rate per 1,000 people",
        "seconds": "Seconds",
        "score": "Score",
    }.get(unit, "Value")


def label(slug: str) -> str:
    return parse_period(slug).label


def short_label(slug: str) -> str:
    """Mar 2018 for a month; Q1 2018/19 for a quarter (for chart axes)."""
    period = parse_period(slug)
    if period.is_quarter:
        return period.label.split(" (")[0]
    return period.starts.strftime("%b %Y")


def change(this: Point | None, last: Point | None, unit: str, compared_with: Period) -> str:
    """Up 12 (3.1%) on March 2017; for percentages, the change in percentage points."""
    if this is None:
        return "No figure for this period"
    if last is None:
        return f"No figure for {compared_with.label} to compare with"
    difference = this.value - last.value
    if difference == 0:
        return f"The same as {compared_with.label}"
    way = "Up" if difference > 0 else "Down"
    if unit == "percentage":
        size = f"{abs(difference):.1f} percentage points"
    else:
        size = number(abs(difference), 2 if abs(difference) < 10 else 1)
        if last.value:
            size += f" ({abs(difference) / abs(last.value):.1%})"
    return f"{way} {size} on {compared_with.label}"


def p_value(p: float | None) -> str:
    if p is None:
        return ""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def test(comparison: Comparison, this: Point | None, last: Point | None) -> str:
    """Significant increase (p = 0.003, exact test for two counts), or why it is untested."""
    if comparison.change == NOT_TESTED:
        if this is None or last is None:
            return "Not tested: there are not two figures to compare"
        return "Not tested: only counts and proportions with their numbers can be tested"
    return (
        f"{CHANGE_TEXT[comparison.change]} "
        f"({p_value(comparison.p_value)}, {TEST_TEXT[comparison.test or '']})"
    )


def judgement(comparison: Comparison, polarity: str) -> str:
    if comparison.direction:
        return DIRECTION_TEXT[comparison.direction]
    if comparison.change == NOT_TESTED:
        return "Not judged: the change was not tested"
    return "Not judged: neither higher nor lower is better"


def spc(summary: SpcSummary | None, unit: str, frequency: str) -> str:
    """The control chart's reading of the latest point, in words."""
    if summary is None:
        return "Not enough figures for a control chart yet: it needs at least two."
    kind = "monthly" if frequency == "monthly" else "quarterly"
    points = f"{summary.points} {kind} figure{'' if summary.points == 1 else 's'}"
    limits = (
        f"mean {with_unit(summary.mean, unit)}, process limits "
        f"{with_unit(summary.lower, unit)} to {with_unit(summary.upper, unit)}"
    )
    where = f"over {points} since {label(summary.since)}"
    if not summary.signals:
        return (
            f"{VARIATION_TEXT['common']}: the latest figure ({label(summary.period)}) shows no "
            f"special cause ({limits}, {where})."
        )
    reasons = "; it ".join(SIGNAL_TEXT[s] for s in summary.signals)
    return (
        f"{VARIATION_TEXT[summary.variation]}: the latest figure ({label(summary.period)}) "
        f"{reasons} ({limits}, {where})."
    )


def count_phrase(number_of: int, noun: str) -> str:
    return f"{number_of} {noun}{'' if number_of == 1 else 's'}"


def listing(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def ordinal(position: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    if 10 <= position % 100 <= 20:
        return f"{position}th"
    return f"{position}{({1: 'st', 2: 'nd', 3: 'rd'}).get(position % 10, 'th')}"
