"""What the theme, performance and annual papers share: the heading block and the officers'
narrative, UK wording, section numbers, the approved record of actions, and indicators with
their charts as content blocks.

Builders read the data here and return plain content; nothing in this module renders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from planwatch.delivery.direction import Direction, direction_of_travel
from planwatch.delivery.models import (
    Action,
    ActionState,
    PeriodState,
    RagStatus,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.delivery.selectors import point, reading_order
from planwatch.papers.content import (
    Block,
    BulletList,
    Cell,
    Chart,
    HeadingBlock,
    Paragraph,
    Section,
    Table,
)
from planwatch.performance import wording
from planwatch.performance.chart_views import ChartView
from planwatch.performance.display import IndicatorView
from planwatch.performance.periods import parse_period
from planwatch.performance.selectors import (
    DataPack,
    IndicatorFigures,
    NoArea,
    area_for,
    data_pack,
    latest_month_with_data,
)
from planwatch.plans.models import Plan, Theme

PANEL = "Police and Crime Panel"
BCB = "Business Co-ordination Board"
REPORT_OF = "Police and Crime Commissioner"
YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def uk_date(day: dt.date | dt.datetime | None) -> str:
    """12 September 2018; an aware datetime is taken on its local day."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return f"{day.day} {day:%B %Y}"


def key_for(name: str) -> str:
    """The narrative key of a commentary named after a theme: commentary_victims."""
    return "commentary_" + slugify(name).replace("-", "_")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return uk_date(value)
    return str(value).strip()


def _first(paper: Any, *names: str) -> Any:
    for name in names:
        value = getattr(paper, name, None)
        if value not in (None, ""):
            return value
    return None


def heading_for(paper: Any, *, body: str) -> HeadingBlock:
    """The paper's heading block from the Paper (or its meeting), with defaults for None."""
    meeting = getattr(paper, "meeting", None)
    # The number as printed comes first: it is kept when the agenda item is removed.
    agenda = _first(paper, "agenda_number", "agenda_item")
    public = _first(paper, "public", "is_public")
    return HeadingBlock(
        body=_text(_first(paper, "body_name", "body") or getattr(meeting, "body", None)) or body,
        meeting_date=_text(_first(paper, "meeting_date") or getattr(meeting, "starts", None)),
        agenda_item=_text(getattr(agenda, "number", agenda)),
        public=bool(getattr(meeting, "is_public", True) if public is None else public),
        report_of=_text(_first(paper, "report_of")) or REPORT_OF,
        contact_officer=_text(_first(paper, "contact_officer")),
        contact_details=_text(_first(paper, "contact_details")),
    )


def title_for(paper: Any, default: str) -> str:
    return _text(getattr(paper, "title", None)) or default


class Narrative:
    """The officer's text for each editable paragraph, falling back to the data's wording."""

    def __init__(self, paper: Any) -> None:
        found = getattr(paper, "narrative", None)
        found = found if isinstance(found, dict) else {}
        self.texts = {str(k): str(v).strip() for k, v in found.items() if str(v or "").strip()}

    def paragraph(self, key: str, default: str) -> Paragraph:
        return Paragraph(self.texts.get(key) or default, editable=key)


def section(heading: str, *blocks: Block, subsections: Iterable[Section] = ()) -> Section:
    """A section to be numbered by `numbered` or `appendices`."""
    return Section("", heading, tuple(blocks), tuple(subsections))


def _renumber(item: Section, number: str) -> Section:
    subsections = tuple(
        _renumber(sub, f"{number}.{n}") for n, sub in enumerate(item.subsections, start=1)
    )
    return dataclasses.replace(item, number=number, subsections=subsections)


def numbered(sections: Iterable[Section]) -> tuple[Section, ...]:
    """1, 2, 3 ... with subsections 4.1, 4.1.1 ..."""
    return tuple(_renumber(item, str(n)) for n, item in enumerate(sections, start=1))


def appendices(sections: Iterable[Section]) -> tuple[Section, ...]:
    """Appendix 1, Appendix 2 ... with subsections A1.1, A1.1.1 ..."""
    found = []
    for n, item in enumerate(sections, start=1):
        subsections = tuple(_renumber(s, f"A{n}.{i}") for i, s in enumerate(item.subsections, 1))
        found.append(dataclasses.replace(item, number=f"Appendix {n}", subsections=subsections))
    return tuple(found)


