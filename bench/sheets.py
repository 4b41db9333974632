"""What the benchmarks share: a spreadsheet Delivery Plan of many actions over some quarters,
in the columns `planwatch delivery-import` takes."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

COLUMNS = ["ref", "theme", "objective", "action", "lead", "due", "period", "rag", "update"]


def write_delivery_sheet(
    plan,
    path: Path,
    *,
    actions: int,
    quarters: Sequence[str],
    row: Callable[[int, int, str, object], dict[str, str]],
) -> Path:
    """One row per action and quarter; `row(n, q, quarter, theme)` gives the ref, action, lead,
    rag and update columns (the theme, an objective of it, due date and period are filled in)."""
    themes = list(plan.themes.prefetch_related("objectives"))
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, fieldnames=COLUMNS)
        out.writeheader()
        for n in range(actions):
            theme = themes[n % len(themes)]
            objective = list(theme.objectives.all())[n % 2].text
            for q, quarter in enumerate(quarters):
                out.writerow(
                    {
                        "theme": theme.name,
                        "objective": objective,
                        "due": "31/03/2020",
                        "period": quarter,
                        **row(n, q, quarter, theme),
                    }
                )
    return path
