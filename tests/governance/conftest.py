"""Governance fixtures: the three default bodies, and dates relative to today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from planwatch.governance.models import Body
from tests.governance import builders


@pytest.fixture
def bodies(db) -> dict[str, Body]:
    return builders.bodies()


@pytest.fixture
def panel(bodies) -> Body:
    return bodies[builders.PANEL]


@pytest.fixture
def bcb(bodies) -> Body:
    return bodies[builders.BCB]


@pytest.fixture
def jac(bodies) -> Body:
    return bodies[builders.JAC]


@pytest.fixture
def next_september() -> dt.date:
    """8 September next year: always in the future, and in British Summer Time."""
    return dt.date(timezone.localdate().year + 1, 9, 8)
