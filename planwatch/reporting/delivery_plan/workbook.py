"""The Delivery Plan appendix as a workbook: the plan, the key and the summary."""

from __future__ import annotations

import io

from planwatch.reporting.delivery_plan.document import DRAFT_NOTE, Doc, Status


def _xlsx_put(sheet, row: int, column: int, value):
    """Write a cell; text is always text, so commentary starting "=" is never a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _xlsx_table(sheet, first_row: int, headings: list[str], rows: list[list]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for column, heading in enumerate(headings, start=1):
        cell = _xlsx_put(sheet, first_row, column, heading)
        cell.font = Font(bold=True)
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            status = value if isinstance(value, Status) else None
            cell = _xlsx_put(sheet, first_row + offset, column, status.label if status else value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if status:
                cell.fill = PatternFill("solid", fgColor="FF" + status.fill.lstrip("#").upper())
                cell.font = Font(bold=True, color="FF" + status.ink.lstrip("#").upper())


PLAN_COLUMNS = [
    ("Theme", 16),
    ("Objective", 40),
    ("Ref", 8),
    ("Action", 45),
    ("Lead", 24),
    ("Due", 12),
    ("Status", 16),
    ("Previous status", 16),
    ("Direction of travel", 18),
    ("Commentary", 70),
]


def xlsx(doc: Doc) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.properties.title = doc.document_title
    book.properties.creator = doc.author
    book.properties.language = "en-GB"
    sheet = book.active
    sheet.title = "Delivery Plan"
    for column, (heading, width) in enumerate(PLAN_COLUMNS, start=1):
        _xlsx_put(sheet, 1, column, heading).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, line in enumerate(doc.lines, start=2):
        values = [
            line.theme,
            line.objective,
            line.reference,
            line.title,
            line.lead,
            line.due,
            line.status_text,
            line.previous_status,
            line.direction,
            line.commentary,
        ]
        for column, value in enumerate(values, start=1):
            cell = _xlsx_put(sheet, row, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=6).number_format = "dd/mm/yyyy"
        status = sheet.cell(row=row, column=7)
        status.fill = PatternFill("solid", fgColor="FF" + line.status.fill.lstrip("#").upper())
        status.font = Font(bold=True, color="FF" + line.status.ink.lstrip("#").upper())
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(PLAN_COLUMNS))}{len(doc.lines) + 1}"

    key = book.create_sheet("Key")
    _xlsx_put(key, 1, 1, "Status").font = Font(bold=True, size=12)
    _xlsx_table(
        key,
        2,
        ["Code", "Status", "Meaning", "Colour"],
        [[s.code, s, s.meaning, s.colour_name] for s in doc.key],
    )
    first = len(doc.key) + 4
    _xlsx_put(key, first, 1, "Direction of travel").font = Font(bold=True, size=12)
    _xlsx_table(
        key, first + 1, ["Arrow", "Direction", "Meaning"], [list(d) for d in doc.directions]
    )
    for letter, width in zip("ABCD", [10, 18, 70, 12], strict=True):
        key.column_dimensions[letter].width = width

    summary = book.create_sheet("Summary")
    for row, text in enumerate(
        [doc.title, doc.plan_title, doc.period_label, doc.compared_with, doc.overview], start=1
    ):
        _xlsx_put(summary, row, 1, text)
    summary["A1"].font = Font(bold=True, size=14)
    if doc.draft:
        _xlsx_put(summary, 6, 1, DRAFT_NOTE).font = Font(bold=True)
    _xlsx_table(summary, 8, ["Status", "Actions"], [[s, n] for s, n in doc.status_counts])
    first = 8 + len(doc.status_counts) + 2
    _xlsx_table(summary, first, ["Direction of travel", "Actions"], doc.direction_counts)
    summary.column_dimensions["A"].width = 24
    summary.column_dimensions["B"].width = 10

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
