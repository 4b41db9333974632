"""How a paper is laid out, whatever the format: heading texts and levels, paragraph numbers
(1.1, 1.2 as in the Panel's papers), column widths and RAG colours. The HTML, PDF and Word
renderers all print this, so the three formats agree.

Plain Python: no template, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.delivery.models import PRINT_COLOURS
from planwatch.papers.content import (
    Block,
    BulletList,
    Chart,
    HeadingBlock,
    PaperContent,
    Paragraph,
    Section,
    Table,
)
from planwatch.reporting.delivery_plan.document import ink_for

DRAFT_NOTE = "Draft: made from PlanWatch's current data. It is not the published paper."
# Names a builder may give a RAG cell beyond the colours of a RAG key.
COLOUR_ALIASES = {"amber": "orange"}
BLANK_LINES = re.compile(r"\n\s*\n")
# Characters XML (so DOCX) cannot hold: C0 controls other than tab, newline, return.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SVG_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>)?\s*(<!DOCTYPE[^>]*>)?\s*", re.IGNORECASE)
DEEPEST_HEADING = 6


def clean(text: str) -> str:
    return UNWRITABLE.sub("", text)


def colour_of(rag: str | None) -> str | None:
    """The print colour name of a cell's RAG status (green, orange, red, ...), if known."""
    if not rag:
        return None
    name = COLOUR_ALIASES.get(rag.strip().lower(), rag.strip().lower())
    return name if name in PRINT_COLOURS else None


def rag_colours() -> dict[str, tuple[str, str]]:
    """Each colour name with its fill and the ink that reads on it."""
    return {name: (fill, ink_for(fill)) for name, fill in PRINT_COLOURS.items()}


@dataclass(frozen=True)
class ShownCell:
    text: str
    header: bool = False
    colour: str | None = None

    @property
    def css_class(self) -> str:
        return f"rag rag-{self.colour}" if self.colour else ""


@dataclass(frozen=True)
class ShownTable:
    caption: str
    headings: tuple[str, ...]
    rows: tuple[tuple[ShownCell, ...], ...]
    #: Whole percentages of the table's width, one a column, adding up to 100.
    widths: tuple[int, ...]
    kind: str = "table"

    @property
    def columns(self) -> tuple[tuple[str, int], ...]:
        return tuple(zip(self.headings, self.widths, strict=True))


@dataclass(frozen=True)
class ShownParagraph:
    text: str
    number: str = ""
    kind: str = "paragraph"


@dataclass(frozen=True)
class ShownList:
    items: tuple[str, ...]
    kind: str = "list"


@dataclass(frozen=True)
class ShownChart:
    svg: str
    title: str
    description: str
    table: ShownTable
    kind: str = "chart"


Shown = ShownParagraph | ShownList | ShownTable | ShownChart


@dataclass(frozen=True)
class ShownSection:
    title: str
    level: int
    blocks: tuple[Shown, ...]
    subsections: tuple[ShownSection, ...] = ()


@dataclass(frozen=True)
class Layout:
    title: str
    kind: str
    heading: tuple[tuple[str, str], ...]
    sections: tuple[ShownSection, ...]
    appendices: tuple[ShownSection, ...]
    author: str
    subject: str
    draft: bool = False
    made_from: dict[str, str] = field(default_factory=dict)

    @property
    def document_title(self) -> str:
        return f"{self.title} (draft)" if self.draft else self.title

    def tables(self) -> list[ShownTable]:
        found: list[ShownTable] = []

        def walk(section: ShownSection) -> None:
            for block in section.blocks:
                if isinstance(block, ShownTable):
                    found.append(block)
                elif isinstance(block, ShownChart):
                    found.append(block.table)
            for sub in section.subsections:
                walk(sub)

        for section in (*self.sections, *self.appendices):
            walk(section)
        return found


def heading_lines(heading: HeadingBlock) -> tuple[tuple[str, str], ...]:
    """The opening block in the order of the Panel's papers, leaving out what is not set."""
    lines = [
        ("body", heading.body),
        ("agenda", f"Agenda Item No. {heading.agenda_item}" if heading.agenda_item else ""),
        ("date", heading.meeting_date),
        ("access", "Public report" if heading.public else "Private report: not for publication"),
        ("report_of", f"Report of {heading.report_of}" if heading.report_of else ""),
        (
            "contact_officer",
            f"Contact officer – {heading.contact_officer}" if heading.contact_officer else "",
        ),
        (
            "contact_details",
            f"Contact details – {heading.contact_details}" if heading.contact_details else "",
        ),
    ]
    return tuple((name, clean(text)) for name, text in lines if text)


def section_title(section: Section, *, appendix: bool, top: bool) -> str:
    """1. Purpose; 4.1 Aim; Appendix 1: Delivery Plan."""
    heading, number = clean(section.heading), section.number.strip()
    if not number:
        return heading
    if appendix and top:
        return f"{number}: {heading}"
    if top and number.isdigit():
        return f"{number}. {heading}"
    return f"{number} {heading}"


