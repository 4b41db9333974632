"""What the tests of the delivery-monitoring paper share: the paper's story (the Delivery Plan
of tests/reporting told over two published quarters, at a public Panel meeting), what the
database says Appendix 1 must show, and readers for the three formats.

The fixtures that build it are in tests/papers/conftest.py.
"""

from __future__ import annotations

import io
from collections import Counter

import docx

from planwatch.delivery.models import Update, UpdateState
from planwatch.delivery.selectors import delivery_plan
from planwatch.papers.models import Paper
from planwatch.plans.models import Plan
from tests.reporting.delivery_report import CURRENT, PREVIOUS, STORIES, UNPUBLISHED

__all__ = ["CURRENT", "PREVIOUS", "STORIES", "UNPUBLISHED"]

SECTIONS = [
    "1. Purpose",
    "2. Recommendations",
    "3. Terms of reference",
    "4. Background",
    "5. Delivery against the Plan",
    "6. Background documents",
    "7. Appendices",
]
CONTACT_OFFICER = "Dana Grey"
CONTACT_DETAILS = "opcc@northmoor.example 0300 000 0000"


def approved_counts(plan: Plan, slug: str = CURRENT) -> Counter:
    """How many actions stand at each status label in the quarter, counted from the updates
    themselves; actions without an approved update count under None."""
    updates = Update.objects.filter(
        action__plan=plan, period__slug=slug, state=UpdateState.APPROVED
    ).select_related("rag")
    found = Counter(update.rag.label for update in updates)
    found[None] = plan.actions.count() - sum(found.values())
    return found


def expected_rows(plan: Plan, slug: str = CURRENT) -> list[tuple[str, str, str]]:
    """(reference, status, direction of travel) of every action, as the Delivery Plan
    selector gives them for the quarter, in its order."""
    period = plan.periods.get(slug=slug)
    data = delivery_plan(user=None, plan=plan, period=period)
    rows = []
    for theme in data.themes:
        for group in theme.groups:
            for row in group.rows:
                direction = row.direction
                rows.append(
                    (
                        row.action.reference,
                        row.rag.label if row.rag else "No update",
                        f"{direction.arrow} {direction.label}" if direction else "Not assessed",
                    )
                )
    return rows


def read_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def docx_headings(document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Title"
    ]


def docx_action_rows(document) -> list[list[str]]:
    """The rows of the Appendix 1 tables (those headed Ref, Action, ... Commentary)."""
    return [
        [cell.text for cell in row.cells]
        for table in document.tables
        if [c.text for c in table.rows[0].cells][-1] == "Commentary"
        for row in table.rows[1:]
    ]


def reload(paper: Paper) -> Paper:
    return Paper.objects.get(pk=paper.pk)
