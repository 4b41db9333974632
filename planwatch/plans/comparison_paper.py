"""The comparison of two versions of a Plan as a document (Word, tagged PDF, HTML), built into
the papers' content shape so it prints like every paper."""

from __future__ import annotations

from planwatch.papers.content import Cell, HeadingBlock, PaperContent, Paragraph, Section, Table
from planwatch.plans.compare import Change
from planwatch.plans.models import Plan, PlanVersion

ELEMENTS = {
    "theme": "Theme",
    "aim": "Aim",
    "outcome": "Shared outcome",
    "objective": "Objective",
    "priority": "Priority for action",
}


def _version(version: PlanVersion) -> str:
    when = version.effective_from
    state = version.get_state_display().lower()
    return f"version {version.number} ({state}{f', in force from {when:%d/%m/%Y}' if when else ''})"


def build_comparison(
    plan: Plan, old: PlanVersion, new: PlanVersion, changes: list[Change]
) -> PaperContent:
    counts = {
        kind: sum(c.change == kind for c in changes) for kind in ("added", "removed", "changed")
    }
    summary = (
        f"{plan.title}: what {_version(new)} changes from {_version(old)}. "
        f"{counts['added']} added, {counts['removed']} removed and {counts['changed']} changed."
    )
    if new.reason:
        summary += f" The reason given for version {new.number}: {new.reason}"
    rows = tuple(
        (
            Cell(ELEMENTS[c.element]),
            Cell(c.change.capitalize()),
            Cell(c.theme + (f" / {c.objective}" if c.objective else "")),
            Cell(c.old or "–"),
            Cell(c.new or "–"),
        )
        for c in changes
    )
    table = Table(
        caption=f"Changes from version {old.number} to version {new.number}",
        headings=("Element", "Change", "Where", "Was", "Now"),
        rows=rows,
        row_headings=True,
    )
    blocks = (table,) if rows else (Paragraph("The two versions say the same."),)
    return PaperContent(
        kind="plan-comparison",
        title=f"{plan.title}: version {old.number} and version {new.number} compared",
        heading=HeadingBlock(body=plan.area, report_of=f"The Commissioner, {plan.commissioner}"),
        sections=(Section("1", "Summary", (Paragraph(summary),)), Section("2", "Changes", blocks)),
        made_from={"plan": plan.slug, "from": str(old.number), "to": str(new.number)},
    )
