"""The theme report (deep dive) to the Police and Crime Panel: one theme of the Plan, the
actions under it with their approved history, and the indicators that evidence it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import ActionState, ReportingPeriod
from planwatch.papers.builders.common import (
    PANEL,
    ActionRecord,
    Narrative,
    action_records,
    appendices,
    appendix_list,
    direction_text,
    heading_for,
    indicator_section,
    indicator_table,
    judgement_sentence,
    made_from,
    numbered,
    pack_for,
    plural,
    rag_cell,
    section,
    status_sentence,
    status_table,
    title_for,
    uk_date,
)
from planwatch.papers.content import (
    Block,
    BulletList,
    Cell,
    PaperContent,
    Paragraph,
    Section,
    Table,
)
from planwatch.performance import wording
from planwatch.performance.display import data_pack_view
from planwatch.performance.periods import parse_period
from planwatch.performance.selectors import DataPack
from planwatch.plans.models import Plan, Theme


def theme_of(plan: Plan, theme: Theme | str | None) -> Theme:
    """The Plan's theme, given as a Theme or its name (any case); ValueError naming the
    choices when it is missing or not one of the Plan's."""
    themes = list(plan.themes.prefetch_related("outcomes", "objectives__priorities"))
    choices = ", ".join(t.name for t in themes) or "none: the Plan has no themes"
    if isinstance(theme, Theme):
        found = next((t for t in themes if t.pk == theme.pk), None)
        if found is None:
            raise ValueError(f"{theme.name!r} is not a theme of {plan.title}: choose {choices}.")
        return found
    wanted = str(theme or "").strip().casefold()
    if not wanted:
        raise ValueError(f"Choose a theme of {plan.title}: {choices}.")
    found = next((t for t in themes if t.name.casefold() == wanted), None)
    if found is None:
        raise ValueError(f"{plan.title} has no theme {theme!r}: choose {choices}.")
    return found


def _the_theme(theme: Theme) -> Section:
    objectives = []
    for objective in theme.objectives.all():
        priorities = tuple(p.text for p in objective.priorities.all())
        blocks: list[Block] = [Paragraph(objective.text)]
        if priorities:
            blocks += [Paragraph("Priorities for action:"), BulletList(priorities)]
        objectives.append(section(f"Objective {len(objectives) + 1}", *blocks))
    outcomes = tuple(o.text for o in theme.outcomes.all())
    return section(
        f"The {theme.name} theme",
        subsections=[
            section("Aim", Paragraph(theme.aim)),
            section(
                "Shared outcomes",
                BulletList(outcomes) if outcomes else Paragraph("No shared outcomes are set."),
            ),
            section(
                "Key objectives and priorities for action",
                *([] if objectives else [Paragraph("No objectives are set.")]),
                subsections=objectives,
            ),
        ],
    )


class _Current:
    """An action and its approved update in the latest published quarter, if it has one."""

    def __init__(self, record: ActionRecord, latest: ReportingPeriod) -> None:
        entry = record.latest()
        self.action = record.action
        self.entry = entry if entry and entry.period == latest else None
        self.rag = self.entry.update.rag if self.entry else None


def _current(records: list[ActionRecord], latest: ReportingPeriod) -> list[_Current]:
    """Each action's entry in the latest quarter; withdrawn actions only if reported in it."""
    found = [_Current(r, latest) for r in records]
    return [c for c in found if c.action.state != ActionState.WITHDRAWN or c.entry]


def _direction_words(current: list[_Current], previous: ReportingPeriod | None) -> str:
    found = Counter(c.entry.direction for c in current if c.entry and c.entry.direction)
    if not found:
        return ""
    said = {
        Direction.IMPROVING: ("improved", "improved"),
        Direction.NO_CHANGE: ("is unchanged", "are unchanged"),
        Direction.DETERIORATING: ("deteriorated", "deteriorated"),
        Direction.NEW: ("is new", "are new"),
        Direction.COMPLETED: ("is complete", "are complete"),
    }
    parts = [f"{found[d]} {said[d][found[d] != 1]}" for d in Direction if found[d]]
    since = f"Since {previous.label}" if previous else "Direction of travel"
    return f" {since}: {wording.listing(parts)}."


def _there_are(count: int) -> str:
    return f"There {'is' if count == 1 else 'are'} {plural(count, 'action')}"


def delivery_words(theme: Theme, periods: list[ReportingPeriod], records, key) -> str:
    """The default commentary on the theme's delivery, from the latest published quarter."""
    if not records:
        return f"No actions are recorded under the {theme.name} theme yet."
    if not periods:
        return (
            f"{_there_are(len(records))} under the {theme.name} theme. No quarter has been "
            "published yet, so no approved updates can be reported."
        )
    latest = periods[-1]
    current = _current(records, latest)
    text = (
        f"{_there_are(len(current))} under the {theme.name} theme. In "
        f"{latest.label}, the latest published quarter, "
        f"{status_sentence([c.rag for c in current], key)}."
    )
    return text + _direction_words(current, periods[-2] if len(periods) > 1 else None)


