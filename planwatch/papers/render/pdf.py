"""A paper as a tagged, accessible PDF (PDF/UA-1): the HTML document printed by WeasyPrint,
portrait for the report and landscape for its appendices."""

from __future__ import annotations

from planwatch.papers.content import PaperContent
from planwatch.papers.render.html import render_layout
from planwatch.papers.render.layout import Layout, layout
from planwatch.reporting.pdf import tagged_pdf


def render_layout_pdf(paper: Layout) -> bytes:
    return tagged_pdf(render_layout(paper))


def render_pdf(content: PaperContent, *, draft: bool = False) -> bytes:
    return render_layout_pdf(layout(content, draft=draft))
