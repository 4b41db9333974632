"""The Plan on a Page as a standalone HTML document and an A4 landscape, tagged PDF."""

from __future__ import annotations

from django.template.loader import render_to_string

from planwatch.language import in_english
from planwatch.plans.document import PlanDoc
from planwatch.reporting.pdf import tagged_pdf


@in_english
def plan_on_a_page_html(document: PlanDoc) -> str:
    """A self-contained HTML page (styles inline) that prints on one A4 landscape sheet."""
    return render_to_string("reporting/plan_on_a_page.html", {"plan": document})


@in_english
def plan_on_a_page_pdf(document: PlanDoc) -> bytes:
    """The same page as a PDF/UA-1 (tagged, accessible) document."""
    return tagged_pdf(plan_on_a_page_html(document))
