"""What the paper builder tests share: a Delivery Plan story told over five published quarters
with unapproved and unpublished updates beside it, Cambridgeshire's real March 2018 figures
(data.police.uk) with made-up figures around them, reading a PaperContent, and an independent
judgement of a change.

Everything is written through the services, as the system (``by=None``).
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from scipy import stats

from planwatch.delivery.models import Action, ActionState
from planwatch.delivery.services import action_save, update_approve, update_return, update_save
from planwatch.papers.content import Block, PaperContent, Paragraph, Section
from planwatch.performance.models import Area, Indicator
from planwatch.performance.periods import parse_period
from planwatch.performance.police_uk_import import police_uk_import
from planwatch.performance.services import Figure, observations_write
from planwatch.plans.models import Plan
from tests.delivery.builders import action, approved, publish, quarter, rag_key

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
MARCH_2018 = SHARED / "police-uk" / "2018-03-cambridgeshire-street.csv"

YEAR = ("2017-18-q1", "2017-18-q2", "2017-18-q3", "2017-18-q4")
AFTER = "2018-19-q1"  # published, after the financial year 2017-18
OPEN = "2018-19-q2"  # open for updates: nothing in it is published


@dataclass(frozen=True)
class Story:
    """An action and the status (RAG code) approved for it in each published quarter."""

    reference: str
    theme: str
    objective: int | None  # index of the theme's objective; None for no objective
    statuses: dict[str, str] = field(default_factory=dict)
    withdrawn: bool = False

    def commentary(self, quarter: str) -> str:
        return f"{self.reference} in {quarter}: {self.statuses[quarter]} as reported."


STORIES = (
    Story("V1.1", "Victims", 0, dict(zip((*YEAR, AFTER), "AGGCC", strict=True))),
    Story("V1.2", "Victims", 0, dict(zip((*YEAR, AFTER), "GGARA", strict=True))),
    Story("V2.1", "Victims", 1, {"2017-18-q2": "NS", "2017-18-q3": "A"}),
    Story("O1.1", "Offenders", 0, dict(zip((*YEAR, AFTER), "GGGGC", strict=True))),
    Story("C1.1", "Communities", None, {AFTER: "G"}),
    Story("C2.1", "Communities", 1),
    Story("T1.1", "Transformation", 0, withdrawn=True),
)
# Updates no paper may show: (reference, quarter, state, commentary).
HIDDEN = (
    ("C2.1", "2017-18-q3", "draft", "HIDDEN draft left in a published quarter"),
    ("C2.1", "2017-18-q4", "returned", "HIDDEN update returned in a published quarter"),
    ("V1.1", OPEN, "approved", "HIDDEN approved in a quarter not yet published"),
    ("V1.2", OPEN, "submitted", "HIDDEN submitted and awaiting review"),
    ("V2.1", OPEN, "draft", "HIDDEN draft in the open quarter"),
)


def delivery_story(plan: Plan) -> dict[str, Action]:
    """The STORIES reported in five published quarters, the HIDDEN updates beside them and
    the OPEN quarter after them."""
    key = rag_key(plan)
    actions = {
        s.reference: action(
            plan,
            s.reference,
            theme=s.theme,
            objective=s.objective,
            lead_name=f"Lead of {s.reference}",
        )
        for s in STORIES
    }
    for slug in (*YEAR, AFTER, OPEN):
        period = quarter(plan, slug)
        for story in STORIES:
            if slug in story.statuses:
                approved(
                    actions[story.reference], period, story.statuses[slug], story.commentary(slug)
                )
        for reference, when, state, commentary in HIDDEN:
            if when == slug:
                update = update_save(
                    action=actions[reference], period=period, rag=key["G"],
                    commentary=commentary, by=None, submit=state != "draft",
                )  # fmt: skip
                if state == "approved":
                    update_approve(update=update, by=None)
                elif state == "returned":
                    update_return(update=update, reason="Add the figures.", by=None)
        if slug != OPEN:
            publish(period)
    for story in STORIES:
        if story.withdrawn:
            action_save(action=actions[story.reference], by=None, state=ActionState.WITHDRAWN)
    return actions


def latest_codes(stories, quarters) -> dict[str, str | None]:
    """Each action's last status among the quarters, worked out from the stories alone."""
    found = {}
    for story in stories:
        reported = [story.statuses[q] for q in quarters if q in story.statuses]
        found[story.reference] = reported[-1] if reported else None
    return found


