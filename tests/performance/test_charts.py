"""Server-made SVG charts: text stays text, output is stable, and each chart is a named image."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from planwatch.performance import charts
from planwatch.performance.figures import Point, break_indices, combine, compare, figure_for
from planwatch.performance.periods import parse_period

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  (our own output, not untrusted input)


SPC = charts.SpcChart(
    title="Burglary: control chart",
    x_label="Month",
    y_label="Number",
    labels=("Jan 2018", "Feb 2018", "Mar 2018", "Apr 2018", "May 2018", "Jun 2018"),
    values=(100.0, 104.0, 150.0, 60.0, 101.0, 99.0),
    means=(110.0,) * 3 + (87.0,) * 3,
    lowers=(80.0,) * 3 + (50.0,) * 3,
    uppers=(140.0,) * 3 + (120.0,) * 3,
    variations=("common", "common", "concern", "improvement", "neither", "common"),
    breaks=((3, "Series break 1 Apr 2018"),),
)
TREND = charts.TrendChart(
    title="Burglary: each month against a year before",
    x_label="Month",
    y_label="Number",
    labels=("Jan", "Feb", "Mar"),
    this_year=(10.0, None, 12.0),
    last_year=(9.0, 11.0, None),
    this_label="12 months to March 2018",
    last_label="12 months to March 2017",
)
BARS = charts.BarChart(
    title="Burglary compared with other areas",
    x_label="Number",
    y_label="Area",
    categories=("Bedfordshire", "Cambridgeshire (this area)", "Hertfordshire"),
    series=(("March 2018", (300.0, 367.0, 512.0)), ("March 2017", (280.0, None, 500.0))),
    highlight=1,
)


@pytest.mark.parametrize("chart", [SPC, TREND, BARS], ids=["spc", "trend", "bars"])
def test_a_chart_is_a_named_image_with_its_text_as_text(chart):
    svg = charts.svg(chart, chart_id="c-1", description="One sentence saying what it shows.")

    assert svg.startswith("<svg ") and "<?xml" not in svg and "DOCTYPE" not in svg
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == chart.title
    assert root.get("aria-labelledby") == root.find(f"{SVG}title").get("id") == "c-1-title"
    assert root.find(f"{SVG}desc").text == "One sentence saying what it shows."
    assert root.get("aria-describedby") == "c-1-desc"
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for words in (chart.title, chart.x_label, chart.y_label):
        assert words in texts
    # Ids carry the chart's, so charts can share a page; inline styles are refused by the
    # page's Content Security Policy, so there are none.
    assert all(i.startswith("c-1-") for i in re.findall(r'\bid="([^"]+)"', svg))
    assert "style=" not in svg and "<style" not in svg and "<metadata" not in svg


def test_the_same_data_draws_the_same_svg():
    charts.svg.cache_clear()
    first = charts.svg(SPC, chart_id="a", description="d")
    charts.svg.cache_clear()
    assert charts.svg(SPC, chart_id="a", description="d") == first


def test_special_cause_points_have_their_own_marker_shapes_and_a_legend():
    svg = charts.svg(SPC, chart_id="s", description="d")
    texts = {t.text for t in _parse(svg).iter(f"{SVG}text")}
    assert {
        "Special cause: improvement",
        "Special cause: concern",
        "Special cause: neither better nor worse",
        "Series break 1 Apr 2018",
    } <= texts
    shapes = {marker for _, marker, _ in charts.SPECIAL_CAUSE.values()}  # triangle, square, diamond
    assert len(shapes) == 3


def test_a_bad_chart_id_is_refused():
    with pytest.raises(ValueError, match="cannot be an id"):
        charts.svg(BARS, chart_id='x" onload="alert(1)', description="d")


def _month(slug: str, value: float, numerator=None, denominator=None) -> Point:
    period = parse_period(slug)
    return Point(slug, period.starts, period.ends, value, numerator, denominator)


class TestFigures:
    def test_seconds_take_the_mean_of_the_months_and_are_not_tested(self):
        months = [_month(m, v) for m, v in (("2018-04", 9), ("2018-05", 12), ("2018-06", 15))]
        quarter = combine(months, unit="seconds", period=parse_period("2018-19-q1"))
        assert quarter.value == 12
        assert compare(quarter, quarter, unit="seconds", polarity="lower").change == "not tested"

    def test_a_rate_per_1000_with_its_numbers_is_pooled_and_scaled(self):
        months = [_month("2018-04", 2.0, 2, 1000), _month("2018-05", 4.0, 8, 2000)]
        quarter = combine(months, unit="rate_per_1000", period=parse_period("2018-19-q1"))
        assert quarter.value == pytest.approx(10 / 3000 * 1000)

    def test_a_measure_where_neither_way_is_better_has_no_direction(self):
        result = compare(
            _month("2018-03", 500), _month("2017-03", 400), unit="count", polarity="neither"
        )
        assert (result.change, result.direction) == ("significant increase", None)

    def test_fractional_counts_are_not_tested(self):
        result = compare(
            _month("2018-03", 5.5), _month("2017-03", 4), unit="count", polarity="lower"
        )
        assert result.test is None and result.p_value is None

    def test_a_break_starts_a_segment_at_the_month_it_falls_in(self):
        points = [_month(f"2018-{m:02d}", 1) for m in range(3, 9)]
        assert break_indices(points, [dt.date(2018, 5, 23)]) == [2]
        assert break_indices(points, [dt.date(2018, 1, 1), dt.date(2019, 1, 1)]) == []

    def test_a_monthly_measure_has_no_figure_for_a_quarter_it_lacks_a_month_of(self):
        points = {p.period: p for p in (_month("2018-04", 1), _month("2018-06", 1))}
        quarter = parse_period("2018-19-q1")
        assert figure_for(points, quarter, frequency="monthly", unit="count") is None
