"""Monitoring the delivery of the Police and Crime Plan: the Panel's paper in the structure of
its real papers (Cambridgeshire, September 2018), with the Delivery Plan for a quarter as
Appendix 1, each action with its RAG status, direction of travel and the key.

The narrative is worded from the data (how many actions stand at each status, what changed
since the quarter before, when the Delivery Plan was last reported); officers edit it.
A quarter that is not yet published gives a draft that includes updates awaiting approval.
"""

from __future__ import annotations

from typing import Any

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import ReportingPeriod
from planwatch.delivery.selectors import DeliveryPlan, delivery_plan
from planwatch.governance.models import Body
from planwatch.papers.builders.common import (
    PANEL,
    Narrative,
    appendices,
    appendix_list,
    heading_for,
    made_from,
    numbered,
    plural,
    section,
    status_sentence,
    status_table,
    title_for,
    uk_date,
)
from planwatch.papers.builders.delivery_appendix import cell_for, delivery_plan_appendix
from planwatch.papers.content import Block, BulletList, Cell, PaperContent, Table
from planwatch.papers.models import Kind
from planwatch.papers.selectors import earlier_papers
from planwatch.performance.wording import listing
from planwatch.plans.models import Plan
from planwatch.reporting.delivery_plan.document import Doc, delivery_plan_document

TITLE = "Monitoring the delivery of the Police and Crime Commissioner's Police and Crime Plan"
CHANGED = {
    Direction.IMPROVING: ("has improved", "have improved"),
    Direction.NO_CHANGE: ("is unchanged", "are unchanged"),
    Direction.DETERIORATING: ("has deteriorated", "have deteriorated"),
    Direction.NEW: ("is new", "are new"),
    Direction.COMPLETED: ("has been completed", "have been completed"),
}


def period_of(plan: Plan, period: ReportingPeriod | str | None) -> ReportingPeriod:
    """The Plan's reporting period, given as a period or its slug (by default the latest
    published one); ValueError naming the choices when there is none such."""
    periods = list(plan.periods.order_by("starts"))
    choices = ", ".join(p.slug for p in periods) or "none: the Plan has no reporting periods"
    if isinstance(period, ReportingPeriod):
        period = period.slug
    if not period:
        published = [p for p in periods if p.is_published]
        if not published:
            raise ValueError(f"Choose a reporting period of {plan.title}: {choices}.")
        return published[-1]
    found = next((p for p in periods if p.slug == str(period).strip()), None)
    if found is None:
        raise ValueError(f"{plan.title} has no reporting period {period!r}: choose {choices}.")
    return found


def short_name(paper: Any, body: str) -> str:
    """The Panel, the Board: the body's short name, or the last word of its name."""
    found = getattr(getattr(paper, "body", None), "short_name", "")
    return found or (body.split()[-1] if body.split() else "Panel")


def _theme_counts(plan: Plan) -> str:
    themes = list(plan.themes.prefetch_related("outcomes", "objectives__priorities"))
    names = [t.name for t in themes]
    outcomes = sum(len(t.outcomes.all()) for t in themes)
    objectives = [o for t in themes for o in t.objectives.all()]
    priorities = sum(len(o.priorities.all()) for o in objectives)
    text = (
        f"The Plan became effective from {uk_date(plan.starts)} and is structured around "
        f"{plural(len(themes), 'strategic theme')}"
    )
    text += f": {listing(names)}." if names else "."
    if themes:
        text += (
            f" Each theme has its own aim; together they have {plural(outcomes, 'shared outcome')}"
            f" that give every agency with a part to play in community safety and criminal "
            f"justice common goals, supported by {plural(len(objectives), 'key objective')} and "
            f"{priorities} {'priority' if priorities == 1 else 'priorities'} for action."
        )
    return text + " Effective partnership working is essential to the delivery of the Plan."


def changes_sentence(data: DeliveryPlan) -> str:
    """What changed since the quarter before, in words."""
    previous = data.previous_period
    if previous is None:
        return (
            "There is no earlier published quarter to compare with, so the direction of travel "
            "of every action with an approved status is new."
        )
    found = dict(data.summary.directions)
    parts = [f"{found[d]} {CHANGED[d][found[d] != 1]}" for d in Direction if found.get(d)]
    if not parts:
        return f"No action has an approved status to compare with {previous.label} yet."
    return (
        f"Compared with {previous.label}, the previous published quarter, {listing(parts)}. "
        "The direction of travel beside each status in Appendix 1 compares it with that quarter."
    )


def _deteriorated(data: DeliveryPlan, doc: Doc) -> list[Block]:
    """The actions whose approved status is worse than in the quarter before."""
    worse = {
        row.action.reference
        for row in data.summary.rows
        if row.direction == Direction.DETERIORATING
    }
    lines = [line for line in doc.lines if line.reference in worse]
    if not lines or data.previous_period is None:
        return []
    rows = tuple(
        (
            Cell(line.reference),
            Cell(line.title),
            Cell(line.lead),
            Cell(line.previous_status),
            cell_for(line.status, line.status_text),
        )
        for line in lines
    )
    return [
        Table(
            f"Actions whose status is worse than in {data.previous_period.label}",
            ("Ref", "Action", "Lead", data.previous_period.label, data.period.label),
            rows,
            row_headings=True,
        )
    ]


