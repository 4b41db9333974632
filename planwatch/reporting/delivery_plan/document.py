"""Appendix 1 of the Panel report, the Delivery Plan, as XLSX, DOCX, tagged PDF or HTML.

Rendering reads only the DeliveryPlan the selector loaded; it never queries the database.
Every format says each status in words as well as colour.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import PRINT_COLOURS, RagStatus, UpdateState
from planwatch.delivery.selectors import DeliveryPlan, Row

TITLE = "Appendix 1: Delivery Plan"
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)
EXTENSIONS = {fmt: f".{fmt}" for fmt in FORMATS}
COLUMNS = ("Ref", "Action", "Lead", "Due", "Status", "Direction of travel", "Commentary")
DIRECTION_MEANINGS = {
    Direction.IMPROVING: "The status is better than in the previous published period.",
    Direction.NO_CHANGE: "The status is the same as in the previous published period.",
    Direction.DETERIORATING: "The status is worse than in the previous published period.",
    Direction.NEW: "The action had no approved status in the previous published period.",
    Direction.COMPLETED: "The action has been completed.",
}
INK = "#0b0c0c"
NO_STATUS_FILL = "#ffffff"
# Characters XML (so DOCX and XLSX) cannot hold: C0 controls other than tab, newline, return.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Status:
    """A RAG status as printed: its words, and colours with enough contrast to read."""

    code: str
    label: str
    meaning: str
    colour_name: str
    fill: str
    ink: str
    css_class: str


@dataclass(frozen=True)
class Line:
    """One action as printed."""

    theme: str
    objective: str
    reference: str
    title: str
    lead: str
    due: dt.date | None
    due_text: str
    status: Status
    status_text: str
    previous_status: str
    direction: str
    commentary: str


@dataclass(frozen=True)
class Group:
    heading: str
    lines: list[Line]


@dataclass(frozen=True)
class Section:
    theme: str
    groups: list[Group]


@dataclass(frozen=True)
class Doc:
    """Everything the four formats print, as plain text and colours."""

    title: str
    plan_title: str
    author: str
    period_label: str
    compared_with: str
    draft: bool
    status_counts: list[tuple[Status, int]]
    overview: str
    direction_counts: list[tuple[str, int]]
    sections: list[Section]
    key: list[Status]
    directions: list[tuple[str, str, str]]

    @property
    def document_title(self) -> str:
        draft = " (draft)" if self.draft else ""
        return f"{self.title}{draft}: {self.plan_title}, {self.period_label}"

    @property
    def lines(self) -> list[Line]:
        return [line for s in self.sections for g in s.groups for line in g.lines]


def delivery_plan_filename(data: DeliveryPlan, fmt: str) -> str:
    """For example northmoor-2017-20-2018-19-q1-delivery-plan.pdf."""
    return f"{data.plan.slug}-{data.period.slug}-delivery-plan{EXTENSIONS[fmt]}"


def uk_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _text(value: str) -> str:
    return UNWRITABLE.sub("", value)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink_for(fill: str) -> str:
    """White or near-black text, whichever contrasts more with the fill."""
    light = _luminance(fill) + 0.05
    return "#ffffff" if 1.05 / light > light / (_luminance(INK) + 0.05) else INK


def _status(rag: RagStatus, index: int) -> Status:
    fill = PRINT_COLOURS[rag.colour]
    return Status(
        rag.code,
        _text(rag.label),
        _text(rag.meaning),
        rag.get_colour_display(),
        fill,
        ink_for(fill),
        f"rag-{index}",
    )


DRAFT_NOTE = "Draft: not yet published. It may include updates that are not yet approved."
NO_STATUS = Status("", "No update", "No update for this period", "None", NO_STATUS_FILL, INK, "")


def _line(row: Row, theme: str, objective: str, statuses: dict[str, Status]) -> Line:
    action, update = row.action, row.update
    status = statuses[row.rag.code] if row.rag else NO_STATUS
    status_text = status.label
    if update is not None and update.state != UpdateState.APPROVED:
        status_text += f" ({update.get_state_display().lower()})"
    direction = row.direction
    if direction is not None:
        direction_text = f"{direction.arrow} {direction.label}"
    elif update is None:
        direction_text = "Not assessed"
    else:
        direction_text = "Not yet approved"
    return Line(
        theme=theme,
        objective=objective,
        reference=_text(action.reference),
        title=_text(action.title),
        lead=_text(action.lead_display) or "Not assigned",
        due=action.due,
        due_text=uk_date(action.due) if action.due else "Not set",
        status=status,
        status_text=status_text,
        previous_status=_text(row.previous_rag.label) if row.previous_rag else "",
        direction=direction_text,
        commentary=_text(update.commentary) if update else "",
    )


def delivery_plan_document(data: DeliveryPlan) -> Doc:
    """The DeliveryPlan as the plain text and colours every format prints."""
    key = [_status(rag, index) for index, rag in enumerate(data.key)]
    statuses = {status.code: status for status in key}
    sections = []
    for theme in data.themes:
        name = _text(theme.name)
        groups = []
        for group in theme.groups:
            objective = _text(group.text) if group.text else ""
            heading = f"Objective: {objective}" if objective else "Not linked to an objective"
            groups.append(Group(heading, [_line(r, name, objective, statuses) for r in group.rows]))
        sections.append(Section(name, groups))
    summary = data.summary
    overview = f"{_count(summary.total, 'action')}."
    if summary.on_track_share is None:
        overview += " No action has a status for this period yet."
    else:
        overview += (
            f" On track: {summary.on_track} of {_count(summary.reported, 'action')} "
            f"with a status ({summary.on_track_share:.0%})."
        )
    previous = data.previous_period
    return Doc(
        title=TITLE,
        plan_title=_text(data.plan.title),
        author=_text(f"Office of the Police and Crime Commissioner for {data.plan.area}"),
        period_label=data.period.label,
        compared_with=(
            f"Direction of travel compares each action's approved status with {previous.label}."
            if previous
            else "There is no earlier published period, so every status is new."
        ),
        draft=not data.period.is_published
        or any(r.update and r.update.state != UpdateState.APPROVED for r in summary.rows),
        status_counts=[
            (statuses[rag.code] if rag else NO_STATUS, count) for rag, count in summary.counts
        ],
        overview=overview,
        direction_counts=[(f"{d.arrow} {d.label}", count) for d, count in summary.directions],
        sections=sections,
        key=key,
        directions=[(d.arrow, d.label, DIRECTION_MEANINGS[d]) for d in Direction],
    )
