"""Every format a paper is printed in, from its content: HTML, tagged PDF and Word."""

from __future__ import annotations

from planwatch.language import in_english
from planwatch.papers.content import PaperContent
from planwatch.papers.render.html import render_html, render_layout, standalone_policy
from planwatch.papers.render.layout import layout
from planwatch.papers.render.pdf import render_layout_pdf, render_pdf
from planwatch.papers.render.word import render_docx, render_layout_docx

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "render",
    "render_all",
    "render_docx",
    "render_html",
    "render_pdf",
    "standalone_policy",
]


def render(content: PaperContent, fmt: str, *, draft: bool = False) -> bytes:
    """The paper in one of FORMATS."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"{fmt!r} is not one of {', '.join(FORMATS)}")
    return render_all(content, draft=draft, formats=(fmt,))[fmt]


@in_english
def render_all(
    content: PaperContent, *, draft: bool = False, formats: tuple[str, ...] = FORMATS
) -> dict[str, bytes]:
    """The paper in each of the formats, laid out once; always in English."""
    paper = layout(content, draft=draft)
    renderers = {
        "html": lambda: render_layout(paper).encode("utf-8"),
        "pdf": lambda: render_layout_pdf(paper),
        "docx": lambda: render_layout_docx(paper),
    }
    return {fmt: renderers[fmt]() for fmt in formats}
