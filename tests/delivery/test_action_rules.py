"""Saving an action through the services: only OPCC staff may, its lead must have the Lead
role and its objective must belong to its theme."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.delivery.models import Action
from planwatch.delivery.services import action_save


class TestActions:
    def test_the_lead_must_have_the_lead_role(self, make_action, officer):
        with pytest.raises(ValidationError, match="Lead role"):
            make_action("V1.8", lead=officer)

    def test_the_objective_must_belong_to_the_actions_theme(self, make_action, published_plan):
        first, second = published_plan.themes.order_by("order")[:2]

        with pytest.raises(ValidationError, match="the action's theme"):
            make_action("V1.8", theme=first, objective=second.objectives.first())

    def test_only_opcc_staff_save_actions(self, published_plan, theme, lead):
        with pytest.raises(PermissionDenied):
            action_save(action=Action(plan=published_plan), by=lead, theme=theme, reference="X")
