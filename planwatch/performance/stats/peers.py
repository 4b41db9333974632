"""Comparing a force with its peers (its Most Similar Group): rates and league positions."""

from __future__ import annotations

import math
from collections.abc import Mapping

from planwatch.performance.stats.significance import Polarity, check_polarity


def rate_per_1000(count: float, population: float | None) -> float | None:
    """count per 1,000 population; None when the population is unknown or not positive."""
    if population is None or population <= 0:
        return None
    return count * 1000 / population


def peer_positions(
    values: Mapping[str, float | None], *, polarity: Polarity = "neither"
) -> dict[str, int]:
    """Position of each peer, 1 being the best: the lowest value when *polarity* is "lower",
    else the highest ("higher", or "neither" where position 1 is simply the largest).

    Ties share a position and the next one is skipped (1, 2, 2, 4), as in a league table.
    Peers whose value is None or NaN (no data) are left out.
    """
    check_polarity(polarity)
    known = {name: v for name, v in values.items() if v is not None and not math.isnan(v)}
    ordered = sorted(known.values(), reverse=polarity != "lower")
    first_position: dict[float, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_position.setdefault(value, position)
    return {name: first_position[value] for name, value in known.items()}
