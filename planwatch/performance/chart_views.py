"""The data pack's charts with what goes with each: a one-sentence text alternative and the
table of its data. Built from the selectors' plain data only (never queries)."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.performance import charts, wording
from planwatch.performance.figures import break_indices
from planwatch.performance.periods import parse_period
from planwatch.performance.selectors import DataPack, IndicatorFigures
from planwatch.performance.stats import peer_positions, rate_per_1000

CRIME_TYPE_PREFIX = "crime-"  # data.police.uk crime types are indicators crime-<type>
CRIME_TOTAL_PREFIX = "crime-all"


@dataclass(frozen=True)
class ChartView:
    """A chart with its one-sentence text alternative and the table of its data."""

    id: str
    spec: charts.Chart
    description: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def svg(self) -> str:
        return charts.svg(self.spec, chart_id=self.id, description=self.description)


def spc_chart(figures: IndicatorFigures, chart_id: str, area: str) -> ChartView | None:
    """The control chart of the series, with series breaks; None below two figures."""
    if not figures.chart:
        return None
    unit, series, chart = figures.unit, figures.series, figures.chart
    breaks = []
    for day, _ in figures.breaks:
        for index in break_indices(series, [day]):
            if index in figures.breaks_at:
                breaks.append((index, f"Series break {day.day} {day:%b %Y}"))
    spec = charts.SpcChart(
        title=f"{figures.name}: control chart",
        x_label="Month" if figures.frequency == "monthly" else "Quarter",
        y_label=wording.unit_axis(unit),
        labels=tuple(wording.short_label(p.period) for p in series),
        values=tuple(p.value for p in chart),
        means=tuple(p.mean for p in chart),
        lowers=tuple(p.lower for p in chart),
        uppers=tuple(p.upper for p in chart),
        variations=tuple(p.variation for p in chart),
        breaks=tuple(breaks),
    )
    special = sum(1 for p in chart if p.variation != "common")
    latest = chart[-1]
    description = (
        f"Control chart of {figures.name} in {area}: {len(series)} figures from "
        f"{wording.label(series[0].period)} to {wording.label(series[-1].period)}, "
        f"{wording.count_phrase(special, 'point')} showing special cause variation, the latest "
        f"{wording.with_unit(latest.value, unit)} against process limits of "
        f"{wording.with_unit(latest.lower, unit)} to {wording.with_unit(latest.upper, unit)}."
    )
    rows = tuple(
        (
            wording.label(p.period),
            wording.number(p.value, 2),
            wording.number(s.mean, 2),
            wording.number(s.lower, 2),
            wording.number(s.upper, 2),
            wording.VARIATION_TEXT[s.variation]
            + (f" ({', '.join(s.signals)})" if s.signals else ""),
        )
        for p, s in zip(series, chart, strict=True)
    )
    headings = ("Period", "Figure", "Mean", "Lower limit", "Upper limit", "Variation")
    return ChartView(chart_id, spec, description, headings, rows)


def _twelve_months_to(end) -> list[str]:
    year, month, months = end.year, end.month, []
    for _ in range(12):
        months.append(f"{year}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def trend_chart(figures: IndicatorFigures, chart_id: str, pack: DataPack) -> ChartView | None:
    """The 12 months to the period against the 12 before (monthly measures only)."""
    if figures.frequency != "monthly":
        return None
    months = _twelve_months_to(pack.period.ends)
    by_period = {p.period: p.value for p in figures.series}
    last_months = [f"{int(m[:4]) - 1}{m[4:]}" for m in months]
    this_year = tuple(by_period.get(m) for m in months)
    last_year = tuple(by_period.get(m) for m in last_months)
    if sum(v is not None for v in this_year + last_year) < 2:
        return None
    this_label = f"12 months to {parse_period(months[-1]).label}"
    last_label = f"12 months to {parse_period(last_months[-1]).label}"
    spec = charts.TrendChart(
        title=f"{figures.name}: each month against a year before",
        x_label="Month",
        y_label=wording.unit_axis(figures.unit),
        labels=tuple(parse_period(m).starts.strftime("%b") for m in months),
        this_year=this_year,
        last_year=last_year,
        this_label=this_label,
        last_label=last_label,
    )
    known = [sum(v is not None for v in values) for values in (this_year, last_year)]
    description = (
        f"{figures.name} in {pack.area.name} each month of the 12 months to "
        f"{parse_period(months[-1]).label} "
        f"({wording.count_phrase(known[0], 'figure')}) against the same months a year before "
        f"({wording.count_phrase(known[1], 'figure')})."
    )
    rows = tuple(
        (parse_period(m).starts.strftime("%B"), wording.number(a, 2), wording.number(b, 2))
        for m, a, b in zip(months, this_year, last_year, strict=True)
    )
    return ChartView(chart_id, spec, description, ("Month", this_label, last_label), rows)


def _peer_values(figures: IndicatorFigures) -> tuple[str, dict[str, float]]:
    if figures.unit == "count" and all(p.population for p in figures.peers):
        rates = {p.name: rate_per_1000(p.value, p.population) for p in figures.peers}
        return "Rate per 1,000 people", {k: v for k, v in rates.items() if v is not None}
    return wording.unit_axis(figures.unit), {p.name: p.value for p in figures.peers}


def peer_chart(
    figures: IndicatorFigures, chart_id: str, pack: DataPack
) -> tuple[str, ChartView | None]:
    """Words and bars placing the area among those compared with it (two or more)."""
    if len(figures.peers) < 2:
        return "", None
    axis, values = _peer_values(figures)
    positions = peer_positions(values, polarity=figures.polarity)  # type: ignore[arg-type]
    this = next((p.name for p in figures.peers if p.is_this_area), None)
    best = {"lower": "the lowest", "higher": "the highest"}.get(figures.polarity, "the highest")
    if this in positions:
        position = wording.ordinal(positions[this])
        said = f"{this} is {position} of {len(values)} areas, where 1st is {best}"
        said += " (the best)." if figures.polarity != "neither" else "."
    else:
        said = f"{len(values)} areas have a figure."
    names = list(values)
    spec = charts.BarChart(
        title=f"{figures.name}: {pack.area.name} compared with other areas, {pack.period.label}",
        x_label=axis,
        y_label="Area",
        categories=tuple(n + (" (this area)" if n == this else "") for n in names),
        series=((pack.period.label, tuple(values[n] for n in names)),),
        highlight=names.index(this) if this in names else None,
    )
    description = f"{figures.name}, {pack.period.label}, by area: {said}"
    rows = tuple((n, wording.number(values[n], 2), str(positions.get(n, "–"))) for n in names)
    return said, ChartView(chart_id, spec, description, ("Area", axis, "Position"), rows)


def crime_chart(pack: DataPack) -> ChartView | None:
    """Bars of each crime type's count, this period and the same period last year."""
    crimes = [
        i
        for i in pack.indicators
        if i.code.startswith(CRIME_TYPE_PREFIX)
        and not i.code.startswith(CRIME_TOTAL_PREFIX)
        and i.unit == "count"
        and i.figure is not None
    ]
    if not crimes:
        return None
    crimes.sort(key=lambda i: -i.figure.value)  # type: ignore[union-attr]
    now = tuple(i.figure.value for i in crimes)  # type: ignore[union-attr]
    before = tuple(i.previous.value if i.previous else None for i in crimes)
    spec = charts.BarChart(
        title=f"Recorded crime by type, {pack.area.name}",
        x_label="Number of crimes and incidents",
        y_label="Crime type",
        categories=tuple(i.name for i in crimes),
        series=((pack.period.label, now), (pack.previous_period.label, before)),
    )
    description = (
        f"Recorded crime by type in {pack.area.name}, {pack.period.label}: the most was "
        f"{crimes[0].name} ({wording.number(now[0])}) and the fewest {crimes[-1].name} "
        f"({wording.number(now[-1])})."
    )
    rows = tuple(
        (i.name, wording.number(a), wording.number(b))
        for i, a, b in zip(crimes, now, before, strict=True)
    )
    headings = ("Crime type", pack.period.label, pack.previous_period.label)
    return ChartView("crime-by-type", spec, description, headings, rows)
