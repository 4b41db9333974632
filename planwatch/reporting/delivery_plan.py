"""Appendix 1 of the Panel report, the Delivery Plan, as XLSX, DOCX, tagged PDF or HTML.

Rendering reads only the DeliveryPlan the selector loaded; it never queries the database.
Every format says each status in words as well as colour.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from django.template.loader import render_to_string

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


def render_delivery_plan(data: DeliveryPlan, fmt: str) -> bytes:
    """The Delivery Plan appendix in one of FORMATS."""
    renderers = {"xlsx": _xlsx, "docx": _docx, "pdf": _pdf, "html": _html_bytes}
    if fmt not in renderers:
        raise ValueError(f"{fmt!r} is not one of {', '.join(FORMATS)}")
    return renderers[fmt](delivery_plan_document(data))


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


def _html(doc: Doc) -> str:
    return render_to_string(
        "reporting/delivery_plan.html", {"doc": doc, "columns": COLUMNS, "draft_note": DRAFT_NOTE}
    )


def _html_bytes(doc: Doc) -> bytes:
    return _html(doc).encode("utf-8")


def _pdf(doc: Doc) -> bytes:
    from weasyprint import HTML  # imported late: loading pango costs time on start-up

    return HTML(string=_html(doc)).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _word_row_flag(row, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _word_cell(cell, text: str, *, bold: bool = False, status: Status | None = None) -> None:
    from docx.shared import RGBColor

    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        if bold or status is not None:
            run.bold = True
        if status is not None:
            run.font.color.rgb = RGBColor.from_string(status.ink.lstrip("#").upper())
        if number < len(lines) - 1:
            run.add_break()
    if status is not None:
        _shade(cell, status.fill)


def _word_table(document, headings: tuple[str, ...] | list[str], widths_mm: list[int]):
    """A grid table whose header row repeats on every page."""
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    header = table.rows[0]
    _word_row_flag(header, "cantSplit")
    _word_row_flag(header, "tblHeader")
    for cell, heading, width in zip(header.cells, headings, widths_mm, strict=True):
        cell.width = Mm(width)
        _word_cell(cell, heading, bold=True)
        _shade(cell, "#f3f2f1")
    return table


def _word_add_row(table, values: list[str | tuple[str, Status]], widths_mm: list[int]) -> None:
    from docx.shared import Mm

    row = table.add_row()
    _word_row_flag(row, "cantSplit")
    for cell, value, width in zip(row.cells, values, widths_mm, strict=True):
        cell.width = Mm(width)
        if isinstance(value, tuple):
            _word_cell(cell, value[0], status=value[1])
        else:
            _word_cell(cell, value)


ACTION_WIDTHS = [16, 58, 35, 24, 28, 28, 78]


def _docx(doc: Doc) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.styles["Normal"].font.size = Pt(9)
    properties = document.core_properties
    properties.title = doc.document_title
    properties.author = doc.author
    properties.subject = f"{doc.plan_title}: Delivery Plan for {doc.period_label}"
    properties.language = "en-GB"

    document.add_heading(doc.title, level=1)
    document.add_paragraph(f"{doc.plan_title}. {doc.period_label}.")
    if doc.draft:
        document.add_paragraph().add_run(DRAFT_NOTE).bold = True
    document.add_paragraph(doc.compared_with)

    document.add_heading("Summary", level=2)
    document.add_paragraph(doc.overview)
    table = _word_table(document, ["Status", "Actions"], [50, 25])
    for status, count in doc.status_counts:
        _word_add_row(table, [(status.label, status), str(count)], [50, 25])
    document.add_paragraph()
    table = _word_table(document, ["Direction of travel", "Actions"], [50, 25])
    for direction, count in doc.direction_counts:
        _word_add_row(table, [direction, str(count)], [50, 25])

    for theme in doc.sections:
        document.add_heading(theme.theme, level=2)
        table = _word_table(document, COLUMNS, ACTION_WIDTHS)
        for group in theme.groups:
            row = table.add_row()
            _word_row_flag(row, "cantSplit")
            merged = row.cells[0].merge(row.cells[-1])
            _word_cell(merged, group.heading, bold=True)
            _shade(merged, "#f3f2f1")
            for line in group.lines:
                _word_add_row(
                    table,
                    [
                        line.reference,
                        line.title,
                        line.lead,
                        line.due.strftime("%d/%m/%Y") if line.due else line.due_text,
                        (line.status_text, line.status),
                        line.direction,
                        line.commentary,
                    ],
                    ACTION_WIDTHS,
                )

    document.add_heading("Key", level=2)
    document.add_heading("Status", level=3)
    widths = [20, 40, 130, 30]
    table = _word_table(document, ["Code", "Status", "Meaning", "Colour"], widths)
    for status in doc.key:
        _word_add_row(
            table, [status.code, (status.label, status), status.meaning, status.colour_name], widths
        )
    document.add_heading("Direction of travel", level=3)
    widths = [20, 40, 160]
    table = _word_table(document, ["Arrow", "Direction", "Meaning"], widths)
    for arrow, label, meaning in doc.directions:
        _word_add_row(table, [arrow, label, meaning], widths)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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


def _xlsx(doc: Doc) -> bytes:
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
