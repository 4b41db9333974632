"""Appendix 1 of the Panel's paper as content: the Delivery Plan for a quarter, theme by theme
with a table for each objective (reference, action, lead, due date, RAG status in words and
colour, direction of travel, commentary), then the key to the statuses and the directions.

It is made from the same printed rows as the Delivery Plan report (planwatch.reporting), so
the paper's appendix and the report always agree.
"""

from __future__ import annotations

from planwatch.delivery.models import PRINT_COLOURS
from planwatch.delivery.selectors import DeliveryPlan
from planwatch.papers.builders.common import section
from planwatch.papers.content import Block, Cell, Paragraph, Section, Table
from planwatch.reporting.delivery_plan.document import COLUMNS, DRAFT_NOTE, Doc, Status

APPENDIX = "Delivery Plan – Actions to deliver the Police and Crime Plan"
COLOUR_NAMES = {fill: name for name, fill in PRINT_COLOURS.items()}


def cell_for(status: Status, text: str) -> Cell:
    return Cell(text, rag=COLOUR_NAMES.get(status.fill))


def delivery_plan_appendix(data: DeliveryPlan, doc: Doc) -> Section:
    """The Delivery Plan for the quarter as an appendix (its number is given by the paper)."""
    intro: list[Block] = [Paragraph(f"{doc.plan_title}. {doc.period_label}. {doc.compared_with}")]
    if doc.draft:
        intro.append(Paragraph(DRAFT_NOTE))
    intro.append(Paragraph(doc.overview))
    themes = []
    for theme in doc.sections:
        tables = [
            Table(
                f"{theme.theme}: {group.heading}",
                COLUMNS,
                tuple(
                    (
                        Cell(line.reference),
                        Cell(line.title),
                        Cell(line.lead),
                        Cell(line.due_text),
                        cell_for(line.status, line.status_text),
                        Cell(line.direction),
                        Cell(line.commentary),
                    )
                    for line in group.lines
                ),
                row_headings=True,
            )
            for group in theme.groups
        ]
        themes.append(section(theme.theme, *tables))
    if not themes:
        intro.append(Paragraph("The Plan has no actions to report."))
    key = section(
        "Key",
        Table(
            "Status",
            ("Code", "Status", "Meaning", "Colour"),
            tuple(
                (Cell(s.code), cell_for(s, s.label), Cell(s.meaning), Cell(s.colour_name))
                for s in doc.key
            ),
            row_headings=True,
        ),
        Table(
            "Direction of travel",
            ("Arrow", "Direction", "Meaning"),
            tuple(
                (Cell(arrow), Cell(label), Cell(meaning))
                for arrow, label, meaning in doc.directions
            ),
        ),
    )
    return section(f"{APPENDIX}, {data.period.label}", *intro, subsections=[*themes, key])
