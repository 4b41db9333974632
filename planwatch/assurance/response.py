"""The Commissioner's response to an inspection report (Police Act 1996 s.55), drafted from what
PlanWatch holds: the report, its grades, and for each recommendation, area for improvement and
cause of concern the action taken or proposed, or why none. Built into the papers' content
shape, so it prints as Word, tagged PDF and HTML like every paper."""

from __future__ import annotations

from planwatch.assurance.models import Inspection, RecommendationKind
from planwatch.papers.content import Cell, HeadingBlock, PaperContent, Paragraph, Section, Table

NO_RESPONSE = "No response recorded yet."
HEADINGS = ("Ref", "Kind", "What the report asks", "Action taken or proposed", "Status")
ORDER = {
    RecommendationKind.CAUSE_OF_CONCERN: 0,
    RecommendationKind.RECOMMENDATION: 1,
    RecommendationKind.AREA_FOR_IMPROVEMENT: 2,
}


def _date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def build_response(inspection: Inspection, *, commissioner_of: str) -> PaperContent:
    """The response for `inspection`; `commissioner_of` names the area, e.g. "Northmoor"."""
    due = inspection.response_due
    opening = inspection.comments.strip() or (
        f"His Majesty's Inspectorate of Constabulary and Fire & Rescue Services published "
        f"{inspection.title} on {_date(inspection.published_on)}. Section 55 of the Police Act "
        f"1996 requires the Police and Crime Commissioner to publish comments on the report "
        f"within 56 days of its publication, by {_date(due)}, setting out for each "
        f"recommendation the action taken or proposed, or why none is."
    )
    sections = [Section("1", "Introduction", (Paragraph(opening, editable="comments"),))]
    grades = list(inspection.grades.select_related("grade"))
    if grades:
        sections.append(
            Section(
                str(len(sections) + 1),
                "Grades",
                (
                    Table(
                        caption=f"Grades given in {inspection.title}",
                        headings=("Area", "Grade", "Grading scheme"),
                        rows=tuple(
                            (Cell(g.area), Cell(g.grade.label), Cell(g.scheme)) for g in grades
                        ),
                        row_headings=True,
                    ),
                ),
            )
        )
    items = sorted(
        inspection.recommendations.select_related("owner"),
        key=lambda r: (ORDER.get(r.kind, 9), r.pk),
    )
    rows = tuple(
        (
            Cell(r.reference),
            Cell(r.get_kind_display()),
            Cell(r.text),
            Cell(r.response.strip() or NO_RESPONSE),
            Cell(r.get_status_display()),
        )
        for r in items
    )
    blocks = (
        (
            Table(
                caption="The Commissioner's response to each recommendation",
                headings=(
                    "Ref",
                    "Kind",
                    "What the report asks",
                    "Action taken or proposed",
                    "Status",
                ),
                rows=rows,
                row_headings=True,
            ),
        )
        if rows
        else (Paragraph("The report makes no recommendations."),)
    )
    sections.append(Section(str(len(sections) + 1), "Response to the recommendations", blocks))
    return PaperContent(
        kind="s55-response",
        title=f"Response of the Police and Crime Commissioner to {inspection.title}",
        heading=HeadingBlock(
            body=f"Police and Crime Commissioner for {commissioner_of}",
            meeting_date=f"Response due by {_date(due)}",
            public=True,
            report_of="the Police and Crime Commissioner",
        ),
        sections=tuple(sections),
        made_from={"inspection": inspection.reference, "response_due": due.isoformat()},
    )
