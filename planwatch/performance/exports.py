"""The data pack and the observations as plain rows: JSON for the CLI, CSV for spreadsheets."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from planwatch.performance.selectors import DataPack

OBSERVATION_COLUMNS = (
    "indicator",
    "area",
    "area name",
    "period",
    "value",
    "numerator",
    "denominator",
)


def indicator_rows(pack: DataPack) -> list[dict[str, Any]]:
    """One row per indicator for the pack's period and area.

    judgement is the tested change ("significant increase", "significant decrease",
    "comparable" or "not tested"); direction what it means by the indicator's polarity
    ("improving", "deteriorating", "no significant change", or None). spc is the control
    chart's reading of the latest point; its mean and limits are None when there are fewer
    than two figures.
    """
    rows = []
    for figures in pack.indicators:
        spc = figures.spc
        rows.append(
            {
                "code": figures.code,
                "name": figures.name,
                "area": pack.area.code,
                "area_name": pack.area.name,
                "period": pack.period.slug,
                "value": figures.figure.value if figures.figure else None,
                "previous_period": pack.previous_period.slug,
                "previous_year_value": figures.previous.value if figures.previous else None,
                "test": figures.comparison.test,
                "p_value": figures.comparison.p_value,
                "judgement": figures.comparison.change,
                "direction": figures.comparison.direction,
                "spc": {
                    "period": spc.period if spc else None,
                    "mean": spc.mean if spc else None,
                    "lower": spc.lower if spc else None,
                    "upper": spc.upper if spc else None,
                    "signals": list(spc.signals) if spc else [],
                    "variation": spc.variation if spc else None,
                    "points": spc.points if spc else len(figures.series),
                    "since": spc.since if spc else None,
                },
            }
        )
    return rows


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def observations_csv(rows: Iterable[tuple], handle: IO[str]) -> int:
    """Write the rows under OBSERVATION_COLUMNS; the file imports back as it is."""
    writer = csv.writer(handle)
    writer.writerow(OBSERVATION_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_cell(value) for value in row])
        count += 1
    return count
