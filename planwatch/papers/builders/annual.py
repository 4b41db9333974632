"""The Commissioner's Annual Report for a financial year (Police Reform and Social
Responsibility Act 2011, s.12): progress against each objective, the actions completed in the
year, and each indicator's year against the year before."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from planwatch.delivery.models import ActionState, RagStatus
from planwatch.delivery.quarters import Quarter
from planwatch.papers.builders.common import (
    PANEL,
    ActionRecord,
    Narrative,
    chart_block,
    heading_for,
    key_for,
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
from planwatch.papers.builders.common import action_records as records_of
from planwatch.papers.content import Block, Cell, PaperContent, Paragraph, Section, Table
from planwatch.performance import wording
from planwatch.performance.chart_views import spc_chart, trend_chart
from planwatch.performance.figures import Comparison, Point, combine, compare
from planwatch.performance.periods import Period
from planwatch.performance.selectors import DataPack, IndicatorFigures
from planwatch.plans.models import Plan

YEAR = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class FinancialYear(Period):
    """April to March, written 2017-18."""

    @property
    def label(self) -> str:
        return self.slug

    @property
    def quarters(self) -> list[str]:
        return [Quarter(self.starts.year, number).slug for number in range(1, 5)]

    @property
    def previous(self) -> FinancialYear:
        return financial_year(self.starts.year - 1)


def financial_year(first: int) -> FinancialYear:
    slug = f"{first}-{(first + 1) % 100:02d}"
    return FinancialYear(slug, dt.date(first, 4, 1), dt.date(first + 1, 3, 31), False)


def parse_financial_year(text: str | None, plan: Plan) -> FinancialYear:
    """2017-18 within the Plan's years; ValueError with a plain message otherwise."""
    years = [f.slug for f in map(financial_year, range(_first(plan.starts), _first(plan.ends) + 1))]
    choices = wording.listing(years)
    match = YEAR.match(str(text or "").strip())
    if not text or not str(text).strip():
        raise ValueError(f"Give the financial year of the Annual Report, for example {years[0]}.")
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"{text!r} is not a financial year written like 2017-18: {choices}.")
    year = financial_year(int(match.group(1)))
    if year.slug not in years:
        raise ValueError(
            f"{year.slug} is outside the {plan.title} ({uk_date(plan.starts)} to "
            f"{uk_date(plan.ends)}): choose {choices}."
        )
    return year


def _first(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True)
class YearFigures:
    """An indicator's year against the year before: counts add up, proportions pool."""

    figures: IndicatorFigures
    this: Point | None
    last: Point | None
    found: tuple[int, int]  # months (or quarters) with a figure, this year and last
    wanted: int
    comparison: Comparison


def _year_point(figures: IndicatorFigures, year: FinancialYear) -> tuple[Point | None, int]:
    """The year's figure (only when every month or quarter has one) and how many have one."""
    wanted = year.quarters if figures.frequency == "quarterly" else year.months
    by_period = {p.period: p for p in figures.series}
    points = [by_period[slug] for slug in wanted if slug in by_period]
    if len(points) < len(wanted):
        return None, len(points)
    return combine(points, unit=figures.unit, period=year), len(points)


def year_figures(pack: DataPack, year: FinancialYear) -> list[YearFigures]:
    found = []
    for figures in pack.indicators:
        this, this_found = _year_point(figures, year)
        last, last_found = _year_point(figures, year.previous)
        comparison = compare(this, last, unit=figures.unit, polarity=figures.polarity)
        wanted = 4 if figures.frequency == "quarterly" else 12
        found.append(YearFigures(figures, this, last, (this_found, last_found), wanted, comparison))
    return found


def _judged(item: YearFigures) -> str:
    if item.this is None:
        return "no figure"
    return item.comparison.direction or "not judged"


def performance_words(items: list[YearFigures], year: FinancialYear) -> str:
    if not items:
        return "No indicators are linked to the Plan's themes yet."
    counts = Counter(_judged(item) for item in items)
    whole = len(items) - counts["no figure"]
    text = (
        f"{whole} of {plural(len(items), 'indicator')} {'has' if whole == 1 else 'have'} "
        f"figures for the whole of {year.slug}"
    )
    if not whole:
        return text + "."
    parts = [
        f"{counts['improving']} improving significantly",
        f"{counts['deteriorating']} deteriorating significantly",
        f"{counts['no significant change']} with no significant change",
    ]
    if counts["not judged"]:
        parts.append(f"{counts['not judged']} not judged")
    return (
        f"{text}: compared with {year.previous.slug}, {wording.listing(parts)}. Counts are "
        "the year's total; proportions pool the year's numerators and denominators."
    )


