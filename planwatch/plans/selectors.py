"""Reads of Plans. What a user may see is decided here, through the permission rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from planwatch.permissions import visible_plan_statuses
from planwatch.plans.document import IndicatorDoc, ObjectiveDoc, PlanDoc, ThemeDoc
from planwatch.plans.models import Objective, Plan, PlanStatus, PlanVersion, Theme


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


def newest_plan() -> Plan | None:
    """The Plan that new records link to (audit actions, grants, priorities heard): the one
    starting last."""
    return Plan.objects.order_by("-starts").first()


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


@dataclass(frozen=True)
class ShownVersion:
    """What a Plan on a Page shows: a version (None for a Plan that has no versions yet) and
    its text as kept when published, or None when it is the Plan's parts as they are now."""

    version: PlanVersion | None
    document: PlanDoc | None
    newer: PlanVersion | None  # a version after it that this user may read


def shown_version(user: Any, plan: Plan, number: int | None = None) -> ShownVersion:
    """The version to show: the one asked for (404 when this user may not read it), or else
    the current published one, or else (for those who may read drafts) the one in hand."""
    from planwatch.plans.lifecycle import version_document  # lifecycle writes through services

    every = list(plan.versions.all())
    visible = versions_visible_to(user, every)
    if number is not None:
        version = numbered(visible, number)
    else:
        published = [v for v in visible if v.state == PlanStatus.PUBLISHED]
        version = (published or visible or [None])[-1]
    if version is None:
        return ShownVersion(None, None, None)
    newer = next((v for v in reversed(visible) if v.number > version.number), None)
    if version is every[-1]:
        return ShownVersion(version, None, newer)
    return ShownVersion(version, version_document(version, latest=False), newer)


def numbered(versions: list[PlanVersion], number: int) -> PlanVersion:
    """The version with this number among those given (those a user may read); 404 if none."""
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404("No such version")
    return version


def versions_visible_to(user: Any, versions: list[PlanVersion]) -> list[PlanVersion]:
    """Those of a Plan's versions this user may read: the public reads published ones."""
    statuses = visible_plan_statuses(user)
    return [v for v in versions if statuses is None or v.state in statuses]


@dataclass(frozen=True)
class PageTheme:
    """A theme as the Plan on a Page shows it; `pk` is set when it is a live theme's page."""

    name: str
    aim: str
    outcomes: tuple[str, ...]
    objectives: tuple[str, ...]
    pk: int | None = None


def plan_on_a_page(user: Any, plan: Plan, number: int | None = None) -> dict[str, Any]:
    """What the Plan on a Page shows of the version asked for (or the current one)."""
    shown = shown_version(user, plan, number)
    if shown.document is None:
        plan = plan_with_contents(plan.pk)
        themes = [
            PageTheme(
                theme.name,
                theme.aim,
                tuple(o.text for o in theme.outcomes.all()),
                tuple(o.text for o in theme.objectives.all()),
                theme.pk,
            )
            for theme in plan.themes.all()
        ]
    else:
        themes = [
            PageTheme(t.name, t.aim, t.outcomes, tuple(o.text for o in t.objectives))
            for t in shown.document.themes
        ]
    return {"plan": plan, "themes": themes, "shown": shown}