def appendix_list(items: Sequence[Section]) -> Section:
    """The closing section that names the appendices, as the Panel's papers do."""
    return section(
        "Appendices",
        BulletList(tuple(f"Appendix {n} – {a.heading}" for n, a in enumerate(items, 1))),
    )


def plural(count: int, noun: str) -> str:
    return wording.count_phrase(count, noun)


def rag_cell(rag: RagStatus | None, missing: str = "No approved update") -> Cell:
    return Cell(rag.label, rag=rag.colour) if rag else Cell(missing)


def direction_text(direction: Direction | None) -> str:
    return f"{direction.arrow} {direction.label}" if direction else "Not assessed"


def status_sentence(statuses: Sequence[RagStatus | None], key: Sequence[RagStatus]) -> str:
    """3 of 12 actions are Green, 1 is Amber and 8 have no approved update."""
    total = len(statuses)
    if not total:
        return "No actions are recorded."
    counts = Counter(status.code if status else None for status in statuses)
    parts = [(counts[s.code], s.label) for s in key if counts[s.code]]
    phrases = [f"{n} {'is' if n == 1 else 'are'} {label}" for n, label in parts]
    if counts[None]:
        n = counts[None]
        phrases.append(f"{n} {'has' if n == 1 else 'have'} no approved update")
    count, said = phrases[0].split(" ", 1)
    return wording.listing([f"{count} of {plural(total, 'action')} {said}", *phrases[1:]])


def status_table(caption: str, statuses: Sequence[RagStatus | None], key: Sequence[RagStatus]):
    counts = Counter(status.code if status else None for status in statuses)
    rows = [(rag_cell(s), Cell(f"{counts[s.code]:,}")) for s in key]
    if counts[None]:
        rows.append((Cell("No approved update"), Cell(f"{counts[None]:,}")))
    rows.append((Cell("Total"), Cell(f"{len(statuses):,}")))
    return Table(caption, ("Status", "Actions"), tuple(rows), row_headings=True)


@dataclass(frozen=True)
class Entry:
    """One approved update of an action in a published quarter."""

    period: ReportingPeriod
    update: Update
    direction: Direction | None


@dataclass(frozen=True)
class ActionRecord:
    action: Action
    entries: tuple[Entry, ...]  # oldest first

    def latest(self, since: dt.date | None = None) -> Entry | None:
        found = [e for e in self.entries if since is None or e.period.starts >= since]
        return found[-1] if found else None


def action_records(
    plan: Plan, *, theme: Theme | None = None, until: dt.date | None = None
) -> tuple[list[ReportingPeriod], list[ActionRecord]]:
    """The published quarters (to `until`) and each action's approved updates in them.

    Only approved updates of published quarters: never a draft, a submission awaiting review
    or a returned update. A withdrawn action stays only if it was reported.
    """
    periods = list(plan.periods.filter(state=PeriodState.PUBLISHED).order_by("starts"))
    periods = [p for p in periods if until is None or p.starts <= until]
    actions = Action.objects.filter(plan=plan).select_related("theme", "objective", "lead")
    if theme is not None:
        actions = actions.filter(theme=theme)
    updates = Update.objects.filter(
        action__in=actions, period__in=periods, state=UpdateState.APPROVED
    ).select_related("rag")
    found = {(u.action_id, u.period_id): u for u in updates}
    records = []
    for action in sorted(actions, key=reading_order):
        entries, previous = [], None
        for period in periods:
            update = found.get((action.pk, period.pk))
            if update is not None:
                direction = direction_of_travel(point(previous), point(update.rag))
                entries.append(Entry(period, update, direction))
            previous = update.rag if update else None
        if action.state != ActionState.WITHDRAWN or entries:
            records.append(ActionRecord(action, tuple(entries)))
    return periods, records


def pack_for(plan: Plan, period: str | None) -> DataPack | None:
    """The data pack for the period (a month or quarter; by default the latest month with
    figures), or None when the Plan's force has no area or no figures. A period that is not
    a month or a quarter raises ValueError."""
    chosen = parse_period(period) if period else latest_month_with_data(plan)
    if chosen is None:
        return None
    try:
        area, areas = area_for(plan)
    except NoArea:
        return None
    return data_pack(plan=plan, period=chosen, area=area, areas=areas)


