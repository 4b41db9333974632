"""The data pack as it is shown and printed: its words and its charts.

Built from the selectors' plain data only (never queries), so the page, the PDF and the HTML
document say exactly the same thing; in the language of the page, and in English for the
documents (planwatch.reporting.data_pack makes them in English).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planwatch.performance import wording
from planwatch.performance.chart_views import (
    ChartView,
    crime_chart,
    peer_chart,
    spc_chart,
    trend_chart,
)
from planwatch.performance.selectors import DataPack, IndicatorFigures


@dataclass(frozen=True)
class IndicatorView:
    id: str
    figures: IndicatorFigures
    value: str
    previous_value: str
    change: str
    test: str
    judgement: str
    spc: str
    peers: str
    charts: tuple[ChartView, ...]


@dataclass(frozen=True)
class ThemeView:
    name: str
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True)
class DataPackView:
    pack: DataPack
    title: str
    summary: tuple[str, ...]
    crime_chart: ChartView | None
    themes: tuple[ThemeView, ...]


def _indicator(figures: IndicatorFigures, prefix: str, pack: DataPack) -> IndicatorView:
    peers, peers_chart = peer_chart(figures, f"{prefix}-peers", pack)
    found = [
        spc_chart(figures, f"{prefix}-spc", pack.area.name),
        trend_chart(figures, f"{prefix}-trend", pack),
        peers_chart,
    ]
    return IndicatorView(
        id=prefix,
        figures=figures,
        value=wording.with_unit(figures.figure.value if figures.figure else None, figures.unit),
        previous_value=wording.with_unit(
            figures.previous.value if figures.previous else None, figures.unit
        ),
        change=wording.change(figures.figure, figures.previous, figures.unit, pack.previous_period),
        test=wording.test(figures.comparison, figures.figure, figures.previous),
        judgement=wording.judgement(figures.comparison, figures.polarity),
        spc=wording.spc(figures.spc, figures.unit, figures.frequency),
        peers=peers,
        charts=tuple(chart for chart in found if chart is not None),
    )


def _measures(count: int) -> str:
    return ngettext("%(count)s measure", "%(count)s measures", count) % {"count": count}


def _summary(pack: DataPack) -> tuple[str, ...]:
    indicators = pack.indicators
    with_figure = [i for i in indicators if i.figure is not None]
    sentences = [
        _(
            "%(area)s, %(period)s: %(figured)s of the %(measures)s in the Plan have a figure, "
            "each compared with %(previous)s and tested for a significant change."
        )
        % {
            "area": pack.area.name,
            "period": pack.period.label,
            "figured": len(with_figure),
            "measures": _measures(len(indicators)),
            "previous": pack.previous_period.label,
        }
    ]
    by_direction: dict[str | None, list[str]] = {}
    for i in with_figure:
        by_direction.setdefault(i.comparison.direction, []).append(i.name)
    if by_direction.get("improving"):
        sentences.append(
            _("Improving significantly: %(names)s.")
            % {"names": wording.listing(by_direction["improving"])}
        )
    if by_direction.get("deteriorating"):
        sentences.append(
            _("Deteriorating significantly: %(names)s.")
            % {"names": wording.listing(by_direction["deteriorating"])}
        )
    steady = len(by_direction.get("no significant change", []))
    if steady:
        sentences.append(
            _("No significant change: %(measures)s.") % {"measures": _measures(steady)}
        )
    untested = sum(1 for i in with_figure if i.comparison.test is None)
    if untested:
        sentences.append(_("Not tested: %(measures)s.") % {"measures": _measures(untested)})
    concern = [i.name for i in indicators if i.spc and i.spc.variation == "concern"]
    better = [i.name for i in indicators if i.spc and i.spc.variation == "improvement"]
    if concern:
        sentences.append(
            _("Control charts show special cause concern for %(names)s.")
            % {"names": wording.listing(concern)}
        )
    if better:
        sentences.append(
            _("Control charts show special cause improvement for %(names)s.")
            % {"names": wording.listing(better)}
        )
    if not concern and not better and any(i.spc for i in indicators):
        sentences.append(_("No control chart shows special cause concern or improvement."))
    return tuple(sentences)


def data_pack_view(pack: DataPack) -> DataPackView:
    """The pack's words and charts; charts are drawn only when their SVG is asked for."""
    return DataPackView(
        pack=pack,
        title=_("Performance data pack: %(period)s") % {"period": pack.period.label},
        summary=_summary(pack),
        crime_chart=crime_chart(pack),
        themes=tuple(
            ThemeView(
                theme.name,
                tuple(_indicator(f, f"t{number}-{f.code}", pack) for f in theme.indicators),
            )
            for number, theme in enumerate(pack.themes, start=1)
        ),
    )
