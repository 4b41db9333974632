"""Reloading a Plan document changes the Plan in place, so its Delivery Plan survives."""

from __future__ import annotations

import pytest

from planwatch.delivery.models import Action
from planwatch.delivery.services import action_save
from planwatch.demo.loader import DEMO_PLAN
from planwatch.plans.document import DocumentError, parse_plan_document
from planwatch.plans.models import Objective, Outcome, Plan, Priority, Theme
from planwatch.plans.services import plan_load


def _history_rows() -> int:
    return sum(m.history.count() for m in (Plan, Theme, Outcome, Objective, Priority))


@pytest.fixture
def demo_text() -> str:
    return DEMO_PLAN.read_text(encoding="utf-8")


@pytest.fixture
def action(published_plan) -> Action:
    theme = published_plan.themes.get(name="Victims")
    return action_save(
        action=Action(
            plan=published_plan,
            theme=theme,
            objective=theme.objectives.first(),
            reference="V1.1",
            title="Answer calls faster",
            lead_name="Head of Contact",
        ),
        by=None,
    )


def test_reloading_the_same_document_records_no_change(published_plan, demo_text):
    before = _history_rows()

    plan_load(document=parse_plan_document(demo_text), by=None)

    assert _history_rows() == before


def test_reloading_keeps_the_actions_and_their_objective(published_plan, action, demo_text):
    changed = demo_text.replace(
        "aim: People harmed by crime get the help they need",
        "aim: Everyone harmed by crime gets the help they need",
    )

    plan_load(document=parse_plan_document(changed), by=None)

    action.refresh_from_db()
    assert action.theme.aim.startswith("Everyone harmed by crime")
    assert action.objective is not None
    assert action.objective.text == action.theme.objectives.first().text


def test_a_new_objective_is_added_and_a_dropped_one_removed(published_plan, demo_text):
    old = "Keep victims informed as their case moves through the justice system."
    new = "Tell victims about every step of their case."
    plan_load(document=parse_plan_document(demo_text.replace(old, new)), by=None)

    texts = list(
        Objective.objects.filter(theme__plan=published_plan).values_list("text", flat=True)
    )
    assert new in texts
    assert old not in texts


def test_dropping_a_theme_with_actions_is_refused_and_nothing_changes(
    published_plan, action, demo_text
):
    victims = demo_text.index("  - name: Victims")
    offenders = demo_text.index("  - name: Offenders")
    # The indicators name Victims too, so they are left out of this document.
    without_victims = demo_text[:victims] + demo_text[offenders : demo_text.index("indicators:")]
    before = _history_rows()

    with pytest.raises(DocumentError, match="Victims.*1 action"):
        plan_load(document=parse_plan_document(without_victims), by=None)

    assert Action.objects.filter(pk=action.pk).exists()
    assert published_plan.themes.filter(name="Victims").exists()
    assert _history_rows() == before


def test_dropping_a_theme_without_actions_removes_it(published_plan, demo_text):
    start = demo_text.index("  - name: Transformation")
    plan_load(document=parse_plan_document(demo_text[:start]), by=None)

    assert list(published_plan.themes.values_list("name", flat=True)) == [
        "Victims",
        "Offenders",
        "Communities",
    ]
