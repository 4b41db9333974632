"""A Plan's life: each step in order, with its date, who and a note; publishing keeps the whole
text; a variation is a new version and leaves the published one readable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.plans import lifecycle
from planwatch.plans.lifecycle import step_problem
from planwatch.plans.models import PlanStatus, PlanStep
from planwatch.plans.services import part_update
from tests.plans.fixtures import DAY, OVERRIDE, publish

S = PlanStatus


@pytest.mark.parametrize(
    ("state", "to", "allowed"),
    [
        (S.DRAFT, S.OUT_FOR_COMMENT, True),
        (S.DRAFT, S.PUBLISHED, False),
        (S.DRAFT, S.WITH_PANEL, False),
        (S.OUT_FOR_COMMENT, S.WITH_PANEL, True),
        (S.OUT_FOR_COMMENT, S.APPROVED, False),
        (S.WITH_PANEL, S.APPROVED, True),
        (S.WITH_PANEL, S.PUBLISHED, False),
        (S.APPROVED, S.PUBLISHED, True),
        (S.PUBLISHED, S.DRAFT, False),
        (S.VARIED, S.PUBLISHED, False),
    ],
)
def test_the_steps_go_in_order(state, to, allowed):
    assert (step_problem(state, to, note="a note") is None) is allowed


def test_approval_and_going_back_need_a_note():
    assert "Business Co-ordination Board" in step_problem(S.WITH_PANEL, S.APPROVED, "  ")
    assert "why" in step_problem(S.WITH_PANEL, S.DRAFT, "")
    assert step_problem(S.DRAFT, S.OUT_FOR_COMMENT, "") is None


def test_each_step_is_recorded_with_its_date_who_and_note(draft, officer):
    publish(draft, officer)
    draft.refresh_from_db()
    version = draft.versions.get()
    assert (draft.status, version.state, version.effective_from) == (S.PUBLISHED, S.PUBLISHED, DAY)
    steps = list(version.steps.values_list("state", "on", "note", "by"))
    assert steps == [
        (S.OUT_FOR_COMMENT, DAY, "Sent to partners and the Chief Constable", officer.pk),
        (S.WITH_PANEL, DAY, "Panel meeting 3 February", officer.pk),
        (S.APPROVED, DAY, "BCB decision 2021/04", officer.pk),
        (S.PUBLISHED, DAY, steps[-1][2], officer.pk),
    ]
    assert OVERRIDE in steps[-1][2] and "s7-1-b" in steps[-1][2]  # the override is recorded
    assert "Improve support for victims" in version.document


def test_a_step_out_of_order_changes_nothing(draft, officer):
    with pytest.raises(ValidationError):
        lifecycle.plan_step(plan=draft, to=S.PUBLISHED, on=DAY, by=officer)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert not PlanStep.objects.exists()


@pytest.mark.parametrize("role", ["lead", "panel_member", "auditor"])
def test_only_officers_move_a_plan_on(draft, role, request):
    with pytest.raises(PermissionDenied):
        lifecycle.plan_step(
            plan=draft, to=S.OUT_FOR_COMMENT, on=DAY, by=request.getfixturevalue(role)
        )


def test_a_variation_keeps_the_published_text_until_it_is_published(draft, officer, client):
    publish(draft, officer)
    objective = draft.themes.get().objectives.get()
    with pytest.raises(ValidationError):
        lifecycle.variation_start(plan=draft, reason=" ", by=officer)
    version = lifecycle.variation_start(plan=draft, reason="Add witnesses", by=officer)
    assert (version.number, version.state) == (2, S.DRAFT)
    part_update(part=objective, by=officer, text="Improve support for victims and witnesses")
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED  # the public still reads the Plan while it is varied

    public = client.get("/plans/northmoor-2021/").text
    assert "Improve support for victims<" in public and "and witnesses" not in public
    assert client.get("/plans/northmoor-2021/versions/2/").status_code == 404

    for to, note in ((S.OUT_FOR_COMMENT, ""), (S.WITH_PANEL, ""), (S.APPROVED, "BCB 2022/1")):
        lifecycle.plan_step(plan=draft, to=to, on=dt.date(2022, 1, 10), note=note, by=officer)
    lifecycle.plan_step(
        plan=draft, to=S.PUBLISHED, on=dt.date(2022, 2, 1), override=OVERRIDE, by=officer
    )
    states = dict(draft.versions.values_list("number", "state"))
    assert states == {1: S.VARIED, 2: S.PUBLISHED}
    assert "Improve support for victims and witnesses" in client.get("/plans/northmoor-2021/").text
    old = client.get("/plans/northmoor-2021/versions/1/").text
    assert "Improve support for victims<" in old and "This version has been varied" in old


def test_only_a_published_plan_is_varied(draft, officer):
    with pytest.raises(ValidationError):
        lifecycle.variation_start(plan=draft, reason="Too early", by=officer)