def _paragraphs(text: str) -> list[str]:
    """An officer's text split at blank lines into paragraphs; single newlines stay."""
    return [part.strip() for part in BLANK_LINES.split(clean(text)) if part.strip()]


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _shares(weights: list[float], floors: list[float]) -> list[float]:
    """Percentages in proportion to the weights, none below its floor."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        left = 100 - sum(fixed.values())
        total = sum(weights[i] for i in free) or 1
        shares = {i: left * weights[i] / total for i in free}
        short = {i: floors[i] for i in free if shares[i] < floors[i]}
        if not short or len(short) == len(free):
            return [fixed.get(i, shares.get(i, 0.0)) for i in range(len(weights))]
        fixed.update(short)


def column_widths(table: Table, line_chars: int) -> tuple[int, ...]:
    """Whole percentages for each column, adding up to 100: wide enough for the column's
    longest word, and beyond that in proportion to its typical text (dampened, so a long
    commentary does not squeeze the short columns)."""
    count = len(table.headings)
    if count == 0:
        return ()
    sample = table.rows[:200]
    weights, floors = [], []
    for column in range(count):
        texts = [row[column].text for row in sample if column < len(row)]
        mean = sum(len(t) for t in texts) / len(texts) if texts else 0
        longest = max([_longest_word(table.headings[column])] + [_longest_word(t) for t in texts])
        weights.append(max(mean, len(table.headings[column]), 3) ** 0.8)
        floors.append(min(100 / count, 100 * (longest + 4) / line_chars))
    shares = _shares(weights, floors)
    widths = [max(1, round(share)) for share in shares]
    widths[widths.index(max(widths))] += 100 - sum(widths)
    return tuple(widths)


def _table(table: Table, line_chars: int) -> ShownTable:
    count = len(table.headings)
    rows = tuple(
        tuple(
            ShownCell(
                clean(cell.text),
                header=table.row_headings and index == 0,
                colour=colour_of(cell.rag),
            )
            for index, cell in enumerate(row[:count])
        )
        + tuple(ShownCell("") for _ in range(count - len(row)))
        for row in table.rows
    )
    return ShownTable(
        caption=clean(table.caption),
        headings=tuple(clean(h) for h in table.headings),
        rows=rows,
        widths=column_widths(table, line_chars),
    )


def _blocks(blocks: tuple[Block, ...], numbered: str | None, line_chars: int) -> tuple:
    shown: list[Shown] = []
    count = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            for text in _paragraphs(block.text):
                count += 1
                shown.append(ShownParagraph(text, f"{numbered}.{count}" if numbered else ""))
        elif isinstance(block, BulletList):
            items = tuple(clean(item) for item in block.items if item.strip())
            if items:
                shown.append(ShownList(items))
        elif isinstance(block, Table):
            shown.append(_table(block, line_chars))
        elif isinstance(block, Chart):
            shown.append(
                ShownChart(
                    svg=SVG_PROLOGUE.sub("", block.svg, count=1),
                    title=clean(block.title),
                    description=clean(block.description),
                    table=_table(block.table, line_chars),
                )
            )
    return tuple(shown)


def _section(section: Section, level: int, *, appendix: bool, line_chars: int) -> ShownSection:
    top = level == 2
    number = section.number.strip()
    # Paragraphs are numbered 1.1, 1.2 in a numbered section that has no subsections.
    numbered = (
        number if top and not appendix and number.isdigit() and not section.subsections else None
    )
    return ShownSection(
        title=section_title(section, appendix=appendix, top=top),
        level=min(level, DEEPEST_HEADING),
        blocks=_blocks(section.blocks, numbered, line_chars),
        subsections=tuple(
            _section(sub, level + 1, appendix=appendix, line_chars=line_chars)
            for sub in section.subsections
        ),
    )


# Roughly how many characters of table text fit across the page: the body is A4 portrait at
# 9pt, appendices A4 landscape at 8pt.
BODY_LINE_CHARS, APPENDIX_LINE_CHARS = 90, 150


def layout(content: PaperContent, *, draft: bool = False) -> Layout:
    """The content as every format prints it."""
    heading = content.heading
    return Layout(
        title=clean(content.title),
        kind=content.kind,
        heading=heading_lines(heading),
        sections=tuple(
            _section(s, 2, appendix=False, line_chars=BODY_LINE_CHARS) for s in content.sections
        ),
        appendices=tuple(
            _section(s, 2, appendix=True, line_chars=APPENDIX_LINE_CHARS)
            for s in content.appendices
        ),
        author=clean(heading.report_of or heading.body),
        subject=clean(" ".join(part for part in (heading.body, heading.meeting_date) if part)),
        draft=draft,
        made_from=dict(content.made_from),
    )
