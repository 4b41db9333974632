"""Reads of grants: the list with its filters, and totals by scheme, financial year and theme."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from planwatch.grants.models import Grant
from planwatch.plans.models import Objective

NO_THEME = "No objective given"


@dataclass(frozen=True)
class Total:
    label: str
    grants: int
    amount: Decimal


def grants(*, scheme: int | None = None, year: str | None = None) -> list[Grant]:
    """Grants, newest first, with scheme and objectives (and their themes) in three queries;
    `year` is a financial year such as "2021/22"."""
    found: QuerySet[Grant] = Grant.objects.select_related("scheme").prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.select_related("theme"))
    )
    if scheme:
        found = found.filter(scheme_id=scheme)
    rows = list(found)
    return [g for g in rows if g.financial_year == year] if year else rows


def _totals(pairs) -> list[Total]:
    count: defaultdict[str, int] = defaultdict(int)
    amount: defaultdict[str, Decimal] = defaultdict(Decimal)
    for label, grant in pairs:
        count[label] += 1
        amount[label] += grant.amount
    return [Total(label, count[label], amount[label]) for label in sorted(count)]


def totals(rows: list[Grant]) -> dict[str, list[Total]]:
    """Totals by scheme, by financial year and by theme. A grant serving objectives under
    several themes counts once under each of them, so theme totals may add up to more than
    the overall total."""

    def themes(grant: Grant) -> set[str]:
        return {o.theme.name for o in grant.objectives.all()} or {NO_THEME}

    return {
        "scheme": _totals((g.scheme.name, g) for g in rows),
        "year": _totals((g.financial_year, g) for g in rows),
        "theme": _totals((name, g) for g in rows for name in themes(g)),
        "all": _totals(("All grants", g) for g in rows),
    }
