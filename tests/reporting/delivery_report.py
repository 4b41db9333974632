"""What the Delivery Plan report tests share: the actions' stories, running the report
command, what the database says each row should show, and reading the HTML.

The ``plan`` fixture (tests/reporting/conftest.py) reports the STORIES in two published
quarters, PREVIOUS and CURRENT; ``unpublished`` opens UNPUBLISHED after them.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.core.management import call_command

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import Action, Update, UpdateState
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import (
    action_save,
    period_advance,
    period_create,
    rag_key_ensure,
    update_record_approved,
)
from planwatch.plans.models import Plan

PREVIOUS, CURRENT, UNPUBLISHED = "2017-18-q4", "2018-19-q1", "2018-19-q2"


@dataclass(frozen=True)
class Story:
    """One action: where it sits, its status last period and now, and what the report says."""

    reference: str
    theme: str
    objective: int | None  # index of the theme's objective, None for no objective
    before: str | None  # RAG code approved in the previous published period
    now: str | None  # RAG code approved in the current period
    direction: Direction | None
    commentary: str = ""


STORIES = [
    Story("V1.1", "Victims", 0, "A", "G", Direction.IMPROVING, "Call answering is back on target."),
    Story("V1.2", "Victims", 0, "G", "R", Direction.DETERIORATING, "<script>alert(1)</script>"),
    Story("V2.1", "Victims", 1, "G", "G", Direction.NO_CHANGE),
    Story("O1.1", "Offenders", 0, None, "A", Direction.NEW, '=HYPERLINK("http://x")'),
    Story("C1.1", "Communities", None, "A", "C", Direction.COMPLETED, "Done & dusted."),
    Story("T1.1", "Transformation", 0, "G", None, None),
]


def report(plan: Plan, fmt: str, output: Path, *extra: str, period: str = CURRENT) -> str:
    out = io.StringIO()
    call_command(
        "report",
        "delivery-plan",
        "--plan",
        plan.slug,
        "--period",
        period,
        "--format",
        fmt,
        "--output",
        str(output),
        *extra,
        stdout=out,
    )
    return out.getvalue()


def actions_in_order(plan: Plan) -> list[Action]:
    return list(
        plan.actions.select_related("theme", "objective", "lead").order_by(
            "theme__order", "objective__order", "reference"
        )
    )


def current_update(action: Action) -> Update | None:
    return (
        Update.objects.filter(action=action, period__slug=CURRENT, state=UpdateState.APPROVED)
        .select_related("rag")
        .first()
    )


def expected_direction(action: Action) -> str:
    direction = next(s.direction for s in STORIES if s.reference == action.reference)
    return f"{direction.arrow} {direction.label}" if direction else "Not assessed"


class Collector(HTMLParser):
    """Headings, header cells and the text of every row of the actions tables."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.column_headers: list[str] = []
        self.rows: list[list[str]] = []
        self._heading: str | None = None
        self._cell: list[str] | None = None
        self._scope: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._heading = tag
            self.headings.append((tag, ""))
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
            self._scope = dict(attrs).get("scope")

    def handle_endtag(self, tag):
        if tag == self._heading:
            self._heading = None
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell).strip()
            self.rows[-1].append(text)
            if self._scope == "col":
                self.column_headers.append(text)
            self._cell = None

    def handle_data(self, data):
        if self._heading:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)
        if self._cell is not None:
            self._cell.append(data)


def parsed(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def period_published(plan: Plan, slug: str, codes: dict[Action, tuple[str, str]]):
    """Open the quarter, record each action's approved status and commentary, publish it."""
    period = period_create(plan=plan, quarter=parse_quarter(slug), by=None)
    period_advance(period=period, to="open", by=None)
    key = {status.code: status for status in rag_key_ensure(plan=plan, by=None)}
    for action, (code, commentary) in codes.items():
        update_record_approved(
            action=action, period=period, rag=key[code], commentary=commentary, by=None
        )
    period_advance(period=period, to="in_review", by=None)
    return period_advance(period=period, to="published", by=None)


def report_stories(plan: Plan, lead, stories, previous: str, current: str) -> Plan:
    """The Plan with one action per story, reported in two published quarters."""
    rag_key_ensure(plan=plan, by=None)
    actions = {}
    for number, story in enumerate(stories):
        theme = plan.themes.get(name=story.theme)
        objective = None if story.objective is None else theme.objectives.all()[story.objective]
        actions[story] = action_save(
            action=Action(
                plan=plan,
                theme=theme,
                objective=objective,
                reference=story.reference,
                title=f"Action {story.reference}: deliver part {number} of the {story.theme} theme",
                lead=lead if number == 0 else None,
                lead_name="" if number == 0 else f"Head of Team {number}",
                due=dt.date(2019, 3, number + 1),
            ),
            by=None,
        )
    period_published(
        plan, previous, {actions[s]: (s.before, "Earlier.") for s in stories if s.before}
    )
    period_published(plan, current, {actions[s]: (s.now, s.commentary) for s in stories if s.now})
    return plan
