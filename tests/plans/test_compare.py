"""Comparing two versions of a Plan, one kind of element at a time and all together."""

from __future__ import annotations

import datetime as dt

from planwatch.plans.compare import compare_plans
from planwatch.plans.document import ObjectiveDoc, PlanDoc, ThemeDoc


def plan(*themes: ThemeDoc) -> PlanDoc:
    return PlanDoc(
        slug="p",
        title="P",
        area="Northmoor",
        force="northmoor",
        commissioner="A Commissioner",
        starts=dt.date(2021, 4, 1),
        ends=dt.date(2025, 3, 31),
        themes=themes,
    )


VICTIMS = ThemeDoc(
    name="Victims",
    aim="Support victims",
    outcomes=("Victims are satisfied", "Fewer repeat victims"),
    objectives=(
        ObjectiveDoc("Improve support", ("Fund a hub", "Train staff")),
        ObjectiveDoc("Cut repeat victimisation", ("Flag repeat callers",)),
    ),
)


def changes(old: PlanDoc, new: PlanDoc) -> list[tuple]:
    return [
        (c.element, c.change, c.theme, c.old, c.new, c.objective) for c in compare_plans(old, new)
    ]


def test_the_same_plan_has_no_changes():
    assert compare_plans(plan(VICTIMS), plan(VICTIMS)) == []


def test_a_theme_added_brings_its_aim_and_contents():
    roads = ThemeDoc(
        "Roads", "Safer roads", ("Fewer deaths",), (ObjectiveDoc("Enforce", ("Vans",)),)
    )
    assert changes(plan(VICTIMS), plan(VICTIMS, roads)) == [
        ("theme", "added", "Roads", "", "Roads", ""),
        ("aim", "added", "Roads", "", "Safer roads", ""),
        ("outcome", "added", "Roads", "", "Fewer deaths", ""),
        ("objective", "added", "Roads", "", "Enforce", ""),
        ("priority", "added", "Roads", "", "Vans", "Enforce"),
    ]


def test_a_theme_removed_lists_what_went_with_it():
    found = changes(plan(VICTIMS), plan())
    assert found[0] == ("theme", "removed", "Victims", "Victims", "", "")
    assert ("objective", "removed", "Victims", "Cut repeat victimisation", "", "") in found
    assert ("priority", "removed", "Victims", "Train staff", "", "Improve support") in found
    assert len(found) == 1 + 1 + 2 + 2 + 3  # theme, aim, outcomes, objectives, priorities


def test_a_renamed_theme_is_changed_not_removed_and_added():
    renamed = ThemeDoc("Victims and witnesses", VICTIMS.aim, VICTIMS.outcomes, VICTIMS.objectives)
    assert changes(plan(VICTIMS), plan(renamed)) == [
        ("theme", "changed", "Victims and witnesses", "Victims", "Victims and witnesses", "")
    ]


def test_aim_outcome_objective_and_priority_changes():
    new = ThemeDoc(
        name="Victims",
        aim="Support every victim",
        outcomes=("Victims are satisfied", "Fewer repeat victims of crime", "Witnesses attend"),
        objectives=(
            ObjectiveDoc("Improve support for victims", ("Fund a hub", "Train all staff")),
        ),
    )
    assert changes(plan(VICTIMS), plan(new)) == [
        ("aim", "changed", "Victims", "Support victims", "Support every victim", ""),
        (
            "outcome",
            "changed",
            "Victims",
            "Fewer repeat victims",
            "Fewer repeat victims of crime",
            "",
        ),
        ("outcome", "added", "Victims", "", "Witnesses attend", ""),
        ("objective", "changed", "Victims", "Improve support", "Improve support for victims", ""),
        (
            "priority",
            "changed",
            "Victims",
            "Train staff",
            "Train all staff",
            "Improve support for victims",
        ),
        ("objective", "removed", "Victims", "Cut repeat victimisation", "", ""),
        ("priority", "removed", "Victims", "Flag repeat callers", "", "Cut repeat victimisation"),
    ]


def test_a_text_inserted_before_others_does_not_shift_them_into_changes():
    new = ThemeDoc(
        "Victims", VICTIMS.aim, ("Witnesses attend", *VICTIMS.outcomes), VICTIMS.objectives
    )
    assert changes(plan(VICTIMS), plan(new)) == [
        ("outcome", "added", "Victims", "", "Witnesses attend", "")
    ]
