"""Reads for the performance data pack: a Plan's indicators for a period and an area.

Each function runs a fixed number of queries however many indicators and observations there
are; the figures themselves are worked out in planwatch.performance.figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Exists, Prefetch, Q

from planwatch.performance.figures import (
    Comparison,
    Point,
    SpcSummary,
    break_indices,
    compare,
    control_chart,
    figure_for,
    latest_spc,
)
from planwatch.performance.models import (
    Area,
    AreaKind,
    DataNote,
    Definition,
    Indicator,
    Observation,
    PeerGroup,
    SeriesBreak,
)
from planwatch.performance.periods import Period, parse_period, same_period_last_year
from planwatch.performance.stats import SpcPoint
from planwatch.plans.models import Plan

MONTH_PATTERN = r"^[0-9]{4}-[0-9]{2}$"
POINT_FIELDS = ("period", "starts", "ends", "value", "numerator", "denominator")


class NoArea(LookupError):
    """The Plan's force has no area (load the ONS lookup first), or no such area of it."""


@dataclass(frozen=True)
class AreaChoice:
    code: str
    name: str
    kind: str
    is_force: bool


@dataclass(frozen=True)
class Peer:
    """Another area's figure for the same period, to compare with."""

    code: str
    name: str
    value: float
    population: int | None
    is_this_area: bool


@dataclass(frozen=True)
class IndicatorFigures:
    """Everything the data pack says about one indicator for one period and area."""

    code: str
    name: str
    unit: str
    unit_label: str
    polarity: str
    polarity_label: str
    frequency: str
    figure: Point | None
    previous: Point | None
    comparison: Comparison
    series: tuple[Point, ...]
    chart: tuple[SpcPoint, ...]
    breaks_at: tuple[int, ...]
    spc: SpcSummary | None
    definition: str
    definition_from: dt.date | None
    notes: tuple[tuple[dt.date, str], ...]
    breaks: tuple[tuple[dt.date, str], ...]
    peers: tuple[Peer, ...]


@dataclass(frozen=True)
class ThemeFigures:
    name: str
    indicators: tuple[IndicatorFigures, ...]


@dataclass(frozen=True)
class DataPack:
    plan_slug: str
    plan_title: str
    plan_area: str
    period: Period
    previous_period: Period
    area: AreaChoice
    areas: tuple[AreaChoice, ...]
    themes: tuple[ThemeFigures, ...]

    @property
    def indicators(self) -> list[IndicatorFigures]:
        """Each indicator once, though it may evidence several themes."""
        unique = {i.code: i for theme in self.themes for i in theme.indicators}
        return list(unique.values())


def _choice(area: Area) -> AreaChoice:
    return AreaChoice(area.code, area.name, area.kind, area.kind == AreaKind.FORCE)


def force_area(plan: Plan) -> Area | None:
    """The police force area the Plan covers, by its data.police.uk id."""
    return Area.objects.filter(police_uk_id=plan.force).first()


def area_choices(force: Area) -> list[Area]:
    """The force and its districts (through their community safety partnerships)."""
    found = Area.objects.filter(
        Q(pk=force.pk) | Q(kind=AreaKind.DISTRICT, parent__parent=force)
    ).select_related("parent__parent")
    return sorted(found, key=lambda area: (area.pk != force.pk, area.name))


def area_for(
    plan: Plan, code: str | None = None, *, strict: bool = False
) -> tuple[Area, list[Area]]:
    """The area asked for (by ONS code or force id) among the force's, with the choices.

    An unknown code gives the force itself, or with strict raises NoArea naming the choices.
    """
    force = force_area(plan)
    if force is None:
        raise NoArea(
            f"No area has the data.police.uk id {plan.force!r}. "
            "Load the areas first: planwatch areas-load."
        )
    choices = area_choices(force)
    wanted = (code or "").strip().lower()
    chosen = next(
        (a for a in choices if wanted and wanted in (a.code.lower(), a.police_uk_id or "")), None
    )
    if chosen is None and wanted and strict:
        codes = ", ".join(choice.code for choice in choices)
        raise NoArea(f"{code!r} is not the force area or one of its districts: {codes}.")
    return chosen or force, choices


def _of_plan(plan: Plan) -> Q:
    return Q(indicator__themes__plan=plan)


def latest_month_with_data(plan: Plan) -> Period | None:
    """The last month with a figure for any of the Plan's indicators in its force area."""
    latest = (
        Observation.objects.filter(
            _of_plan(plan), area__police_uk_id=plan.force, period__regex=MONTH_PATTERN
        )
        .order_by("-starts")
        .values_list("period", flat=True)
        .first()
    )
    return parse_period(latest) if latest else None


def _point(row: tuple) -> Point:
    return Point(*row)


def _definition(definitions: list[Definition], day: dt.date) -> Definition | None:
    """The definition in force at the period's end, else the current one."""
    in_force = [
        d for d in definitions if d.valid_from <= day and (d.valid_to is None or d.valid_to >= day)
    ]
    current = [d for d in definitions if d.valid_to is None]
    return (in_force or current or [None])[0]


