"""What the data pack tests share: figures written through the service, the pack for a
period, and the figures March 2018 must show."""

from __future__ import annotations

from planwatch.performance.models import Area, Indicator
from planwatch.performance.periods import parse_period
from planwatch.performance.selectors import area_for, data_pack
from planwatch.performance.services import Figure, observations_write
from planwatch.plans.models import Plan


def write(indicator: Indicator, area: Area, figures: dict[str, float | tuple[float, float]]):
    """Observations by period: a value, or (numerator, denominator) for a percentage."""
    rows = []
    for slug, figure in figures.items():
        if isinstance(figure, tuple):
            numerator, denominator = figure
            value = 100 * numerator / denominator
            rows.append(Figure(indicator.pk, area.pk, parse_period(slug), value, *figure))
        else:
            rows.append(Figure(indicator.pk, area.pk, parse_period(slug), figure))
    observations_write(figures=rows, kind="test", sources=[], by=None)


def pack_for(plan: Plan, period: str, area: str | None = None):
    chosen, areas = area_for(plan, area)
    return data_pack(plan=plan, period=parse_period(period), area=chosen, areas=areas)


def figures_of(pack, code: str):
    return next(i for i in pack.indicators if i.code == code)


EXPECTED_MARCH = {
    "crime-burglary": (500, 400, "significant increase", "deteriorating"),
    "crime-anti-social-behaviour": (300, 305, "comparable", "no significant change"),
    "crime-violence-and-sexual-offences": (812, None, "not tested", None),
    "crime-all-excl-asb": (1000, 1100, "significant decrease", "improving"),
    "charge-summons-share": (12.0, 8.0, "significant increase", "improving"),
}