def _year_cell(item: YearFigures, which: int) -> Cell:
    point, found = (item.this, item.last)[which], item.found[which]
    if point is None and found:
        unit = "quarters" if item.figures.frequency == "quarterly" else "months"
        return Cell(f"Figures for {found} of {item.wanted} {unit} only")
    return Cell(wording.with_unit(point.value if point else None, item.figures.unit))


def _judgement(item: YearFigures) -> str:
    """Improving: significant decrease (p < 0.001, exact test for two counts)."""
    tested = wording.test(item.comparison, item.this, item.last)
    if item.comparison.test is None:
        return tested
    return f"{wording.judgement(item.comparison, item.figures.polarity)}: {tested}"


def _change(item: YearFigures, year: FinancialYear) -> str:
    if item.this is None:
        return f"No figure for the whole of {year.slug}"
    return wording.change(item.this, item.last, item.figures.unit, year.previous)


def _indicator_rows(items: list[YearFigures], year: FinancialYear) -> tuple:
    return tuple(
        (
            Cell(i.figures.name),
            _year_cell(i, 0),
            _year_cell(i, 1),
            Cell(_change(i, year)),
            Cell(_judgement(i)),
        )
        for i in items
    )


def _performance(pack: DataPack | None, year: FinancialYear, narrative: Narrative) -> Section:
    if pack is None:
        words = f"No performance figures are held for {year.slug}."
        return section(
            "Performance over the year", narrative.paragraph("performance_commentary", words)
        )
    items = year_figures(pack, year)
    blocks: list[Block] = [
        narrative.paragraph("performance_commentary", performance_words(items, year))
    ]
    charts = []
    if items:
        headings = ("Indicator", year.slug, year.previous.slug, "Change", "Judgement")
        caption = f"Indicators in {pack.area.name}, {year.slug} against {year.previous.slug}"
        blocks.append(Table(caption, headings, _indicator_rows(items, year), row_headings=True))
    for item in items:
        f, chart_id = item.figures, f"annual-{item.figures.code}"
        view = trend_chart(f, chart_id, pack) or spc_chart(f, chart_id, pack.area.name)
        if view:
            charts.append(section(f.name, chart_block(view)))
    return section("Performance over the year", *blocks, subsections=charts)


def _in_year(record: ActionRecord, year: FinancialYear) -> bool:
    """Reported in the year, or open in it and not finished before it started."""
    if record.latest(since=year.starts):
        return True
    action, before = record.action, record.latest()
    if action.state == ActionState.WITHDRAWN or (action.starts and action.starts > year.ends):
        return False
    return not (before and before.update.rag.is_complete)


def _latest_rag(record: ActionRecord, year: FinancialYear) -> RagStatus | None:
    entry = record.latest(since=year.starts)
    return entry.update.rag if entry else None


def completed_in(record: ActionRecord, year: FinancialYear):
    """The quarter of the year in which the action first reached a complete status."""
    first = next((e for e in record.entries if e.update.rag.is_complete), None)
    return first.period if first and first.period.starts >= year.starts else None


def _objectives(theme, records: list[ActionRecord], year, key, narrative) -> Section:
    mine = [r for r in records if r.action.theme_id == theme.pk]
    statuses = [_latest_rag(r, year) for r in mine]
    words = (
        f"{theme.name}: at the end of {year.slug}, {status_sentence(statuses, key)}."
        if mine
        else f"No actions were under way under the {theme.name} theme in {year.slug}."
    )
    groups = [
        (o.text, [r for r in mine if r.action.objective_id == o.pk]) for o in theme.objectives.all()
    ]
    unlinked = [r for r in mine if r.action.objective_id is None]
    if unlinked:
        groups.append(("Actions not linked to an objective", unlinked))
    subsections = []
    for text, group in groups:
        if not group:
            subsections.append(section(text, Paragraph("No actions were recorded against it.")))
            continue
        rows = tuple(
            (
                Cell(r.action.reference),
                Cell(r.action.title),
                Cell(r.action.lead_display or "Not named"),
                rag_cell(_latest_rag(r, year), f"No approved update in {year.slug}"),
                Cell(e.period.label if (e := r.latest(since=year.starts)) else "Not reported"),
            )
            for r in group
        )
        headings = ("Ref", "Action", "Lead", f"Latest status in {year.slug}", "Reported in")
        subsections.append(section(text, Table(f"Actions: {text}", headings, rows, True)))
    return section(
        theme.name, narrative.paragraph(key_for(theme.name), words), subsections=subsections
    )


