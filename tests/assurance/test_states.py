"""Where an agreed action or recommendation may go: closing always needs evidence."""

from __future__ import annotations

import pytest

from planwatch.assurance.states import NEXT, Status, transition_problem

ALL = list(Status)


@pytest.mark.parametrize("current", ALL)
@pytest.mark.parametrize("new", ALL)
def test_only_the_moves_in_the_table_are_allowed(current, new):
    problem = transition_problem(current, new, evidence="Report seen", reason="Because")
    allowed = new == current or new in NEXT[current]
    assert (problem is None) is allowed


@pytest.mark.parametrize("current", [Status.OPEN, Status.IN_PROGRESS, Status.IMPLEMENTED])
def test_nothing_is_closed_without_evidence(current):
    assert "evidence" in transition_problem(current, Status.CLOSED, evidence=" ", reason="")
    assert transition_problem(current, Status.CLOSED, evidence="Minutes of May", reason="") is None


def test_not_accepting_and_reopening_need_a_reason():
    assert "why" in transition_problem(Status.OPEN, Status.NOT_ACCEPTED, evidence="", reason="")
    assert "why" in transition_problem(Status.CLOSED, Status.IN_PROGRESS, evidence="x", reason="")
    assert (
        transition_problem(Status.CLOSED, Status.IN_PROGRESS, evidence="x", reason="Not done")
        is None
    )


def test_a_closed_item_cannot_be_marked_not_accepted():
    assert "cannot become" in transition_problem(
        Status.CLOSED, Status.NOT_ACCEPTED, evidence="x", reason="y"
    )
