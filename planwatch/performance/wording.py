"""The data pack in plain words: figures, changes, judgements and control-chart signals.

Every judgement is said in words, so nothing depends on colour. The words are in the language
of the page showing them (English, or Welsh under /cy/); documents and exports are made in
English (planwatch.language). Only Django's gettext here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from planwatch.performance.figures import NOT_TESTED, Comparison, Point, SpcSummary
from planwatch.performance.periods import Period, parse_period

# Keyed by the English values that the CLI, open data and the API give unchanged.
CHANGE_TEXT = {
    "significant increase": gettext_lazy("Significant increase"),
    "significant decrease": gettext_lazy("Significant decrease"),
    "comparable": gettext_lazy("Comparable: no significant change"),
    NOT_TESTED: gettext_lazy("Not tested"),
}
DIRECTION_TEXT = {
    "improving": gettext_lazy("Improving"),
    "deteriorating": gettext_lazy("Deteriorating"),
    "no significant change": gettext_lazy("No significant change"),
}
TEST_TEXT = {
    "count": gettext_lazy("exact test for two counts"),
    "proportion": gettext_lazy("two-proportion z-test"),
}
SIGNAL_TEXT = {
    "outside-limits": gettext_lazy("is outside the process limits"),
    "shift": gettext_lazy("is part of a run of 7 or more points on one side of the mean"),
    "trend": gettext_lazy("is part of a run of 7 or more points each rising or each falling"),
    "two-of-three": gettext_lazy("is one of 2 of 3 points close to a process limit"),
}
VARIATION_TEXT = {
    "common": gettext_lazy("Common cause variation"),
    "improvement": gettext_lazy("Special cause variation: improvement"),
    "concern": gettext_lazy("Special cause variation: concern"),
    "neither": gettext_lazy("Special cause variation (neither higher nor lower is better)"),
}
UNIT_AXIS = {
    "count": gettext_lazy("Number"),
    "percentage": gettext_lazy("Percentage (%)"),
    "rate_per_1000": gettext_lazy("Rate per 1,000 people"),
    "seconds": gettext_lazy("Seconds"),
    "score": gettext_lazy("Score"),
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
        return _("No figure")
    if unit == "percentage":
        return f"{value:.1f}%"
    if unit == "rate_per_1000":
        return _("%(value)s per 1,000 people") % {"value": number(value, 2)}
    if unit == "seconds":
        return _("%(value)s seconds") % {"value": number(value)}
    return number(value, 2 if unit == "score" else 1)


def unit_axis(unit: str) -> str:
    return str(UNIT_AXIS.get(unit, _("Value")))


def label(slug: str) -> str:
    return parse_period(slug).label


def short_label(slug: str) -> str:
    """Mar 2018 for a month; Q1 2018/19 for a quarter (for chart axes)."""
    return parse_period(slug).short_label


def change(this: Point | None, last: Point | None, unit: str, compared_with: Period) -> str:
    """Up 12 (3.1%) on March 2017; for percentages, the change in percentage points."""
    if this is None:
        return _("No figure for this period")
    if last is None:
        return _("No figure for %(period)s to compare with") % {"period": compared_with.label}
    difference = this.value - last.value
    if difference == 0:
        return _("The same as %(period)s") % {"period": compared_with.label}
    if unit == "percentage":
        size = _("%(points)s percentage points") % {"points": f"{abs(difference):.1f}"}
    else:
        size = number(abs(difference), 2 if abs(difference) < 10 else 1)
        if last.value:
            size += f" ({abs(difference) / abs(last.value):.1%})"
    way = _("Up %(size)s on %(period)s") if difference > 0 else _("Down %(size)s on %(period)s")
    return way % {"size": size, "period": compared_with.label}


def p_value(p: float | None) -> str:
    if p is None:
        return ""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def test(comparison: Comparison, this: Point | None, last: Point | None) -> str:
    """Significant increase (p = 0.003, exact test for two counts), or why it is untested."""
    if comparison.change == NOT_TESTED:
        if this is None or last is None:
            return _("Not tested: there are not two figures to compare")
        return _("Not tested: only counts and proportions with their numbers can be tested")
    return _("%(change)s (%(p_value)s, %(test)s)") % {
        "change": CHANGE_TEXT[comparison.change],
        "p_value": p_value(comparison.p_value),
        "test": TEST_TEXT[comparison.test or ""],
    }


def judgement(comparison: Comparison, polarity: str) -> str:
    if comparison.direction:
        return str(DIRECTION_TEXT[comparison.direction])
    if comparison.change == NOT_TESTED:
        return _("Not judged: the change was not tested")
    return _("Not judged: neither higher nor lower is better")


def spc(summary: SpcSummary | None, unit: str, frequency: str) -> str:
    """The control chart's reading of the latest point, in words."""
    if summary is None:
        return _("Not enough figures for a control chart yet: it needs at least two.")
    if frequency == "monthly":
        points = ngettext("%(count)s monthly figure", "%(count)s monthly figures", summary.points)
    else:
        points = ngettext(
            "%(count)s quarterly figure", "%(count)s quarterly figures", summary.points
        )
    words = {
        "limits": _("mean %(mean)s, process limits %(lower)s to %(upper)s")
        % {
            "mean": with_unit(summary.mean, unit),
            "lower": with_unit(summary.lower, unit),
            "upper": with_unit(summary.upper, unit),
        },
        "where": _("over %(points)s since %(period)s")
        % {"points": points % {"count": summary.points}, "period": label(summary.since)},
        "period": label(summary.period),
    }
    if not summary.signals:
        return _(
            "%(variation)s: the latest figure (%(period)s) shows no special cause "
            "(%(limits)s, %(where)s)."
        ) % {"variation": VARIATION_TEXT["common"], **words}
    # Each signal after the first is said as "; it is ...".
    reasons = _("; it ").join(str(SIGNAL_TEXT[s]) for s in summary.signals)
    return _(
        "%(variation)s: the latest figure (%(period)s) %(reasons)s (%(limits)s, %(where)s)."
    ) % {"variation": VARIATION_TEXT[summary.variation], "reasons": reasons, **words}


def count_phrase(number_of: int, noun: str) -> str:
    """3 actions: English only, for the papers (which are always in English)."""
    return f"{number_of} {noun}{'' if number_of == 1 else 's'}"


def listing(names: list[str]) -> str:
    """A, B and C."""
    names = [str(name) for name in names]
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def ordinal(position: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st (in Welsh, the position's number: "safle 3")."""
    if 10 <= position % 100 <= 20:
        text = _("%(number)sth")
    else:
        text = {1: _("%(number)sst"), 2: _("%(number)snd"), 3: _("%(number)srd")}.get(
            position % 10, _("%(number)sth")
        )
    return text % {"number": position}