def _delivery(theme, periods, records, key, narrative: Narrative) -> Section:
    blocks: list[Block] = [
        narrative.paragraph("delivery_commentary", delivery_words(theme, periods, records, key))
    ]
    if periods and records:
        latest = periods[-1]
        current = _current(records, latest)
        statuses = [c.rag for c in current]
        blocks.append(status_table(f"Actions by status, {latest.label}", statuses, key))
        rows = tuple(
            (
                Cell(c.action.reference),
                Cell(c.action.title),
                Cell(c.action.lead_display or "Not named"),
                Cell(uk_date(c.action.due) or "Not set"),
                rag_cell(c.rag),
                Cell(direction_text(c.entry.direction if c.entry else None)),
            )
            for c in current
        )
        headings = ("Ref", "Action", "Lead", "Due", f"Status, {latest.label}", "Direction")
        blocks.append(Table(f"Actions under {theme.name}", headings, rows, row_headings=True))
        blocks.append(Paragraph("Each action's quarterly updates are set out in Appendix 1."))
    return section(f"Delivery of the {theme.name} theme", *blocks)


def _history(record: ActionRecord) -> Section:
    action = record.action
    facts = [f"Lead: {action.lead_display or 'not named'}"]
    if action.objective:
        facts.append(f"Objective: {action.objective.text}")
    if action.due:
        facts.append(f"Due: {uk_date(action.due)}")
    facts.append(f"State: {action.get_state_display()}")
    blocks: list[Block] = [BulletList(tuple(facts))]
    if record.entries:
        rows = tuple(
            (
                Cell(e.period.label),
                rag_cell(e.update.rag),
                Cell(direction_text(e.direction)),
                Cell(e.update.commentary or "No commentary."),
            )
            for e in record.entries
        )
        headings = ("Quarter", "Status", "Direction of travel", "Commentary")
        blocks.append(Table(f"Updates for {action.reference}", headings, rows, row_headings=True))
    else:
        blocks.append(Paragraph("No approved update has been published for this action yet."))
    return section(f"{action.reference} {action.title}", *blocks)


def performance_words(theme: Theme, pack: DataPack | None, items) -> str:
    if pack is None:
        return f"No performance figures are held for {theme.name} yet."
    if not items:
        return f"No indicators are linked to the {theme.name} theme yet."
    return (
        f"{plural(len(items), 'indicator')} {'evidences' if len(items) == 1 else 'evidence'} "
        f"the {theme.name} theme in "
        f"{pack.area.name}. {judgement_sentence([i.figures for i in items], pack)}"
    )


def _performance(theme: Theme, pack: DataPack | None, narrative: Narrative) -> Section:
    if pack is None:
        items: tuple = ()
    else:
        view = data_pack_view(pack)
        items = next((t.indicators for t in view.themes if t.name == theme.name), ())
    blocks: list[Block] = [
        narrative.paragraph("performance_commentary", performance_words(theme, pack, items))
    ]
    if pack is not None and items:
        caption = f"Indicators of the {theme.name} theme, {pack.period.label}"
        blocks.append(indicator_table(caption, items, pack))
    subsections = [indicator_section(item, pack) for item in items] if pack else []
    return section("Performance", *blocks, subsections=subsections)


def build_theme(
    plan: Plan,
    *,
    period: str | None = None,
    theme: Theme | str | None = None,
    year: str | None = None,
    paper: Any = None,
) -> PaperContent:
    """A deep dive on one theme: its aim, shared outcomes, objectives and priorities, the
    actions under it with every approved update of a published quarter, and its indicators
    with their charts for the period (a month or quarter; by default the latest month with
    figures). The Delivery Plan history runs to the end of the period when one is given."""
    chosen = theme_of(plan, theme)
    until = parse_period(period).ends if period else None  # ValueError for a bad period
    pack = pack_for(plan, period)
    periods, records = action_records(plan, theme=chosen, until=until)
    key = list(plan.rag_statuses.all())
    narrative = Narrative(paper)
    as_at = f" to {pack.period.label}" if pack else ""
    body = heading_for(paper, body=PANEL)
    history = section(
        f"Delivery of the {chosen.name} theme: each action's updates",
        Paragraph(
            "Every approved update of a published quarter, oldest first, with the direction "
            "of travel since the quarter before."
        )
        if records
        else Paragraph("No actions are recorded under this theme yet."),
        subsections=[_history(record) for record in records],
    )
    extra = appendices([history])
    sections = [
        section(
            "Purpose",
            narrative.paragraph(
                "purpose",
                f"This report gives the {body.body} a detailed account of the {chosen.name} "
                f"theme of the {plan.title}{as_at}: its aim, shared outcomes, objectives and "
                "priorities, the progress of the actions under it and the indicators that "
                "evidence it.",
            ),
        ),
        section(
            "Recommendations",
            narrative.paragraph(
                "recommendations", f"The {body.body} is recommended to note the report."
            ),
        ),
        section(
            "Background",
            narrative.paragraph(
                "background",
                "Under the Police Reform and Social Responsibility Act 2011, the Commissioner "
                f"is required to produce a Police and Crime Plan. The {plan.title} runs from "
                f"{uk_date(plan.starts)} to {uk_date(plan.ends)} and is structured around "
                f"{plural(len(plan.themes.all()), 'theme')}: "
                f"{wording.listing([t.name for t in plan.themes.all()])}. The Panel receives a "
                "detailed report on one or two themes at each meeting, in rotation.",
            ),
        ),
        _the_theme(chosen),
        _delivery(chosen, periods, records, key, narrative),
        _performance(chosen, pack, narrative),
        appendix_list(extra),
    ]
    return PaperContent(
        kind="theme",
        title=title_for(paper, f"Police and Crime Plan theme report: {chosen.name}"),
        heading=body,
        sections=numbered(sections),
        appendices=extra,
        made_from=made_from(
            plan=plan.slug,
            theme=chosen.name,
            period=pack.period.slug if pack else period,
            area=pack.area.code if pack else None,
        ),
    )
