"""The data pack as it is shown and printed: its words and its charts.

Built from the selectors' plain data only (never queries), so the page, the PDF and the HTML
document say exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _summary(pack: DataPack) -> tuple[str, ...]:
    indicators = pack.indicators
    with_figure = [i for i in indicators if i.figure is not None]
    sentences = [
        f"{pack.area.name}, {pack.period.label}: {len(with_figure)} of the "
        f"{wording.count_phrase(len(indicators), 'measure')} in the Plan have a figure, each "
        f"compared with {pack.previous_period.label} and tested for a significant change."
    ]
    by_direction: dict[str | None, list[str]] = {}
    for i in with_figure:
        by_direction.setdefault(i.comparison.direction, []).append(i.name)
    for direction, text in (("improving", "Improving"), ("deteriorating", "Deteriorating")):
        if by_direction.get(direction):
            sentences.append(f"{text} significantly: {wording.listing(by_direction[direction])}.")
    steady = len(by_direction.get("no significant change", []))
    if steady:
        sentences.append(f"No significant change: {wording.count_phrase(steady, 'measure')}.")
    untested = sum(1 for i in with_figure if i.comparison.test is None)
    if untested:
        sentences.append(f"Not tested: {wording.count_phrase(untested, 'measure')}.")
    concern = [i.name for i in indicators if i.spc and i.spc.variation == "concern"]
    better = [i.name for i in indicators if i.spc and i.spc.variation == "improvement"]
    if concern:
        sentences.append(
            f"Control charts show special cause concern for {wording.listing(concern)}."
        )
    if better:
        sentences.append(
            f"Control charts show special cause improvement for {wording.listing(better)}."
        )
    if not concern and not better and any(i.spc for i in indicators):
        sentences.append("No control chart shows special cause concern or improvement.")
    return tuple(sentences)


def data_pack_view(pack: DataPack) -> DataPackView:
    """The pack's words and charts; charts are drawn only when their SVG is asked for."""
    return DataPackView(
        pack=pack,
        title=f"Performance data pack: {pack.period.label}",
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