def chart_block(view: ChartView) -> Chart:
    """A data pack chart as content: its SVG, text alternative and data table."""
    return Chart(
        svg=view.svg,
        title=view.title,
        description=view.description,
        table=Table(
            caption=f"Data: {view.title}",
            headings=view.headings,
            rows=tuple(tuple(Cell(text) for text in row) for row in view.rows),
            row_headings=True,
        ),
    )


def spc_signal(figures: IndicatorFigures) -> str:
    if figures.spc is None:
        return "Not enough figures for a control chart"
    text = str(wording.VARIATION_TEXT[figures.spc.variation])
    signals = [wording.SIGNAL_TEXT[s].replace("is ", "", 1) for s in figures.spc.signals]
    return f"{text} ({'; '.join(signals)})" if signals else text


def judgement_counts(indicators: Sequence[IndicatorFigures]) -> dict[str, int]:
    """How many indicators are improving, deteriorating or show no significant change, and
    how many have a figure but no judgement, or no figure at all."""
    counts = Counter(
        "no figure" if i.figure is None else (i.comparison.direction or "not judged")
        for i in indicators
    )
    keys = ("improving", "deteriorating", "no significant change", "not judged", "no figure")
    return {key: counts.get(key, 0) for key in keys}


def judgement_sentence(indicators: Sequence[IndicatorFigures], pack: DataPack) -> str:
    """4 of 5 indicators have a figure for March 2018: compared with March 2017, 1 ..."""
    counts = judgement_counts(indicators)
    total, figured = len(indicators), len(indicators) - counts["no figure"]
    if not total:
        return "No indicators are linked to it yet."
    text = (
        f"{figured} of {plural(total, 'indicator')} {'has' if figured == 1 else 'have'} a "
        f"figure for {pack.period.label}"
    )
    if not figured:
        return text + "."
    parts = [
        f"{counts['improving']} improving significantly",
        f"{counts['deteriorating']} deteriorating significantly",
        f"{counts['no significant change']} with no significant change",
    ]
    if counts["not judged"]:
        parts.append(f"{counts['not judged']} not judged")
    return (
        f"{text}: compared with {pack.previous_period.label}, {wording.listing(parts)}. A change "
        "is called a change only when it is statistically significant."
    )


def indicator_table(caption: str, items: Sequence[IndicatorView], pack: DataPack) -> Table:
    """One row per indicator: figure, same period last year, judgement and SPC signal."""
    headings = ("Indicator", pack.period.label, pack.previous_period.label, "Judgement", "SPC")
    rows = tuple(
        (
            Cell(i.figures.name),
            Cell(i.value),
            Cell(i.previous_value),
            Cell(i.judgement),
            Cell(spc_signal(i.figures)),
        )
        for i in items
    )
    return Table(caption, headings, rows, row_headings=True)


def indicator_section(item: IndicatorView, pack: DataPack) -> Section:
    """An indicator in full: its figures and judgement, control chart signal, comparison with
    other areas, definition, charts (each with its data table) and data notes."""
    f = item.figures
    rows = [
        (f"Figure, {pack.period.label}", item.value),
        (f"Same period last year, {pack.previous_period.label}", item.previous_value),
        ("Change", item.change),
        ("Significance", item.test),
        ("Judgement", item.judgement),
        ("Statistical process control", item.spc),
    ]
    if item.peers:
        rows.append(("Compared with other areas", item.peers))
    rows += [("Unit", f.unit_label), ("Better when", f.polarity_label)]
    if f.definition:
        since = f" (since {uk_date(f.definition_from)})" if f.definition_from else ""
        rows.append(("Definition", f.definition + since))
    blocks: list[Block] = [
        Table(
            f"{f.name}, {pack.area.name}",
            ("Item", "Detail"),
            tuple((Cell(a), Cell(b)) for a, b in rows),
            row_headings=True,
        )
    ]
    blocks += [chart_block(chart) for chart in item.charts]
    notes = [f"{uk_date(day)}: {text}" for day, text in f.notes]
    notes += [f"Series break, {uk_date(day)}: {reason}" for day, reason in f.breaks]
    blocks.append(BulletList(tuple(notes)) if notes else Paragraph("No data notes."))
    return section(f.name, *blocks)


def made_from(**values: str | None) -> dict[str, str]:
    return {key: value for key, value in values.items() if value}
