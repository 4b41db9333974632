"""The Delivery Plan appendix as standalone HTML and as a tagged PDF."""

from __future__ import annotations

from django.template.loader import render_to_string

from planwatch.reporting.delivery_plan.document import COLUMNS, DRAFT_NOTE, Doc
from planwatch.reporting.pdf import tagged_pdf


def html(doc: Doc) -> str:
    return render_to_string(
        "reporting/delivery_plan.html", {"doc": doc, "columns": COLUMNS, "draft_note": DRAFT_NOTE}
    )


def html_bytes(doc: Doc) -> bytes:
    return html(doc).encode("utf-8")


def pdf(doc: Doc) -> bytes:
    return tagged_pdf(html(doc))
