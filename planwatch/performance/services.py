"""Writes of observations: in bulk, all or nothing, each run recorded with who and when."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from planwatch.accounts.models import User
from planwatch.performance.models import Area, ImportRun, Indicator, Observation
from planwatch.performance.periods import Period
from planwatch.permissions import can

BATCH = 2000  # rows, or statements of many rows, to an executemany


@dataclass(frozen=True)
class Figure:
    """One observation to write."""

    indicator_id: int
    area_id: int
    period: Period
    value: float
    numerator: float | None = None
    denominator: float | None = None


def require_manager(by: User | None) -> None:
    if by is not None and not can(by, "performance.manage"):
        raise PermissionDenied("performance.manage")


# The figures of an import by (indicator id, area id, period slug): (value, numerator,
# denominator). A dict, so that each observation is written once.
Values = dict[tuple[int, int, str], tuple[float, float | None, float | None]]


@transaction.atomic
def observations_write(
    *, figures: Iterable[Figure], kind: str, sources: list[str], by: User | None, rows_read: int = 0
) -> ImportRun:
    """Create or update observations; the same figures written twice change nothing."""
    values: Values = {}
    periods: dict[str, Period] = {}
    for f in figures:
        values[f.indicator_id, f.area_id, f.period.slug] = (f.value, f.numerator, f.denominator)
        periods[f.period.slug] = f.period
    return observation_values_write(
        values=values, periods=periods, kind=kind, sources=sources, by=by, rows_read=rows_read
    )


@transaction.atomic
def observation_values_write(
    *,
    values: Values,
    periods: dict[str, Period],
    kind: str,
    sources: list[str],
    by: User | None,
    rows_read: int = 0,
) -> ImportRun:
    """As observations_write, for figures already keyed by indicator, area and period slug (an
    import's hundred thousand figures need no object each); `periods` gives each slug's dates."""
    require_manager(by)
    run = ImportRun.objects.create(
        kind=kind, sources="\n".join(sources), by=by, rows_read=rows_read or len(values)
    )
    indicators = {indicator for indicator, _, _ in values}
    existing = {
        (indicator, area, period): (value, numerator, denominator, pk)
        for indicator, area, period, value, numerator, denominator, pk in (
            Observation.objects.filter(indicator_id__in=indicators).values_list(
                "indicator_id", "area_id", "period", "value", "numerator", "denominator", "id"
            )
        )
    }
    new = {key: figure for key, figure in values.items() if key not in existing}
    changed = [
        (*figure, existing[key][3])
        for key, figure in values.items()
        if key in existing and existing[key][:3] != figure
    ]
    _insert(new, periods, run)
    _update(changed, run)
    run.created, run.updated = len(new), len(changed)
    run.unchanged = len(values) - len(new) - len(changed)
    run.save(update_fields=["created", "updated", "unchanged"])
    return run


# Imports write figures by the hundred thousand: plain INSERT and UPDATE statements run with
# executemany take a tenth of the time of the ORM's bulk methods, which prepare every field of
# every object in Python. The columns come from the model, so they follow its migrations.
def _columns(*names: str) -> list[str]:
    return [Observation._meta.get_field(name).column for name in names]


def _insert(values: Values, periods: dict[str, Period], run: ImportRun) -> None:
    columns = _columns(
        "indicator",
        "area",
        "period",
        "starts",
        "ends",
        "value",
        "numerator",
        "denominator",
        "source",
        "written_by",
    )
    date = connection.ops.adapt_datefield_value
    dates = {slug: (date(p.starts), date(p.ends)) for slug, p in periods.items()}
    rows = [
        (indicator, area, slug, *dates[slug], *figure, "", run.pk)
        for (indicator, area, slug), figure in values.items()
    ]
    rows.sort(key=itemgetter(0, 1, 2))  # in index order: far fewer pages touched per row
    # Many rows to a statement: half the time of one row each.
    per_statement = min(500, (connection.features.max_query_params or 5000) // len(columns))
    table = connection.ops.quote_name(Observation._meta.db_table)
    one_row = f"({', '.join(['%s'] * len(columns))})"

    def insert(count: int) -> str:
        return (
            f"INSERT INTO {table} ({', '.join(map(connection.ops.quote_name, columns))}) "  # noqa: S608
            f"VALUES {', '.join([one_row] * count)}"
        )

    whole = len(rows) - len(rows) % per_statement
    with connection.cursor() as cursor:
        for start in range(0, whole, BATCH * per_statement):
            stop = min(whole, start + BATCH * per_statement)
            cursor.executemany(
                insert(per_statement),
                [
                    list(chain.from_iterable(rows[i : i + per_statement]))
                    for i in range(start, stop, per_statement)
                ],
            )
        if whole < len(rows):
            cursor.execute(insert(len(rows) - whole), list(chain.from_iterable(rows[whole:])))


def _update(changes: list[tuple], run: ImportRun) -> None:
    """Each change is (value, numerator, denominator, observation id)."""
    value, numerator, denominator, written_by, pk = map(
        connection.ops.quote_name,
        _columns("value", "numerator", "denominator", "written_by", "id"),
    )
    sql = (
        f"UPDATE {connection.ops.quote_name(Observation._meta.db_table)} "  # noqa: S608
        f"SET {value} = %s, {numerator} = %s, {denominator} = %s, {written_by} = %s "
        f"WHERE {pk} = %s"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(changes), BATCH):
            batch = changes[start : start + BATCH]
            cursor.executemany(sql, [(v, n, d, run.pk, pk) for v, n, d, pk in batch])


def indicator_lookup() -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in Indicator.objects.all()}


def area_lookup() -> dict[str, Area]:
    """Areas by ONS code and by data.police.uk force id, case-insensitively."""
    areas: dict[str, Area] = {}
    for area in Area.objects.all():
        areas[area.code.lower()] = area
        if area.police_uk_id:
            areas[area.police_uk_id.lower()] = area
    return areas


def indicators_sync(*, plan, documents, by: User | None) -> None:
    """Create or update the indicators a Plan document lists and link them to its themes.

    Links to other Plans' themes are kept; this Plan's links follow the document.
    """
    themes = {theme.name.casefold(): theme for theme in plan.themes.all()}
    listed = set()
    for doc in documents:
        indicator = Indicator.objects.filter(code=doc.code).first() or Indicator(code=doc.code)
        fields = {
            "name": doc.name,
            "unit": doc.unit,
            "polarity": doc.polarity,
            "frequency": doc.frequency,
        }
        if indicator.pk is None or any(getattr(indicator, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(indicator, name, value)
            indicator.full_clean()
            indicator._history_user = by  # type: ignore[attr-defined]
            indicator.save()
        wanted = {themes[name.casefold()].pk for name in doc.themes}
        current = set(indicator.themes.filter(plan=plan).values_list("pk", flat=True))
        if wanted != current:
            indicator.themes.remove(*(current - wanted))
            indicator.themes.add(*(wanted - current))
        listed.add(indicator.pk)
    for indicator in Indicator.objects.filter(themes__plan=plan).exclude(pk__in=listed).distinct():
        indicator.themes.remove(*plan.themes.all())
