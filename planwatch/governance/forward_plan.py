"""The forward plan: which expected paper goes to which meeting. Plain data in, plain data out.

An expectation is either for every meeting of a body (the performance report to every BCB) or
for the body's meetings in certain months of the year (delivery monitoring to the Panel in
September, November and March). In a month it is expected, a paper goes to the body's first
meeting that month that is not cancelled, or to one that already has a paper of its kind on the
agenda; with no such meeting it is flagged "no meeting scheduled".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from planwatch.governance.months import Month


@dataclass(frozen=True)
class Expected:
    """A recurring paper: to body ``body``, of ``paper_kind``."""

    body: int
    paper_kind: str
    title: str
    every_meeting: bool = False
    months: frozenset[int] = frozenset()
    ref: object = field(default=None, compare=False)


@dataclass(frozen=True)
class Sitting:
    """A meeting as the forward plan needs it: its body, its (local) day, what is on its agenda."""

    body: int
    day: dt.date
    cancelled: bool = False
    paper_kinds: frozenset[str] = frozenset()
    ref: object = field(default=None, compare=False)

    @property
    def month(self) -> Month:
        return Month.of(self.day)


@dataclass(frozen=True)
class ExpectedPaper:
    month: Month
    expected: Expected
    meeting: Sitting | None
    # A cancelled meeting in that month, which explains why there is no meeting.
    cancelled: Sitting | None = None

    @property
    def on_agenda(self) -> bool:
        return self.meeting is not None and self.expected.paper_kind in self.meeting.paper_kinds

    @property
    def missing(self) -> bool:
        return self.meeting is None


@dataclass(frozen=True)
class ForwardPlan:
    months: list[Month]
    papers: list[ExpectedPaper]
    # Expectations for every meeting of a body that has no meeting at all in the window.
    without_meetings: list[Expected]

    @property
    def missing(self) -> list[ExpectedPaper]:
        return [paper for paper in self.papers if paper.missing]

    @property
    def gaps(self) -> int:
        """How many expected papers have no meeting to go to."""
        return len(self.missing) + len(self.without_meetings)

    def by_month(self) -> list[tuple[Month, list[ExpectedPaper]]]:
        return [(month, [p for p in self.papers if p.month == month]) for month in self.months]


def _choose(held: list[Sitting], paper_kind: str) -> Sitting:
    """The meeting that already has the paper on its agenda, else the first of the month."""
    return next((s for s in held if paper_kind in s.paper_kinds), held[0])


def forward_plan(
    expectations: Iterable[Expected], sittings: Iterable[Sitting], months: Sequence[Month]
) -> ForwardPlan:
    """Every paper expected in ``months``, against the meeting it goes to, in date order.

    ``expectations`` come in the order they are listed in (within a meeting or month).
    """
    window = set(months)
    held_by_body: dict[int, list[Sitting]] = defaultdict(list)
    by_body_month: dict[tuple[int, Month], list[Sitting]] = defaultdict(list)
    for sitting in sorted(sittings, key=lambda s: s.day):
        if sitting.month in window:
            by_body_month[(sitting.body, sitting.month)].append(sitting)
            if not sitting.cancelled:
                held_by_body[sitting.body].append(sitting)

    papers: list[tuple[tuple, ExpectedPaper]] = []
    without_meetings: list[Expected] = []
    for index, expected in enumerate(expectations):
        if expected.every_meeting:
            held = held_by_body[expected.body]
            if not held:
                without_meetings.append(expected)
            for sitting in held:
                paper = ExpectedPaper(sitting.month, expected, sitting)
                papers.append(((sitting.month, sitting.day, index), paper))
            continue
        for month in months:
            if month.month not in expected.months:
                continue
            sittings_then = by_body_month[(expected.body, month)]
            held = [s for s in sittings_then if not s.cancelled]
            if held:
                chosen = _choose(held, expected.paper_kind)
                papers.append(((month, chosen.day, index), ExpectedPaper(month, expected, chosen)))
            else:
                cancelled = sittings_then[0] if sittings_then else None
                paper = ExpectedPaper(month, expected, None, cancelled)
                # Papers with nowhere to go come after the month's meetings.
                papers.append(((month, dt.date.max, index), paper))
    papers.sort(key=lambda pair: pair[0])
    return ForwardPlan(list(months), [paper for _, paper in papers], without_meetings)


def due_next(plan: ForwardPlan, today: dt.date) -> list[tuple[Sitting, list[ExpectedPaper]]]:
    """For each body, its next meeting (today or later) with papers expected, and those papers.

    In date order; bodies with no such meeting are left out.
    """
    firsts: dict[int, Sitting] = {}
    for paper in plan.papers:
        meeting = paper.meeting
        if meeting is not None and meeting.day >= today and meeting.body not in firsts:
            firsts[meeting.body] = meeting
    return [
        (meeting, [paper for paper in plan.papers if paper.meeting is meeting])
        for meeting in sorted(firsts.values(), key=lambda sitting: sitting.day)
    ]