def _peers(
    indicators: list[Indicator], area: Area, period: Period
) -> dict[int, dict[int, dict[str, Point]]]:
    """Figures of the areas the area is compared with, by indicator, then area, then period.

    A force is compared with the forces of its peer groups (all its groups merged), or with
    every force when it is in none; a district with the other districts of its force.
    """
    if area.kind == AreaKind.FORCE:
        # Subqueries, so that the groups cost no query of their own.
        groups = PeerGroup.objects.filter(areas=area)
        in_its_groups = Area.objects.filter(kind=AreaKind.FORCE, peer_groups__in=groups)
        where = Q(area__in=in_its_groups) | (Q(area__kind=AreaKind.FORCE) & ~Exists(groups))
    elif area.parent and area.parent.parent_id:
        where = Q(area__kind=area.kind, area__parent__parent_id=area.parent.parent_id)
    else:
        where = Q(area=area)
    rows = Observation.objects.filter(
        where,
        indicator__in=[i.pk for i in indicators],
        period__in=[period.slug, *period.months],
    ).values_list("indicator_id", "area_id", *POINT_FIELDS)
    found: dict[int, dict[int, dict[str, Point]]] = defaultdict(lambda: defaultdict(dict))
    for indicator_id, area_id, *fields in rows:
        found[indicator_id][area_id][fields[0]] = _point(tuple(fields))
    return found


def _area_names(peers: dict[int, dict[int, dict[str, Point]]]) -> dict[int, Area]:
    ids = {area_id for by_area in peers.values() for area_id in by_area}
    return {a.pk: a for a in Area.objects.filter(pk__in=ids).only("code", "name", "population")}


def data_pack(*, plan: Plan, period: Period, area: Area, areas: list[Area]) -> DataPack:
    """The Plan's indicators, theme by theme, for the period and area (use area_for first)."""
    by_code = Indicator.objects.order_by("code")
    themes = list(plan.themes.prefetch_related(Prefetch("indicators", queryset=by_code)))
    indicators = list({i.pk: i for t in themes for i in t.indicators.all()}.values())
    ids = [indicator.pk for indicator in indicators]
    definitions: dict[int, list[Definition]] = defaultdict(list)
    for definition in Definition.objects.filter(indicator__in=ids):
        definitions[definition.indicator_id].append(definition)
    notes: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for note in DataNote.objects.filter(indicator__in=ids):
        notes[note.indicator_id].append((note.added, note.text))
    breaks: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for series_break in SeriesBreak.objects.filter(indicator__in=ids):
        breaks[series_break.indicator_id].append((series_break.date, series_break.reason))
    observations: dict[int, dict[str, Point]] = defaultdict(dict)
    rows = Observation.objects.filter(indicator__in=ids, area=area, starts__lte=period.ends)
    for indicator_id, *fields in rows.order_by("starts").values_list("indicator_id", *POINT_FIELDS):
        observations[indicator_id][fields[0]] = _point(tuple(fields))
    peers = _peers(indicators, area, period)
    peer_areas = _area_names(peers)

    previous_period = same_period_last_year(period)
    figures: dict[int, IndicatorFigures] = {}
    for indicator in indicators:
        points = observations[indicator.pk]
        quarterly = indicator.frequency == "quarterly"
        series = [p for p in points.values() if ("-q" in p.period) == quarterly]
        break_dates = [day for day, _ in breaks[indicator.pk] if day <= period.ends]
        chart = control_chart(series, polarity=indicator.polarity, break_dates=break_dates)
        breaks_at = break_indices(series, break_dates) if chart else []
        kind = {"frequency": indicator.frequency, "unit": indicator.unit}
        figure = figure_for(points, period, **kind)
        previous = figure_for(points, previous_period, **kind)
        definition = _definition(definitions[indicator.pk], period.ends)
        peer_figures = []
        for area_id, peer_points in peers[indicator.pk].items():
            peer_figure = figure_for(peer_points, period, **kind)
            if peer_figure is not None:
                other = peer_areas[area_id]
                peer_figures.append(
                    Peer(other.code, other.name, peer_figure.value, other.population, other == area)
                )
        figures[indicator.pk] = IndicatorFigures(
            code=indicator.code,
            name=indicator.name,
            unit=indicator.unit,
            unit_label=indicator.get_unit_display(),
            polarity=indicator.polarity,
            polarity_label=indicator.get_polarity_display(),
            frequency=indicator.frequency,
            figure=figure,
            previous=previous,
            comparison=compare(figure, previous, unit=indicator.unit, polarity=indicator.polarity),
            series=tuple(series),
            chart=tuple(chart),
            breaks_at=tuple(breaks_at),
            spc=latest_spc(series, chart, breaks_at),
            definition=definition.text if definition else "",
            definition_from=definition.valid_from if definition else None,
            notes=tuple(notes[indicator.pk]),
            breaks=tuple(breaks[indicator.pk]),
            peers=tuple(sorted(peer_figures, key=lambda peer: peer.name)),
        )
    return DataPack(
        plan_slug=plan.slug,
        plan_title=plan.title,
        plan_area=plan.area,
        period=period,
        previous_period=previous_period,
        area=_choice(area),
        areas=tuple(_choice(choice) for choice in areas),
        themes=tuple(
            ThemeFigures(theme.name, tuple(figures[i.pk] for i in theme.indicators.all()))
            for theme in themes
        ),
    )


def observations_for_export() -> Iterator[tuple]:
    """Every observation as (indicator, area code, area name, period, value, numerator,
    denominator), by indicator, area and date; streamed, so millions of rows fit in memory."""
    return (
        Observation.objects.order_by("indicator__code", "area__code", "starts", "period")
        .values_list(
            "indicator__code",
            "area__code",
            "area__name",
            "period",
            "value",
            "numerator",
            "denominator",
        )
        .iterator(chunk_size=5000)
    )
