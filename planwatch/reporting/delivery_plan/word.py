"""The Delivery Plan appendix as a Word document: heading styles and real tables."""

from __future__ import annotations

import io

from planwatch.reporting.delivery_plan.document import COLUMNS, DRAFT_NOTE, Doc, Status


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


def docx(doc: Doc) -> bytes:
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