def _direction_table(data: DeliveryPlan) -> Table:
    rows = tuple(
        (Cell(f"{d.arrow} {d.label}"), Cell(f"{count:,}")) for d, count in data.summary.directions
    )
    caption = f"Actions by direction of travel, {data.period.label}"
    return Table(caption, ("Direction of travel", "Actions"), rows, row_headings=True)


def _last_report(paper: Any, plan: Plan, short: str) -> tuple[str, list[str]]:
    """When the Delivery Plan was last reported to the body, and the earlier papers."""
    body = getattr(paper, "body", None)
    meeting = getattr(paper, "meeting", None)
    earlier = earlier_papers(
        plan=plan,
        kind=Kind.DELIVERY_MONITORING,
        body=body if isinstance(body, Body) else None,
        before=getattr(meeting, "starts", None),
        exclude=getattr(paper, "pk", None),
    )
    documents = []
    for found, version in earlier:
        where = ", ".join(
            part
            for part in (
                f"Agenda Item {found.agenda_number}" if found.agenda_number else "",
                found.body.name,
                uk_date(found.meeting.starts if found.meeting else version.published_at),
            )
            if part
        )
        documents.append(f"‘{version.title}’, {where}")
    if not earlier:
        return f"PlanWatch holds no earlier report to the {short} on the Delivery Plan.", documents
    last, version = earlier[0]
    reported = plan.periods.filter(slug=last.period).first() if last.period else None
    content_period = f", for {reported.label}" if reported else ""
    when = uk_date(last.meeting.starts if last.meeting else version.published_at)
    item = f" (Agenda Item {last.agenda_number})" if last.agenda_number else ""
    return (
        f"The Delivery Plan was last reported to the {short} on {when}{item}{content_period}.",
        documents,
    )


def build_delivery_monitoring(
    plan: Plan,
    *,
    period: ReportingPeriod | str | None = None,
    theme: Any = None,
    year: str | None = None,
    paper: Any = None,
) -> PaperContent:
    """The paper for a reporting period (by default the latest published one)."""
    chosen = period_of(plan, period)
    data = delivery_plan(
        user=None, plan=plan, period=chosen, include_unapproved=not chosen.is_published
    )
    doc = delivery_plan_document(data)
    narrative = Narrative(paper)
    heading = heading_for(paper, body=PANEL)
    short = short_name(paper, heading.body)
    last_report, documents = _last_report(paper, plan, short)
    statuses = [row.rag for row in data.summary.rows]
    extra = appendices([delivery_plan_appendix(data, doc)])
    listed = narrative.texts.get("background_documents")
    sections = [
        section(
            "Purpose",
            narrative.paragraph(
                "purpose",
                f"This report is being presented to the {heading.body} (the “{short}”) to "
                f"enable the {short} to review the progress against the key activities "
                f"identified in the Police and Crime Commissioner's (the “Commissioner”) "
                f"{plan.title} (the “Plan”).",
            ),
        ),
        section(
            "Recommendations",
            narrative.paragraph(
                "recommendations", f"The {short} is recommended to note the report."
            ),
        ),
        section(
            "Terms of reference",
            narrative.paragraph(
                "terms_of_reference",
                "To support the effective exercise of the functions of the Police and Crime "
                "Commissioner.",
            ),
        ),
        section(
            "Background",
            narrative.paragraph(
                "background",
                "Under the Police Reform and Social Responsibility Act 2011, the Commissioner is "
                f"required to produce a Police and Crime Plan.\n\n{_theme_counts(plan)}",
            ),
        ),
        section(
            "Delivery against the Plan",
            narrative.paragraph(
                "delivery_summary",
                f"The Delivery Plan at Appendix 1 sets out "
                f"{plural(data.summary.total, 'action')} to deliver the Plan and their status "
                f"for {chosen.label} ({uk_date(chosen.starts)} to {uk_date(chosen.ends)}): "
                f"{status_sentence(statuses, data.key)}.",
            ),
            status_table(f"Actions by status, {chosen.label}", statuses, data.key),
            narrative.paragraph("delivery_changes", changes_sentence(data)),
            _direction_table(data),
            *_deteriorated(data, doc),
            narrative.paragraph(
                "delivery_reporting",
                f"{last_report} Performance data are included in the quarterly performance "
                "report and data pack to the Commissioner's Business Co-ordination Board, which "
                f"the public and the {short} have access to. The {short} also receives detailed "
                "reports on each theme of the Plan in rotation.",
            ),
        ),
        section(
            "Background documents",
            BulletList(
                tuple(line.strip() for line in listed.splitlines() if line.strip())
                if listed
                else (f"Police and Crime Commissioner's {plan.title}", *documents),
                editable="background_documents",
            ),
        ),
        appendix_list(extra),
    ]
    return PaperContent(
        kind=Kind.DELIVERY_MONITORING.value,
        title=title_for(paper, TITLE),
        heading=heading,
        sections=numbered(sections),
        appendices=extra,
        made_from=made_from(
            plan=plan.slug,
            period=chosen.slug,
            compared_with=data.previous_period.slug if data.previous_period else None,
            draft="yes" if doc.draft else None,
        ),
    )
