"""A paper as HTML: the standalone document (its style sheet inside, for downloads, the PDF
and the published record) and the article alone, for PlanWatch's own preview page."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

from planwatch.papers.content import PaperContent
from planwatch.papers.render.layout import DRAFT_NOTE, Layout, layout

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "papers" / "paper.css"
STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)
NONE = "'none'"


@cache
def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def render_layout(paper: Layout) -> str:
    return render_to_string(
        "papers/document.html", {"paper": paper, "css": stylesheet(), "draft_note": DRAFT_NOTE}
    )


def render_html(content: PaperContent, *, draft: bool = False) -> str:
    """The paper as one self-contained HTML document (UTF-8, lang en-GB, no script)."""
    return render_layout(layout(content, draft=draft))


def standalone_policy(document: str) -> str:
    """The Content-Security-Policy for serving a standalone paper: no script, nothing fetched,
    and only its own style sheet, named by hash (so no inline style of any other kind runs)."""
    hashes = " ".join(
        "'sha256-{}'".format(
            base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
        )
        for css in STYLE_ELEMENT.findall(document)
    )
    return f"default-src 'none'; style-src {hashes or NONE}; img-src data:"
