"""Charts for the data pack, drawn on the server as SVG that pages and PDFs embed inline.

Text stays text (svg.fonttype "none"), so it can be read, searched and copied; output is
deterministic for the same data (svg.hashsalt, no date). Each SVG is an image with a title and
a description, and its ids carry the chart's id, so several charts can share a page. Special
cause points differ by marker shape as well as colour; bars of different series by hatching.
"""

from __future__ import annotations

import html
import io
import math
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "planwatch",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

from django.utils.translation import gettext as _  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend and settings)

INK, GREY, BLUE, ORANGE, PURPLE = "#0b0c0c", "#505a5f", "#1d70b8", "#d4351c", "#4c2c92"
# Variation -> (legend label, marker, colour). Shapes tell the kinds apart without colour.
SPECIAL_CAUSE = {
    "improvement": (gettext_lazy("Special cause: improvement"), "^", BLUE),
    "concern": (gettext_lazy("Special cause: concern"), "s", ORANGE),
    "neither": (gettext_lazy("Special cause: neither better nor worse"), "D", PURPLE),
}
HATCHES = ("", "///", "...", "xx")
FILLS = (BLUE, "#b1b4b6", PURPLE, ORANGE)
SIZE = (7.5, 3.6)


@dataclass(frozen=True)
class SpcChart:
    """An XmR chart: one value per period with its segment's mean and process limits."""

    title: str
    x_label: str
    y_label: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    means: tuple[float, ...]
    lowers: tuple[float, ...]
    uppers: tuple[float, ...]
    variations: tuple[str, ...]
    breaks: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class TrendChart:
    """Twelve months of a measure against the same months a year before."""

    title: str
    x_label: str
    y_label: str
    labels: tuple[str, ...]
    this_year: tuple[float | None, ...]
    last_year: tuple[float | None, ...]
    this_label: str
    last_label: str


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars by category (crime types, or areas compared), one or more series."""

    title: str
    x_label: str
    y_label: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    highlight: int | None = None


Chart = SpcChart | TrendChart | BarChart


def _nan(values) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _ticks(ax, labels: tuple[str, ...]) -> None:
    step = max(1, math.ceil(len(labels) / 18))
    shown = range(0, len(labels), step)
    ax.set_xticks(list(shown), [labels[i] for i in shown], rotation=45, ha="right")


def _draw_spc(fig: Figure, chart: SpcChart) -> None:
    ax = fig.subplots()
    x = list(range(len(chart.values)))
    ax.plot(
        x, chart.values, color=GREY, marker="o", markersize=3.5, linewidth=1.2, label=_("Figure")
    )
    starts = sorted({0, *(index for index, _ in chart.breaks)})
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(x)], strict=True)):
        span = x[start:end] if end - start > 1 else [start - 0.3, start + 0.3]
        first = number == 0
        ax.plot(
            span,
            [chart.means[start]] * len(span),
            color=INK,
            linewidth=1,
            label=_("Mean") if first else None,
        )
        for limits, name in ((chart.uppers, _("Process limits")), (chart.lowers, None)):
            ax.plot(
                span,
                [limits[start]] * len(span),
                color=INK,
                linestyle="--",
                linewidth=0.9,
                label=name if first else None,
            )
    for variation, (label, marker, colour) in SPECIAL_CAUSE.items():
        marked = [i for i, v in enumerate(chart.variations) if v == variation]
        if marked:
            ax.scatter(
                marked,
                [chart.values[i] for i in marked],
                marker=marker,
                s=48,
                color=colour,
                edgecolors=INK,
                linewidths=0.6,
                zorder=3,
                label=str(label),
            )
    for index, label in chart.breaks:
        ax.axvline(index - 0.5, color=INK, linestyle=":", linewidth=1.2)
        ax.annotate(
            label,
            xy=(index - 0.5, 1),
            xycoords=("data", "axes fraction"),
            xytext=(3, -3),
            textcoords="offset points",
            va="top",
            fontsize=8,
        )
    _ticks(ax, chart.labels)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)


def _draw_trend(fig: Figure, chart: TrendChart) -> None:
    ax = fig.subplots()
    x = list(range(len(chart.labels)))
    ax.plot(x, _nan(chart.this_year), color=BLUE, marker="o", linewidth=1.6, label=chart.this_label)
    ax.plot(
        x,
        _nan(chart.last_year),
        color=GREY,
        marker="s",
        markersize=4,
        linestyle="--",
        linewidth=1.2,
        label=chart.last_label,
    )
    _ticks(ax, chart.labels)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)


def _draw_bars(fig: Figure, chart: BarChart) -> None:
    ax = fig.subplots()
    count = max(1, len(chart.series))
    height = 0.8 / count
    for number, (name, values) in enumerate(chart.series):
        offsets = [i - 0.4 + height * (number + 0.5) for i in range(len(chart.categories))]
        bars = ax.barh(
            offsets,
            [0 if v is None else v for v in values],
            height=height,
            color=FILLS[number % len(FILLS)],
            hatch=HATCHES[number % len(HATCHES)],
            edgecolor=INK,
            linewidth=0.5,
            label=name,
        )
        if chart.highlight is not None and number == 0:
            bars[chart.highlight].set_linewidth(2)
        ax.bar_label(
            bars, labels=["–" if v is None else f"{v:,.4g}" for v in values], padding=2, fontsize=8
        )
    ax.set_yticks(list(range(len(chart.categories))), list(chart.categories))
    ax.invert_yaxis()
    ax.margins(x=0.15)
    if count > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)


DRAW = {SpcChart: _draw_spc, TrendChart: _draw_trend, BarChart: _draw_bars}
ID = re.compile(r'\bid="([^"]+)"')
STYLE = re.compile(r'\sstyle="([^"]*)"')
STYLE_SHEET = re.compile(r"\s*<style[^>]*>(.*?)</style>", flags=re.S)


def _presentation_attributes(match: re.Match) -> str:
    """style="fill: #fff; stroke: #000" as fill="#fff" stroke="#000": the page's Content
    Security Policy refuses inline styles, but not SVG's presentation attributes."""
    attributes = []
    for declaration in match.group(1).split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if name and value:
            attributes.append(f' {name}="{html.escape(value)}"')
    return "".join(attributes)


