"""The kinds of paper and the builder of each: `build(plan, *, period=None, theme=None,
year=None, paper=None) -> PaperContent`.

A builder takes the period as text (a quarter such as 2018-19-q1, or a month 2018-03), the
theme as a Theme or its name, and the financial year as text (2017-18). It raises ValueError,
with a message for the person who chose, when one of them is missing or wrong. ``paper`` gives
the heading fields and the officers' narrative (a Paper, or None for the command line).

Builders are imported when first used, so a kind whose builder is not there yet is reported
as unavailable instead of breaking everything else.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planwatch.language import in_english
from planwatch.papers.content import PaperContent
from planwatch.papers.models import Kind


@dataclass(frozen=True)
class KindSpec:
    kind: str
    label: str
    builder: str  # "module:function"
    #: The parameters the builder cannot do without.
    needs: tuple[str, ...]
    #: The parameters it uses when given.
    uses: tuple[str, ...]
    #: The value of planwatch.governance.models.PaperKind for an agenda item of this kind.
    agenda_kind: str
    default_title: str


KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            Kind.DELIVERY_MONITORING,
            Kind.DELIVERY_MONITORING.label,
            "planwatch.papers.builders.delivery_monitoring:build_delivery_monitoring",
            needs=("period",),
            uses=("period",),
            agenda_kind="delivery_monitoring",
            default_title="Monitoring the delivery of the Police and Crime Commissioner's "
            "Police and Crime Plan",
        ),
        KindSpec(
            Kind.THEME,
            Kind.THEME.label,
            "planwatch.papers.builders.theme:build_theme",
            needs=("theme",),
            uses=("theme", "period"),
            agenda_kind="theme",
            default_title="",
        ),
        KindSpec(
            Kind.PERFORMANCE,
            Kind.PERFORMANCE.label,
            "planwatch.papers.builders.performance:build_performance",
            needs=(),
            uses=("period",),
            agenda_kind="performance",
            default_title="",
        ),
        KindSpec(
            Kind.ANNUAL,
            Kind.ANNUAL.label,
            "planwatch.papers.builders.annual:build_annual",
            needs=("year",),
            uses=("year",),
            agenda_kind="annual",
            default_title="",
        ),
    )
}
PARAMETER_HELP = {
    "period": "a period: a quarter such as 2018-19-q1 (for a performance report, or a month "
    "such as 2018-03)",
    "theme": "a theme: the name of one of the Plan's themes",
    "year": "a financial year, such as 2017-18",
}


class BuilderUnavailable(Exception):
    """The kind's builder cannot be imported (not written yet, or broken)."""


def spec_for(kind: str) -> KindSpec:
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not a kind of paper: choose {', '.join(KINDS)}.")
    return KINDS[kind]


def kind_for_agenda(agenda_kind: str) -> str | None:
    """The kind of paper for an agenda item's kind of paper, if PlanWatch can build it."""
    return next((s.kind for s in KINDS.values() if s.agenda_kind == agenda_kind), None)


def buildable_agenda_kinds() -> frozenset[str]:
    """The agenda items' kinds of paper that PlanWatch can make a paper of."""
    return frozenset(spec.agenda_kind for spec in KINDS.values())


def builder_for(kind: str) -> Callable[..., PaperContent]:
    spec = spec_for(kind)
    module_name, _, function = spec.builder.partition(":")
    try:
        module = importlib.import_module(module_name)
        return getattr(module, function)
    except (ImportError, AttributeError) as error:
        raise BuilderUnavailable(
            f"The {spec.label.lower()} cannot be made yet: {spec.builder} is not available "
            f"({error})."
        ) from None


def missing_parameters(kind: str, **given: Any) -> list[str]:
    return [name for name in spec_for(kind).needs if not given.get(name)]


@in_english
def build(
    kind: str,
    plan: Any,
    *,
    period: str | None = None,
    theme: Any = None,
    year: str | None = None,
    paper: Any = None,
) -> PaperContent:
    """The paper's content from the current data, in English whichever page asked for it.
    ValueError when a needed parameter is missing or wrong; BuilderUnavailable when the kind
    cannot be built."""
    missing = missing_parameters(kind, period=period, theme=theme, year=year)
    if missing:
        raise ValueError(
            f"The {spec_for(kind).label.lower()} needs "
            + " and ".join(PARAMETER_HELP[name] for name in missing)
            + "."
        )
    return builder_for(kind)(plan, period=period, theme=theme, year=year, paper=paper)
