"""The Plan documents the plan-load and plan-dump tests write, and how they run and read.

``PLAN`` has two themes, ``REPLACEMENT`` one; ``load`` and ``dump`` call the commands,
``row_counts`` and ``contents`` read what is in the database.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command

from planwatch.plans.models import Objective, Outcome, Plan, Priority, Theme

# Two themes, deliberately not in alphabetical order, so order is checked, not sorting.
#  1 slug ... 8 status  9 themes  10 - name Zebra crossings  11 aim  12 outcomes ...
PLAN = """\
slug: test-plan
title: Test Police and Crime Plan 2021-24
area: Testshire
force: testshire
commissioner: Tess Tester
starts: 2021-04-01
ends: 2024-03-31
status: published
themes:
  - name: Zebra crossings
    aim: Roads are safe to cross.
    outcomes:
      - Fewer people are hurt on the roads.
      - Drivers slow down near schools.
    objectives:
      - text: Enforce speed limits near schools.
        priorities:
          - Run speed checks every term.
          - Fit cameras at the worst junctions.
      - text: Teach children to cross safely.
  - name: Anti-social behaviour
    aim: Neighbourhoods are calm.
    outcomes:
      - Fewer reports of nuisance.
    objectives:
      - text: Patrol the hot spots.
        priorities:
          - Map hot spots monthly.
"""

REPLACEMENT = """\
slug: test-plan
title: Test Police and Crime Plan 2021-24 (revised)
area: Testshire
force: testshire
commissioner: Tess Tester
starts: 2021-04-01
ends: 2025-03-31
themes:
  - name: Victims
    aim: Victims get help.
    outcomes: [Victims feel supported.]
    objectives:
      - text: Refer every victim to support.
        priorities: [Refer on the day of report.]
"""

MODELS = (Plan, Theme, Outcome, Objective, Priority)


def write(folder: Path, text: str, name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path | str, **options) -> str:
    out = io.StringIO()
    call_command("plan_load", str(path), stdout=out, **options)
    return out.getvalue()


def dump(slug: str, *args: str) -> str:
    out = io.StringIO()
    call_command("plan_dump", slug, *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every part of a Plan, and of their history."""
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update({f"{model.__name__} history": model.history.count() for model in MODELS})
    return counts


def contents(plan: Plan) -> list[tuple]:
    """Every row under a Plan as plain values, in order, read straight from the tables."""
    rows: list[tuple] = [
        (plan.title, plan.area, plan.force, plan.commissioner, plan.starts, plan.ends, plan.status)
    ]
    for theme in Theme.objects.filter(plan=plan).order_by("order"):
        rows.append(("theme", theme.order, theme.name, theme.aim))
        for outcome in Outcome.objects.filter(theme=theme).order_by("order"):
            rows.append(("outcome", outcome.order, outcome.text))
        for objective in Objective.objects.filter(theme=theme).order_by("order"):
            rows.append(("objective", objective.order, objective.text))
            for priority in Priority.objects.filter(objective=objective).order_by("order"):
                rows.append(("priority", priority.order, priority.text))
    return rows


def replacing(text: str, line: int, new: str) -> str:
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"