def _accessible(raw: str, chart_id: str, title: str, description: str) -> str:
    """Drop the XML header, metadata and styles, make ids unique to the chart, and name it."""
    svg = raw[raw.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    # The only style sheet, "*{stroke-linejoin: round; stroke-linecap: butt}", becomes
    # attributes of the root, which its children inherit.
    svg = STYLE_SHEET.sub("", svg)
    svg = STYLE.sub(_presentation_attributes, svg)
    for old in set(ID.findall(svg)):
        new = f"{chart_id}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    head_end = svg.index(">") + 1
    head = re.sub(r'\s(width|height)="[^"]*"', "", svg[:head_end])
    head = head.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        f'class="pw-chart__svg" focusable="false" stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    )
    named = (
        f'<title id="{chart_id}-title">{html.escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{html.escape(description)}</desc>'
    )
    return head + named + svg[head_end:]


@lru_cache(maxsize=512)
def svg(chart: Chart, *, chart_id: str, description: str, language: str | None = None) -> str:
    """The chart as an inline SVG string, with a title, axis labels and a description. Its
    legend is in the active language: pass it as language, so that a chart drawn for a Welsh
    page is not given to an English one from the cache."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]*", chart_id):
        raise ValueError(f"{chart_id!r} cannot be an id")
    fig = Figure(figsize=SIZE, layout="constrained")
    DRAW[type(chart)](fig, chart)
    ax = fig.axes[0]
    ax.set_title(textwrap.fill(chart.title, 80), loc="left", fontsize=10, fontweight="bold")
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.grid(axis="x" if isinstance(chart, BarChart) else "y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return _accessible(buffer.getvalue(), chart_id, chart.title, description)
