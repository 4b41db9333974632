"""The performance report to the Business Co-ordination Board, with the data pack appended.

Every figure, judgement and chart comes from the data pack (planwatch.performance.selectors
and display), so the report says what the data pack page says.
"""

from __future__ import annotations

from typing import Any

from planwatch.papers.builders.common import (
    BCB,
    Narrative,
    appendices,
    appendix_list,
    chart_block,
    heading_for,
    indicator_section,
    indicator_table,
    judgement_counts,
    judgement_sentence,
    key_for,
    made_from,
    numbered,
    pack_for,
    section,
    title_for,
)
from planwatch.papers.content import Block, Cell, PaperContent, Paragraph, Section, Table
from planwatch.performance import wording
from planwatch.performance.display import DataPackView, data_pack_view
from planwatch.performance.periods import parse_period
from planwatch.performance.selectors import DataPack, IndicatorFigures
from planwatch.plans.models import Plan

JUDGEMENTS = (
    ("improving", "Improving significantly"),
    ("deteriorating", "Deteriorating significantly"),
    ("no significant change", "No significant change"),
    ("not judged", "Not judged (not tested, or neither higher nor lower is better)"),
    ("no figure", "No figure for the period"),
)


def _judged(figures: IndicatorFigures) -> str:
    if figures.figure is None:
        return "no figure"
    return figures.comparison.direction or "not judged"


def _named(indicators: list[IndicatorFigures]) -> str:
    """Improving significantly: A. Deteriorating significantly: B and C."""
    sentences = []
    for key, label in JUDGEMENTS[:2]:
        names = [i.name for i in indicators if _judged(i) == key]
        if names:
            sentences.append(f"{label}: {wording.listing(names)}.")
    return " ".join(sentences)


def _spc_words(indicators: list[IndicatorFigures]) -> str:
    concern = [i.name for i in indicators if i.spc and i.spc.variation == "concern"]
    better = [i.name for i in indicators if i.spc and i.spc.variation == "improvement"]
    sentences = []
    if concern:
        sentences.append(
            f"Control charts show special cause concern for {wording.listing(concern)}."
        )
    if better:
        sentences.append(
            f"Control charts show special cause improvement for {wording.listing(better)}."
        )
    if not sentences and any(i.spc for i in indicators):
        sentences.append("No control chart shows special cause concern or improvement.")
    return " ".join(sentences)


def summary_words(pack: DataPack) -> str:
    """The default summary: counts by judgement, the indicators named, and SPC signals."""
    indicators = pack.indicators
    parts = [
        f"{pack.area.name}, {pack.period.label}.",
        judgement_sentence(indicators, pack),
        _named(indicators),
        _spc_words(indicators),
    ]
    return " ".join(part for part in parts if part)


def _summary(pack: DataPack | None, narrative: Narrative, period_label: str) -> Section:
    if pack is None:
        return section(
            "Summary of performance",
            narrative.paragraph(
                "summary_commentary", f"No performance figures are held for {period_label}."
            ),
        )
    counts = judgement_counts(pack.indicators)
    rows = tuple(
        (
            Cell(label),
            Cell(f"{counts[key]:,}"),
            Cell(wording.listing([i.name for i in pack.indicators if _judged(i) == key]) or "None"),
        )
        for key, label in JUDGEMENTS
    )
    table = Table(
        f"Indicators by judgement, {pack.period.label} compared with {pack.previous_period.label}",
        ("Judgement", "Indicators", "Which"),
        (*rows, (Cell("Total"), Cell(f"{len(pack.indicators):,}"), Cell(""))),
        row_headings=True,
    )
    return section(
        "Summary of performance",
        narrative.paragraph("summary_commentary", summary_words(pack)),
        table,
    )


def _by_theme(view: DataPackView | None, narrative: Narrative) -> Section:
    if view is None:
        return section("Performance by theme", Paragraph("No figures are held for the period."))
    pack, themes = view.pack, []
    for theme in view.themes:
        figures = [item.figures for item in theme.indicators]
        words = " ".join(
            part
            for part in (
                judgement_sentence(figures, pack) if figures else "No indicators are linked to it.",
                _named(figures),
            )
            if part
        )
        blocks: list[Block] = [narrative.paragraph(key_for(theme.name), words)]
        if theme.indicators:
            caption = f"Indicators of the {theme.name} theme, {pack.period.label}"
            blocks.append(indicator_table(caption, theme.indicators, pack))
        themes.append(section(theme.name, *blocks))
    return section(
        "Performance by theme",
        Paragraph("Each indicator's figures, charts and data notes are in Appendix 1."),
        subsections=themes,
    )


def _data_pack(view: DataPackView | None, period_label: str) -> Section:
    if view is None:
        return section(
            f"Performance data pack: {period_label}",
            Paragraph(f"No performance figures are held for {period_label}."),
        )
    pack = view.pack
    blocks: list[Block] = [Paragraph(sentence) for sentence in view.summary]
    if view.crime_chart:
        blocks.append(chart_block(view.crime_chart))
    themes = [
        section(
            theme.name,
            *([] if theme.indicators else [Paragraph("No indicators are linked to it.")]),
            subsections=[indicator_section(item, pack) for item in theme.indicators],
        )
        for theme in view.themes
    ]
    return section(
        f"Performance data pack: {pack.period.label}, {pack.area.name}", *blocks, subsections=themes
    )


def build_performance(
    plan: Plan,
    *,
    period: str | None = None,
    theme: Any = None,
    year: str | None = None,
    paper: Any = None,
) -> PaperContent:
    """The performance report for a month or quarter (by default the latest month with
    figures): a summary of how many indicators are improving, deteriorating or show no
    significant change, each theme's indicators, and the data pack as Appendix 1."""
    chosen = parse_period(period) if period else None  # ValueError for a bad period
    pack = pack_for(plan, period)
    view = data_pack_view(pack) if pack else None
    period_label = pack.period.label if pack else (chosen.label if chosen else "the period")
    narrative = Narrative(paper)
    heading = heading_for(paper, body=BCB)
    extra = appendices([_data_pack(view, period_label)])
    compared = f", compared with {pack.previous_period.label}" if pack else ""
    sections = [
        section(
            "Purpose",
            narrative.paragraph(
                "purpose",
                f"This report sets out for the {heading.body} how the indicators of the "
                f"{plan.title} performed in {period_label}{compared}. The performance data "
                "pack is at Appendix 1.",
            ),
        ),
        section(
            "Recommendations",
            narrative.paragraph(
                "recommendations",
                f"The {heading.body} is recommended to note the report and the data pack.",
            ),
        ),
        section(
            "Background",
            narrative.paragraph(
                "background",
                "The performance framework links each indicator to the themes of the Plan it "
                "evidences. Each figure is compared with the same period last year, and a change "
                "is called a change only when it is statistically significant: an exact test "
                "for counts and a two-proportion test for proportions. Statistical process "
                "control charts (XmR, as in NHS England's Making Data Count) show whether the "
                "latest figure is special cause variation or within the common range.",
            ),
        ),
        _summary(pack, narrative, period_label),
        _by_theme(view, narrative),
        appendix_list(extra),
    ]
    return PaperContent(
        kind="performance",
        title=title_for(paper, f"Performance report: {period_label}"),
        heading=heading,
        sections=numbered(sections),
        appendices=extra,
        made_from=made_from(
            plan=plan.slug,
            period=pack.period.slug if pack else period,
            area=pack.area.code if pack else None,
        ),
    )
