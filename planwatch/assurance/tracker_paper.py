"""The trackers as a paper for the Joint Audit Committee: counts by status, then each agreed
audit action and inspection recommendation with its owner, status, dates and slippage. Built
into the papers' content shape, so it prints as Word, tagged PDF and HTML like every paper."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from planwatch.assurance.selectors import TRACKERS, TrackerRow, tracker_rows
from planwatch.assurance.states import Status
from planwatch.papers.content import Cell, HeadingBlock, PaperContent, Paragraph, Section, Table

TITLE = "Internal audit and inspection recommendations: progress"


def _date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _due(row: TrackerRow) -> str:
    if row.current_due == row.original_due:
        return _date(row.current_due)
    return f"{_date(row.current_due)} (first agreed {_date(row.original_due)})"


def _summary(rows: dict[str, list[TrackerRow]]) -> Table:
    counts = {what: Counter(r.item.status for r in found) for what, found in rows.items()}
    return Table(
        caption="Items by status",
        headings=("Status", *TRACKERS.values()),
        rows=tuple(
            (Cell(label), *(Cell(str(counts[what][value])) for what in TRACKERS))
            for value, label in Status.choices
        ),
        row_headings=True,
    )


def _audit_table(rows: list[TrackerRow]) -> Table:
    return Table(
        caption="Agreed audit actions",
        headings=("Ref", "Recommendation", "Priority", "Owner", "Status", "Due", "Slippage"),
        rows=tuple(
            (
                Cell(f"{r.source}/{r.item.reference}"),
                Cell(r.item.recommendation),
                Cell(r.priority),
                Cell(r.owner or "Not given"),
                Cell(r.item.get_status_display()),
                Cell(
                    _date(r.current_due)
                    + (
                        f" (first agreed {_date(r.original_due)})"
                        if r.current_due != r.original_due
                        else ""
                    )
                ),
                Cell(f"{r.slippage} days" if r.slippage else "None"),
            )
            for r in rows
        ),
        row_headings=True,
    )


def _recommendation_table(rows: list[TrackerRow]) -> Table:
    return Table(
        caption="Inspection recommendations",
        headings=("Ref", "What the report asks", "Kind", "Owner", "Status", "Response"),
        rows=tuple(
            (
                Cell(f"{r.source}/{r.item.reference}"),
                Cell(r.item.text),
                Cell(r.priority),
                Cell(r.owner or "Not given"),
                Cell(r.item.get_status_display()),
                Cell(r.item.response or "Not yet written"),
            )
            for r in rows
        ),
        row_headings=True,
    )


def build_tracker_paper(today: dt.date) -> PaperContent:
    rows = {what: tracker_rows(what, today) for what in TRACKERS}
    purpose = (
        f"To show the Committee progress on the actions agreed on internal audits and on "
        f"inspection recommendations, as at {_date(today)}. Slippage is the number of days "
        f"past the date first agreed."
    )
    sections = (
        Section("1", "Purpose", (Paragraph(purpose, editable="purpose"),)),
        Section("2", "Summary", (_summary(rows),)),
        Section(
            "3",
            "Agreed audit actions",
            (_audit_table(rows["audit-actions"]),)
            if rows["audit-actions"]
            else (Paragraph("No actions are recorded."),),
        ),
        Section(
            "4",
            "Inspection recommendations",
            (_recommendation_table(rows["recommendations"]),)
            if rows["recommendations"]
            else (Paragraph("No recommendations are recorded."),),
        ),
    )
    return PaperContent(
        kind="assurance-tracker",
        title=TITLE,
        heading=HeadingBlock(body="Joint Audit Committee", meeting_date=_date(today), public=True),
        sections=sections,
        made_from={"as_at": today.isoformat()},
    )