def street_counts(path: Path = MARCH_2018) -> Counter:
    """Rows by crime type in a data.police.uk street file, counted here from the CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return Counter(row["Crime type"] for row in csv.DictReader(handle))


def cambridgeshire(plan: Plan) -> Area:
    """The Plan pointed at Cambridgeshire, with its real March 2018 figures imported."""
    area = Area.objects.create(
        code="E23000023", name="Cambridgeshire", kind="force", police_uk_id="cambridgeshire"
    )
    Plan.objects.filter(pk=plan.pk).update(force="cambridgeshire")
    plan.refresh_from_db()
    police_uk_import(paths=[MARCH_2018], by=None)
    return area


def write(code: str, area: Area, figures: dict[str, float | tuple[int, int]]) -> None:
    """Observations by period: a count, or (numerator, denominator) for a percentage."""
    indicator = Indicator.objects.get(code=code)
    rows = []
    for slug, figure in figures.items():
        if isinstance(figure, tuple):
            rows.append(
                Figure(
                    indicator.pk, area.pk, parse_period(slug), 100 * figure[0] / figure[1], *figure
                )
            )
        else:
            rows.append(Figure(indicator.pk, area.pk, parse_period(slug), figure))
    observations_write(figures=rows, kind="test", sources=[], by=None)


def count_judgement(this: int, last: int, polarity: str) -> str:
    """Improving, deteriorating or no significant change, by scipy's exact binomial test."""
    p = stats.binomtest(this, this + last, 0.5).pvalue
    return _judged(p, this > last, polarity)


def proportion_judgement(x1: int, n1: int, x2: int, n2: int, polarity: str) -> str:
    pooled = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return _judged(2 * stats.norm.sf(abs(z)), z > 0, polarity)


def _judged(p: float, went_up: bool, polarity: str) -> str:
    if p >= 0.05:
        return "no significant change"
    return "improving" if went_up == (polarity == "higher") else "deteriorating"


def sections(content: PaperContent) -> Iterator[Section]:
    """Every section, appendix and subsection, in reading order."""

    def walk(items):
        for item in items:
            yield item
            yield from walk(item.subsections)

    yield from walk((*content.sections, *content.appendices))


def blocks(item: PaperContent | Section) -> Iterator[Block]:
    found = sections(item) if isinstance(item, PaperContent) else _under(item)
    for each in found:
        yield from each.blocks


def _under(item: Section) -> Iterator[Section]:
    yield item
    for sub in item.subsections:
        yield from _under(sub)


def section_named(content: PaperContent, number: str) -> Section:
    return next(s for s in sections(content) if s.number == number)


def editable(content: PaperContent) -> dict[str, Paragraph]:
    return {b.editable: b for b in blocks(content) if isinstance(b, Paragraph) and b.editable}


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def a_paper(**narrative: str) -> SimpleNamespace:
    """A stand-in for the Paper model: the narrative and the heading fields a builder reads."""
    return SimpleNamespace(
        narrative=narrative,
        title="",
        body="Northmoor Police and Crime Panel",
        meeting_date=parse_period("2018-09").starts.replace(day=12),
        agenda_item="7",
        public=True,
        report_of="Police and Crime Commissioner for Northmoor",
        contact_officer="Dana Grey",
        contact_details="opcc@northmoor.example 0300 000 0000",
    )
