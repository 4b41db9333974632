"""A paper as a Word document: real heading styles (Title, Heading 1, 2 ...), numbered
paragraphs, and real tables whose header row repeats on every page, RAG cells shaded and
always in words. The report is A4 portrait; its appendices follow in a landscape section.

Tables are written as WordprocessingML directly: cell by cell through python-docx's objects
costs seconds for a Delivery Plan of a few hundred actions.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape, quoteattr

from planwatch.papers.content import PaperContent
from planwatch.papers.render.layout import (
    DRAFT_NOTE,
    Layout,
    ShownCell,
    ShownChart,
    ShownList,
    ShownParagraph,
    ShownSection,
    ShownTable,
    layout,
    rag_colours,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_MM = 56.6929
PORTRAIT = (210, 297)
MARGIN_MM = 20
APPENDIX_MARGIN_MM = 12
HEADER_FILL = "F3F2F1"
NUMBER_INDENT_MM = 14


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _runs(text: str, properties: str) -> str:
    """Runs of text; a newline becomes a line break."""
    r_pr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    lines = text.split("\n")
    parts = []
    for number, line in enumerate(lines):
        brk = "<w:br/>" if number < len(lines) - 1 else ""
        parts.append(f'<w:r>{r_pr}<w:t xml:space="preserve">{escape(line)}</w:t>{brk}</w:r>')
    return "".join(parts)


def _cell(cell: ShownCell, width: int, *, bold: bool, fill: str | None, ink: str | None) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    properties = ("<w:b/>" if bold else "") + (f'<w:color w:val="{ink}"/>' if ink else "")
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
        f"<w:p>{_runs(cell.text, properties)}</w:p></w:tc>"
    )


def table_xml(table: ShownTable, width_mm: float) -> str:
    """A w:tbl: grid style, fixed column widths, a repeating header row, rows kept whole."""
    colours = {name: (_hex(fill), _hex(ink)) for name, (fill, ink) in rag_colours().items()}
    total = int(width_mm * TWIPS_PER_MM)
    widths = [total * share // 100 for share in table.widths]
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    header = "".join(
        _cell(ShownCell(text), width, bold=True, fill=HEADER_FILL, ink=None)
        for text, width in zip(table.headings, widths, strict=True)
    )
    rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]
    for row in table.rows:
        cells = []
        for cell, width in zip(row, widths, strict=True):
            fill, ink = colours.get(cell.colour or "", (None, None))
            cells.append(_cell(cell, width, bold=cell.header or bool(fill), fill=fill, ink=ink))
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    caption = quoteattr(table.caption)
    return (
        f'<w:tbl xmlns:w="{W}"><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"<w:tblCaption w:val={caption}/></w:tblPr>"
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


class _Writer:
    def __init__(self, paper: Layout) -> None:
        from docx import Document
        from docx.shared import Mm, Pt

        self.paper = paper
        self.document = Document()
        normal = self.document.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(11)
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(PORTRAIT[0]), Mm(PORTRAIT[1])
        self._margins(section, MARGIN_MM)
        self.text_width_mm = PORTRAIT[0] - 2 * MARGIN_MM
        properties = self.document.core_properties
        properties.title = paper.document_title
        properties.author = paper.author
        properties.subject = paper.subject
        properties.keywords = f"Police and Crime Plan; {paper.kind}"
        properties.language = "en-GB"
        properties.comments = "Made by PlanWatch"

    @staticmethod
    def _margins(section, millimetres: int) -> None:
        from docx.shared import Mm

        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(millimetres))

    def _landscape(self, first: bool) -> None:
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.enum.text import WD_BREAK
        from docx.shared import Mm

        if not first:
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PORTRAIT[1]), Mm(PORTRAIT[0])
        self._margins(section, APPENDIX_MARGIN_MM)
        self.text_width_mm = PORTRAIT[1] - 2 * APPENDIX_MARGIN_MM

    def heading_block(self) -> None:
        bold = {"body", "agenda", "access"}
        for name, text in self.paper.heading:
            run = self.document.add_paragraph().add_run(text)
            run.bold = name in bold
        if self.paper.draft:
            self.document.add_paragraph().add_run(DRAFT_NOTE).bold = True
        self.document.add_paragraph(self.paper.title, style="Title")

    def paragraph(self, block: ShownParagraph) -> None:
        from docx.shared import Mm

        if not block.number:
            self._text(self.document.add_paragraph(), block.text)
            return
        paragraph = self.document.add_paragraph()
        indent = Mm(NUMBER_INDENT_MM)
        paragraph.paragraph_format.left_indent = indent
        paragraph.paragraph_format.first_line_indent = -indent
        paragraph.paragraph_format.tab_stops.add_tab_stop(indent)
        paragraph.add_run(f"{block.number}\t").bold = True
        self._text(paragraph, block.text)

    @staticmethod
    def _text(paragraph, text: str) -> None:
        lines = text.split("\n")
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()

    def table(self, table: ShownTable) -> None:
        from docx.oxml import parse_xml

        self.document.add_paragraph(table.caption, style="Caption")
        self.document.element.body._insert_tbl(parse_xml(table_xml(table, self.text_width_mm)))
        self.document.add_paragraph()

    def section(self, section: ShownSection) -> None:
        self.document.add_heading(section.title, level=min(section.level - 1, 9))
        for block in section.blocks:
            if isinstance(block, ShownParagraph):
                self.paragraph(block)
            elif isinstance(block, ShownList):
                for item in block.items:
                    self._text(self.document.add_paragraph(style="List Bullet"), item)
            elif isinstance(block, ShownTable):
                self.table(block)
            elif isinstance(block, ShownChart):
                # Word cannot show the SVG chart: give its text alternative, then its data.
                self.document.add_paragraph(f"Chart: {block.title}. {block.description}")
                self.table(block.table)
        for sub in section.subsections:
            self.section(sub)

    def write(self) -> bytes:
        self.heading_block()
        for section in self.paper.sections:
            self.section(section)
        for number, appendix in enumerate(self.paper.appendices):
            self._landscape(first=number == 0)
            self.section(appendix)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def render_layout_docx(paper: Layout) -> bytes:
    return _Writer(paper).write()


def render_docx(content: PaperContent, *, draft: bool = False) -> bytes:
    """The paper as a .docx file that Word and LibreOffice open."""
    return render_layout_docx(layout(content, draft=draft))