def _were(count: int, noun: str) -> str:
    return f"{plural(count, noun)} {'was' if count == 1 else 'were'}"


def delivery_words(year: FinancialYear, quarters: int, statuses, completed: int, key) -> str:
    """The default commentary on the year's delivery."""
    published = (
        f"{plural(quarters, 'quarter')} of the Delivery Plan {'was' if quarters == 1 else 'were'}"
        " published"
        if quarters
        else "no quarter of the Delivery Plan was published"
    )
    return (
        f"In {year.slug}, {published}. Taking each action's latest approved status in the "
        f"year, {status_sentence(statuses, key)}. {_were(completed, 'action')} completed in "
        "the year."
    )


def _completed(completed: list, year: FinancialYear, narrative: Narrative) -> Section:
    words = f"{_were(len(completed), 'action')} completed in {year.slug}."
    blocks: list[Block] = [narrative.paragraph("completed_commentary", words)]
    if completed:
        rows = tuple(
            (
                Cell(r.action.reference),
                Cell(r.action.title),
                Cell(r.action.theme.name),
                Cell(q.label),
            )
            for r, q in completed
        )
        headings = ("Ref", "Action", "Theme", "Completed in")
        blocks.append(Table(f"Actions completed in {year.slug}", headings, rows, True))
    return section(f"Actions completed in {year.slug}", *blocks)


def build_annual(
    plan: Plan,
    *,
    period: str | None = None,
    theme: Any = None,
    year: str | None = None,
    paper: Any = None,
) -> PaperContent:
    """The Annual Report for a financial year such as 2017-18 (ValueError when it is missing,
    malformed or outside the Plan): what the published quarters of the year say of each
    objective's actions, the actions completed in it, and each indicator over the year."""
    chosen = parse_financial_year(year, plan)
    periods, all_records = records_of(plan, until=chosen.ends)
    quarters = [p for p in periods if p.starts >= chosen.starts]
    records = [r for r in all_records if _in_year(r, chosen)]
    key = list(plan.rag_statuses.all())
    themes = list(plan.themes.prefetch_related("objectives"))
    narrative = Narrative(paper)
    heading = heading_for(paper, body=PANEL)
    statuses = [_latest_rag(r, chosen) for r in records]
    completed = [(r, q) for r in records if (q := completed_in(r, chosen))]
    pack = pack_for(plan, chosen.months[-1])
    sections = [
        section(
            "Purpose",
            narrative.paragraph(
                "purpose",
                f"This report presents the Commissioner's Annual Report for {chosen.slug} "
                f"({uk_date(chosen.starts)} to {uk_date(chosen.ends)}) to the {heading.body}: "
                f"the progress made in the year against the objectives of the {plan.title}.",
            ),
        ),
        section(
            "Recommendations",
            narrative.paragraph(
                "recommendations",
                f"The {heading.body} is recommended to review the Annual Report at this public "
                "meeting and to make any report or recommendations on it to the Commissioner.",
            ),
        ),
        section(
            "Background",
            narrative.paragraph(
                "background",
                "Section 12 of the Police Reform and Social Responsibility Act 2011 requires the "
                "Commissioner to produce a report for each financial year on the exercise of "
                "their functions and the progress made in meeting the police and crime "
                f"objectives of the Plan. The {plan.title} runs from {uk_date(plan.starts)} to "
                f"{uk_date(plan.ends)}.",
            ),
        ),
        section(
            f"Delivery of the Plan in {chosen.slug}",
            narrative.paragraph(
                "delivery_commentary",
                delivery_words(chosen, len(quarters), statuses, len(completed), key),
            ),
            status_table(f"Actions by latest status in {chosen.slug}", statuses, key),
        ),
        section(
            "Progress against the objectives",
            subsections=[_objectives(t, records, chosen, key, narrative) for t in themes],
        ),
        _completed(completed, chosen, narrative),
        _performance(pack, chosen, narrative),
    ]
    return PaperContent(
        kind="annual",
        title=title_for(paper, f"Annual Report {chosen.slug}"),
        heading=heading,
        sections=numbered(sections),
        made_from=made_from(
            plan=plan.slug, year=chosen.slug, area=pack.area.code if pack else None
        ),
    )
