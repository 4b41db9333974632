"""The parts of a Plan an officer edits: themes, shared outcomes, objectives, priorities.

One description per kind lets one set of views add, change and remove them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models

from planwatch.plans import services
from planwatch.plans.forms import TextForm, ThemeForm
from planwatch.plans.models import Objective, Outcome, Plan, Priority, Theme


@dataclass(frozen=True)
class PartKind:
    model: type[models.Model]
    label: str
    plan_path: str  # from the part to its Plan, for lookups
    parent_model: type[models.Model] | None
    create: Callable[..., models.Model]
    removes_too: str = ""

    def form(self, plan: Plan, data: Any = None, instance: Any = None) -> forms.BaseForm:
        if self.model is Theme:
            return ThemeForm(data, instance=instance, plan=plan)
        initial = {"text": instance.text} if instance is not None else None
        return TextForm(data, initial=initial, label=self.label.capitalize())

    def find(self, plan: Plan, pk: int) -> Any:
        """The part with this id in this Plan, or None."""
        return self.model.objects.filter(**{self.plan_path: plan}, pk=pk).first()

    def find_parent(self, plan: Plan, pk: int) -> Any:
        """The theme or objective a new part goes under, or None."""
        parent = next(kind for kind in PART_KINDS.values() if kind.model is self.parent_model)
        return parent.find(plan, pk)


PART_KINDS: dict[str, PartKind] = {
    "themes": PartKind(
        Theme,
        "theme",
        "plan",
        None,
        lambda parent, plan, by, name, aim: services.theme_create(
            plan=plan, name=name, aim=aim, by=by
        ),
        removes_too="its shared outcomes, objectives and priorities for action",
    ),
    "outcomes": PartKind(
        Outcome,
        "shared outcome",
        "theme__plan",
        Theme,
        lambda parent, plan, by, text: services.outcome_create(theme=parent, text=text, by=by),
    ),
    "objectives": PartKind(
        Objective,
        "objective",
        "theme__plan",
        Theme,
        lambda parent, plan, by, text: services.objective_create(theme=parent, text=text, by=by),
        removes_too="its priorities for action (actions under it stay under the theme)",
    ),
    "priorities": PartKind(
        Priority,
        "priority for action",
        "objective__theme__plan",
        Objective,
        lambda parent, plan, by, text: services.priority_create(objective=parent, text=text, by=by),
    ),
}
