"""Reads of indicators. Who may see which is decided by the Plans they measure."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from planwatch.performance.models import Indicator
from planwatch.permissions import visible_plan_statuses
from planwatch.plans.models import Theme


def indicators_visible_to(user: Any) -> QuerySet[Indicator]:
    """Staff and auditors see every indicator; others only those measuring a Plan they may read.

    So an indicator that only a draft Plan uses stays hidden, as the draft does.
    """
    statuses = visible_plan_statuses(user)
    indicators = Indicator.objects.all()
    if statuses is None:
        return indicators
    return indicators.filter(themes__plan__status__in=statuses).distinct()


def indicator_for(user: Any, code: str) -> Indicator:
    """The indicator with its definitions, breaks, notes and the themes the user may see; or 404."""
    statuses = visible_plan_statuses(user)
    themes = Theme.objects.select_related("plan").order_by("plan__title", "order", "id")
    if statuses is not None:
        themes = themes.filter(plan__status__in=statuses)
    indicator = (
        indicators_visible_to(user)
        .filter(code=code)
        .prefetch_related("definitions", "breaks", "notes", Prefetch("themes", queryset=themes))
        .first()
    )
    if indicator is None:
        raise Http404("No such indicator")
    return indicator
