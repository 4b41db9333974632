"""The Plan on a Page as a standalone HTML document and an A4 landscape, tagged PDF."""

from __future__ import annotations

from django.template.loader import render_to_string

from planwatch.plans.document import PlanDoc


def plan_on_a_page_html(document: PlanDoc) -> str:
    """A self-contained HTML page (styles inline) that prints on one A4 landscape sheet."""
    return render_to_string("reporting/plan_on_a_page.html", {"plan": document})


def plan_on_a_page_pdf(document: PlanDoc) -> bytes:
    """The same page as a PDF/UA-1 (tagged, accessible) document."""
    from weasyprint import HTML  # imported late: loading pango costs time on start-up

    return HTML(string=plan_on_a_page_html(document)).write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )
