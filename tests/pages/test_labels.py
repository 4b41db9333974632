"""The labels public pages show from Python are listed for translation (planwatch/pages/labels.py)
and have a Welsh translation: a state, kind or unit added to a model without one fails here."""

from __future__ import annotations

import pytest
from django.utils import translation

from planwatch.assurance.models import InspectionKind, RecommendationKind, ResponseState
from planwatch.assurance.states import Status
from planwatch.delivery.direction import Direction
from planwatch.delivery.models import ActionState, PeriodState, UpdateState
from planwatch.governance.models import MeetingStatus, PaperKind
from planwatch.pages.labels import LABELS
from planwatch.performance.models import Frequency, Polarity, Unit
from planwatch.plans.models import PlanStatus

SHOWN = {
    choices.__name__: list(choices.labels)
    for choices in (
        PlanStatus,
        PeriodState,
        ActionState,
        UpdateState,
        MeetingStatus,
        PaperKind,
        Status,
        InspectionKind,
        ResponseState,
        RecommendationKind,
        Unit,
        Polarity,
        Frequency,
    )
} | {"Direction": [direction.label for direction in Direction]}


@pytest.mark.parametrize("shown_by", SHOWN)
def test_each_label_shown_is_listed_and_said_in_welsh(shown_by):
    for label in SHOWN[shown_by]:
        assert label in LABELS, f"{shown_by}: {label!r} is not in pages/labels.py"
        if label.isupper():
            continue  # an acronym (PEEL) is the same in Welsh
        with translation.override("cy"):
            assert translation.gettext(label) != label, f"{label!r} has no Welsh"
