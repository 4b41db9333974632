"""While a variation is in hand, those who may not read it see the Plan in force everywhere:
the theme pages, the Delivery Plan's grouping and "You said, we did" use the wording as
published; a theme or objective the variation adds is not shown to them."""

from __future__ import annotations

import pytest

from planwatch.consultation.models import HeardPriority
from planwatch.consultation.services import priority_save
from planwatch.delivery.models import PeriodState
from planwatch.plans import lifecycle
from planwatch.plans.services import objective_create, part_update, theme_create
from tests.delivery.conftest import _advance

NEW_TEXT = "Secret wording of the variation in hand"


@pytest.fixture
def varied(published_plan, officer, make_action, make_period, make_update):
    """The published Plan with a reported action under an objective, then a variation that
    rewords that objective and adds a theme."""
    objective = published_plan.themes.get(name="Victims").objectives.first()
    action = make_action("V7.1", objective=objective, lead_name="Head of Victim Services")
    period = make_period("2018-19-q1")
    make_update(action, period, "G")
    _advance(period, PeriodState.PUBLISHED)
    old_text = objective.text
    lifecycle.variation_start(plan=published_plan, reason="Rewording", by=officer)
    part_update(part=objective, by=officer, text=NEW_TEXT)
    added = theme_create(plan=published_plan, name="Secret new theme", aim="Aim", by=officer)
    objective_create(theme=added, text="Secret new objective", by=officer)
    return published_plan, objective, old_text, added


def test_the_public_theme_page_shows_the_wording_in_force(client, officer, varied):
    plan, objective, old_text, added = varied
    page = client.get(f"/plans/{plan.slug}/themes/{objective.theme_id}/").text
    assert old_text in page and NEW_TEXT not in page
    assert client.get(f"/plans/{plan.slug}/themes/{added.pk}/").status_code == 404
    client.force_login(officer)
    assert NEW_TEXT in client.get(f"/plans/{plan.slug}/themes/{objective.theme_id}/").text


def test_the_public_delivery_plan_groups_under_the_wording_in_force(client, officer, varied):
    plan, _, old_text, _ = varied
    page = client.get(f"/plans/{plan.slug}/delivery/2018-19-q1/").text
    assert "V7.1" in page and old_text in page and NEW_TEXT not in page
    client.force_login(officer)
    assert NEW_TEXT in client.get(f"/plans/{plan.slug}/delivery/2018-19-q1/").text


def test_you_said_we_did_shows_neither_drafts_nor_draft_plans(client, officer, varied, draft_plan):
    plan, objective, old_text, added = varied
    hidden = draft_plan.themes.first().objectives.first()
    part_update(part=hidden, by=officer, text="An objective of a Plan still in draft")
    priority_save(
        priority=HeardPriority(),
        by=officer,
        source="survey",
        text="Look after victims",
        objectives=[objective, added.objectives.get(), hidden],
    )
    page = client.get("/consultation/you-said-we-did/").text
    assert f"We did: {old_text}" in page
    assert NEW_TEXT not in page and "Secret new objective" not in page
    assert hidden.text not in page
