"""The data pack's charts with what goes with each: a one-sentence text alternative and the
table of its data. Built from the selectors' plain data only (never queries), in the language
of the page."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

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
        return charts.svg(
            self.spec, chart_id=self.id, description=self.description, language=get_language()
        )


def spc_chart(figures: IndicatorFigures, chart_id: str, area: str) -> ChartView | None:
    """The control chart of the series, with series breaks; None below two figures."""
    if not figures.chart:
        return None
    unit, series, chart = figures.unit, figures.series, figures.chart
    breaks = []
    for day, _reason in figures.breaks:
        for index in break_indices(series, [day]):
            if index in figures.breaks_at:
                breaks.append(
                    (index, _("Series break %(date)s") % {"date": date_format(day, "j M Y")})
                )
    spec = charts.SpcChart(
        title=_("%(name)s: control chart") % {"name": figures.name},
        x_label=_("Month") if figures.frequency == "monthly" else _("Quarter"),
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
    description = _(
        "Control chart of %(name)s in %(area)s: %(count)s figures from %(first)s to %(last)s, "
        "%(points)s showing special cause variation, the latest %(latest)s against process "
        "limits of %(lower)s to %(upper)s."
    ) % {
        "name": figures.name,
        "area": area,
        "count": len(series),
        "first": wording.label(series[0].period),
        "last": wording.label(series[-1].period),
        "points": ngettext("%(count)s point", "%(count)s points", special) % {"count": special},
        "latest": wording.with_unit(latest.value, unit),
        "lower": wording.with_unit(latest.lower, unit),
        "upper": wording.with_unit(latest.upper, unit),
    }
    rows = tuple(
        (
            wording.label(p.period),
            wording.number(p.value, 2),
            wording.number(s.mean, 2),
            wording.number(s.lower, 2),
            wording.number(s.upper, 2),
            str(wording.VARIATION_TEXT[s.variation])
            + (f" ({', '.join(s.signals)})" if s.signals else ""),
        )
        for p, s in zip(series, chart, strict=True)
    )
    headings = (
        _("Period"),
        _("Figure"),
        _("Mean"),
        _("Lower limit"),
        _("Upper limit"),
        _("Variation"),
    )
    return ChartView(chart_id, spec, description, headings, rows)


def _twelve_months_to(end) -> list[str]:
    year, month, months = end.year, end.month, []
    for _month in range(12):
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
    this_label = _("12 months to %(period)s") % {"period": parse_period(months[-1]).label}
    last_label = _("12 months to %(period)s") % {"period": parse_period(last_months[-1]).label}
    spec = charts.TrendChart(
        title=_("%(name)s: each month against a year before") % {"name": figures.name},
        x_label=_("Month"),
        y_label=wording.unit_axis(figures.unit),
        labels=tuple(date_format(parse_period(m).starts, "M") for m in months),
        this_year=this_year,
        last_year=last_year,
        this_label=this_label,
        last_label=last_label,
    )
    known = [sum(v is not None for v in values) for values in (this_year, last_year)]
    description = _(
        "%(name)s in %(area)s each month of the 12 months to %(period)s (%(this_year)s) "
        "against the same months a year before (%(last_year)s)."
    ) % {
        "name": figures.name,
        "area": pack.area.name,
        "period": parse_period(months[-1]).label,
        "this_year": _figures(known[0]),
        "last_year": _figures(known[1]),
    }
    rows = tuple(
        (date_format(parse_period(m).starts, "F"), wording.number(a, 2), wording.number(b, 2))
        for m, a, b in zip(months, this_year, last_year, strict=True)
    )
    return ChartView(chart_id, spec, description, (_("Month"), this_label, last_label), rows)


def _figures(count: int) -> str:
    return ngettext("%(count)s figure", "%(count)s figures", count) % {"count": count}


def _peer_values(figures: IndicatorFigures) -> tuple[str, dict[str, float]]:
    if figures.unit == "count" and all(p.population for p in figures.peers):
        rates = {p.name: rate_per_1000(p.value, p.population) for p in figures.peers}
        return _("Rate per 1,000 people"), {k: v for k, v in rates.items() if v is not None}
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
    if this in positions:
        words = {
            "area": this,
            "position": wording.ordinal(positions[this]),
            "count": len(values),
            "first": wording.ordinal(1),
        }
        if figures.polarity == "lower":
            said = _(
                "%(area)s is %(position)s of %(count)s areas, where %(first)s is the lowest "
                "(the best)."
            )
        elif figures.polarity == "higher":
            said = _(
                "%(area)s is %(position)s of %(count)s areas, where %(first)s is the highest "
                "(the best)."
            )
        else:
            said = _("%(area)s is %(position)s of %(count)s areas, where %(first)s is the highest.")
        said = said % words
    else:
        said = _("%(count)s areas have a figure.") % {"count": len(values)}
    names = list(values)
    spec = charts.BarChart(
        title=_("%(name)s: %(area)s compared with other areas, %(period)s")
        % {"name": figures.name, "area": pack.area.name, "period": pack.period.label},
        x_label=axis,
        y_label=_("Area"),
        categories=tuple(
            _("%(area)s (this area)") % {"area": n} if n == this else n for n in names
        ),
        series=((pack.period.label, tuple(values[n] for n in names)),),
        highlight=names.index(this) if this in names else None,
    )
    description = _("%(name)s, %(period)s, by area: %(said)s") % {
        "name": figures.name,
        "period": pack.period.label,
        "said": said,
    }
    rows = tuple((n, wording.number(values[n], 2), str(positions.get(n, "–"))) for n in names)
    headings = (_("Area"), axis, _("Position"))
    return said, ChartView(chart_id, spec, description, headings, rows)


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
        title=_("Recorded crime by type, %(area)s") % {"area": pack.area.name},
        x_label=_("Number of crimes and incidents"),
        y_label=_("Crime type"),
        categories=tuple(i.name for i in crimes),
        series=((pack.period.label, now), (pack.previous_period.label, before)),
    )
    description = _(
        "Recorded crime by type in %(area)s, %(period)s: the most was %(most)s (%(most_count)s) "
        "and the fewest %(fewest)s (%(fewest_count)s)."
    ) % {
        "area": pack.area.name,
        "period": pack.period.label,
        "most": crimes[0].name,
        "most_count": wording.number(now[0]),
        "fewest": crimes[-1].name,
        "fewest_count": wording.number(now[-1]),
    }
    rows = tuple(
        (i.name, wording.number(a), wording.number(b))
        for i, a, b in zip(crimes, now, before, strict=True)
    )
    headings = (_("Crime type"), pack.period.label, pack.previous_period.label)
    return ChartView("crime-by-type", spec, description, headings, rows)
