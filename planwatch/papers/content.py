"""What a paper says, apart from how it is printed: the one shape every kind of paper is built
into and every format (HTML, PDF, Word) is rendered from.

Builders (one per kind of paper) read PlanWatch's data and return a PaperContent; renderers
turn a PaperContent into a file. A published paper keeps its PaperContent as JSON
(`to_json`) beside its files, so it can be shown, checked and rendered again exactly as it
was, whatever the data say later.

Text is plain text everywhere (renderers escape it); a paragraph may hold several sentences but
no markup. Numbers are already formatted for reading (UK style: "1,234", "12.5%", dates as
"12 September 2018").
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

#: The kinds of paper: the values of planwatch.papers.models.Kind and of `planwatch report`
#: (an agenda item names them as planwatch.governance.models.PaperKind, mapped in kinds.py).
Kind = Literal["delivery-monitoring", "theme", "performance", "annual"]


@dataclass(frozen=True)
class Paragraph:
    text: str
    #: Set on narrative officers may edit: the key of the section text that replaces it.
    editable: str | None = None
    type: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    #: Set on a list officers may edit (one item a line): the key of the text that replaces it.
    editable: str | None = None
    type: Literal["list"] = "list"


@dataclass(frozen=True)
class Cell:
    """A table cell; `rag` names a RAG status (red, amber, green, blue, ...) so renderers can
    colour it, always with its words as well."""

    text: str
    rag: str | None = None


@dataclass(frozen=True)
class Table:
    caption: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: The first column names each row (rendered as <th scope="row">).
    row_headings: bool = False
    type: Literal["table"] = "table"


@dataclass(frozen=True)
class Chart:
    """A server-made SVG chart with its text alternative and its data as a table."""

    svg: str
    title: str
    description: str
    table: Table
    type: Literal["chart"] = "chart"


Block = Paragraph | BulletList | Table | Chart


@dataclass(frozen=True)
class Section:
    """A numbered section ("1", "Purpose") or appendix ("Appendix 1", "Delivery Plan")."""

    number: str
    heading: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class HeadingBlock:
    """The block a committee paper opens with, as in the Panel's papers."""

    body: str
    meeting_date: str = ""
    agenda_item: str = ""
    public: bool = True
    report_of: str = ""
    contact_officer: str = ""
    contact_details: str = ""


@dataclass(frozen=True)
class PaperContent:
    kind: str
    title: str
    heading: HeadingBlock
    sections: tuple[Section, ...]
    appendices: tuple[Section, ...] = ()
    #: What the paper was made from, for the record: plan slug, period, theme, year, area...
    made_from: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """A stable text of the whole content (sorted keys), for storing and hashing."""
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, indent=1)

    def digest(self) -> str:
        """SHA-256 of to_json(): the same content always gives the same digest."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    @classmethod
    def from_json(cls, text: str) -> PaperContent:
        data = json.loads(text)
        return cls(
            kind=data["kind"],
            title=data["title"],
            heading=HeadingBlock(**data["heading"]),
            sections=tuple(_section(s) for s in data["sections"]),
            appendices=tuple(_section(s) for s in data["appendices"]),
            made_from=data["made_from"],
        )


def _table(data: dict) -> Table:
    return Table(
        caption=data["caption"],
        headings=tuple(data["headings"]),
        rows=tuple(tuple(Cell(**cell) for cell in row) for row in data["rows"]),
        row_headings=data["row_headings"],
    )


def _block(data: dict) -> Block:
    kind = data["type"]
    if kind == "paragraph":
        return Paragraph(data["text"], data["editable"])
    if kind == "list":
        return BulletList(tuple(data["items"]), data.get("editable"))
    if kind == "table":
        return _table(data)
    if kind == "chart":
        return Chart(data["svg"], data["title"], data["description"], _table(data["table"]))
    raise ValueError(f"unknown block type {kind!r}")


def _section(data: dict) -> Section:
    return Section(
        number=data["number"],
        heading=data["heading"],
        blocks=tuple(_block(b) for b in data["blocks"]),
        subsections=tuple(_section(s) for s in data["subsections"]),
    )
