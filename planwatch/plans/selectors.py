"""Reads of Plans. What a user may see is decided here, through the permission rules."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from planwatch.permissions import visible_plan_statuses
from planwatch.plans.document import IndicatorDoc, ObjectiveDoc, PlanDoc, ThemeDoc
from planwatch.plans.models import Objective, Plan, PlanStatus, Theme


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    """Every Plan the user may read; the public sees only published ones."""
    statuses = visible_plan_statuses(user)
    plans = Plan.objects.all()
    return plans if statuses is None else plans.filter(status__in=statuses)


def plan_for(user: Any, slug: str) -> Plan:
    """The Plan with this slug if the user may read it; 404 otherwise, so drafts do not leak."""
    plan = plans_visible_to(user).filter(slug=slug).first()
    if plan is None:
        raise Http404("No such Plan")
    return plan


def current_plan_for(user: Any) -> Plan | None:
    """The Plan to show first: the newest published one the user may read, else the newest."""
    plans = plans_visible_to(user)
    return plans.filter(status=PlanStatus.PUBLISHED).first() or plans.first()


def plan_with_contents(plan_id: int) -> Plan:
    """A Plan with every theme, outcome, objective and priority, in five queries."""
    themes = Theme.objects.prefetch_related(
        "outcomes",
        Prefetch("objectives", queryset=Objective.objects.prefetch_related("priorities")),
    )
    return Plan.objects.prefetch_related(Prefetch("themes", queryset=themes)).get(pk=plan_id)


def plan_document(plan: Plan) -> PlanDoc:
    """The whole Plan as a document, ready to dump."""
    plan = plan_with_contents(plan.pk)
    from planwatch.performance.models import Indicator  # performance builds on plans

    names = {theme.pk: theme.name for theme in plan.themes.all()}
    indicators = tuple(
        IndicatorDoc(
            code=indicator.code,
            name=indicator.name,
            unit=indicator.unit,
            polarity=indicator.polarity,
            frequency=indicator.frequency,
            themes=tuple(names[theme.pk] for theme in indicator.themes.all() if theme.pk in names),
        )
        for indicator in Indicator.objects.filter(themes__plan=plan)
        .distinct()
        .prefetch_related("themes")
        .order_by("code")
    )
    return PlanDoc(
        slug=plan.slug,
        title=plan.title,
        area=plan.area,
        force=plan.force,
        commissioner=plan.commissioner,
        starts=plan.starts,
        ends=plan.ends,
        status=plan.status,
        indicators=indicators,
        themes=tuple(
            ThemeDoc(
                name=theme.name,
                aim=theme.aim,
                outcomes=tuple(outcome.text for outcome in theme.outcomes.all()),
                objectives=tuple(
                    ObjectiveDoc(
                        text=objective.text,
                        priorities=tuple(p.text for p in objective.priorities.all()),
                    )
                    for objective in theme.objectives.all()
                ),
            )
            for theme in plan.themes.all()
        ),
    )
