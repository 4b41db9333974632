"""Direction of travel over every pair of statuses in the default RAG key."""

from __future__ import annotations

import itertools

import pytest

from planwatch.delivery.direction import DIRECTION_TEXT, Direction, StatusPoint, direction_of_travel
from planwatch.delivery.services import DEFAULT_RAG_KEY

# code -> (rank, is_complete), read from the default key itself.
KEY = {row[0]: (row[4], row[5]) for row in DEFAULT_RAG_KEY}


def point(code: str) -> StatusPoint:
    rank, complete = KEY[code]
    return StatusPoint(rank=rank, is_complete=complete)


def expected(previous: str, current: str) -> Direction:
    """Worked out independently: finished wins, then compare ranks."""
    current_rank, current_complete = KEY[current]
    previous_rank = KEY[previous][0]
    if current_complete:
        return Direction.COMPLETED
    sign = (current_rank > previous_rank) - (current_rank < previous_rank)
    return {1: Direction.IMPROVING, 0: Direction.NO_CHANGE, -1: Direction.DETERIORATING}[sign]


def test_the_default_key_has_the_five_statuses_and_one_of_them_is_complete():
    assert list(KEY) == ["C", "G", "A", "R", "NS"]
    assert [code for code, (_, complete) in KEY.items() if complete] == ["C"]


@pytest.mark.parametrize(("previous", "current"), list(itertools.product(KEY, repeat=2)))
def test_direction_of_every_pair_of_statuses(previous, current):
    assert direction_of_travel(point(previous), point(current)) == expected(previous, current)


@pytest.mark.parametrize(
    ("previous", "current", "direction"),
    [
        ("A", "G", Direction.IMPROVING),
        ("R", "A", Direction.IMPROVING),
        ("NS", "R", Direction.IMPROVING),
        ("G", "A", Direction.DETERIORATING),
        ("A", "R", Direction.DETERIORATING),
        ("G", "NS", Direction.DETERIORATING),
        ("G", "G", Direction.NO_CHANGE),
        ("R", "R", Direction.NO_CHANGE),
        ("C", "C", Direction.COMPLETED),
        ("R", "C", Direction.COMPLETED),
    ],
)
def test_familiar_cases_read_as_a_person_would_expect(previous, current, direction):
    assert direction_of_travel(point(previous), point(current)) == direction


@pytest.mark.parametrize("current", [code for code in KEY if code != "C"])
def test_an_action_with_no_previous_status_is_new(current):
    assert direction_of_travel(None, point(current)) == Direction.NEW


@pytest.mark.parametrize("previous", [None, *KEY])
def test_a_complete_action_is_completed_whatever_came_before(previous):
    before = None if previous is None else point(previous)

    assert direction_of_travel(before, point("C")) == Direction.COMPLETED


def test_completion_is_judged_by_the_flag_not_the_rank():
    assert direction_of_travel(StatusPoint(rank=9), StatusPoint(rank=0, is_complete=True)) == (
        Direction.COMPLETED
    )
    assert direction_of_travel(StatusPoint(rank=0), StatusPoint(rank=9)) == Direction.IMPROVING


@pytest.mark.parametrize("previous", [None, *KEY])
def test_there_is_no_direction_without_a_current_status(previous):
    before = None if previous is None else point(previous)

    assert direction_of_travel(before, None) is None


@pytest.mark.parametrize(
    ("direction", "label", "arrow"),
    [
        (Direction.IMPROVING, "Improving", "↑"),
        (Direction.NO_CHANGE, "No change", "→"),
        (Direction.DETERIORATING, "Deteriorating", "↓"),
        (Direction.NEW, "New", "★"),
        (Direction.COMPLETED, "Completed", "✓"),
    ],
)
def test_each_direction_has_a_label_and_an_arrow(direction, label, arrow):
    assert direction.label == label
    assert direction.arrow == arrow


def test_every_direction_has_text_and_the_arrows_differ():
    assert set(DIRECTION_TEXT) == set(Direction)
    assert len({direction.arrow for direction in Direction}) == len(Direction)


def test_directions_are_strings_for_templates_and_exports():
    assert Direction("no_change") is Direction.NO_CHANGE
    assert str(Direction.IMPROVING) == "improving"
