"""Direction of travel: computed from two statuses, never typed. No Django here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    DETERIORATING = "deteriorating"
    NEW = "new"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return DIRECTION_TEXT[self][1]

    @property
    def arrow(self) -> str:
        return DIRECTION_TEXT[self][0]


DIRECTION_TEXT = {
    Direction.IMPROVING: ("↑", "Improving"),
    Direction.NO_CHANGE: ("→", "No change"),
    Direction.DETERIORATING: ("↓", "Deteriorating"),
    Direction.NEW: ("★", "New"),
    Direction.COMPLETED: ("✓", "Completed"),
}


@dataclass(frozen=True)
class StatusPoint:
    """What direction of travel needs to know of a RAG status."""

    rank: int  # higher is better
    is_complete: bool = False


def direction_of_travel(
    previous: StatusPoint | None, current: StatusPoint | None
) -> Direction | None:
    """Compare an action's approved status now with its status in the previous published period.

    None when there is no current status to judge. *Completed* wins over every comparison;
    *new* when nothing was reported before; otherwise the ranks decide.
    """
    if current is None:
        return None
    if current.is_complete:
        return Direction.COMPLETED
    if previous is None:
        return Direction.NEW
    if current.rank > previous.rank:
        return Direction.IMPROVING
    if current.rank < previous.rank:
        return Direction.DETERIORATING
    return Direction.NO_CHANGE
