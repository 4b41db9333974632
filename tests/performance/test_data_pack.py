"""The performance data pack: figures for a period, the JSON command, the page and the reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from scipy import stats

from planwatch.performance.models import Area, Indicator, Observation, SeriesBreak
from planwatch.performance.periods import parse_period
from planwatch.performance.selectors import area_for, data_pack
from planwatch.performance.services import Figure, observations_write
from planwatch.plans.models import Plan
from planwatch.reporting.data_pack import render_data_pack
from tests.pdf_tools import run

JUDGEMENTS = {"significant increase", "significant decrease", "comparable", "not tested"}
DIRECTIONS = {"improving", "deteriorating", "no significant change", None}


@pytest.fixture
def force(db) -> Area:
    """Northmoor (the demo Plan's force), a partnership and two districts, and a peer force."""
    northmoor = Area.objects.create(
        code="E23900001", name="Northmoor", kind="force", police_uk_id="northmoor"
    )
    partnership = Area.objects.create(
        code="E22900001", name="Northmoor CSP", kind="csp", parent=northmoor
    )
    for code, name in (("E07900001", "Moortown"), ("E07900002", "Fenside")):
        Area.objects.create(code=code, name=name, kind="district", parent=partnership)
    Area.objects.create(code="E23900002", name="Southmoor", kind="force", police_uk_id="southmoor")
    return northmoor


@pytest.fixture
def indicators(published_plan) -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in Indicator.objects.all()}


def write(indicator: Indicator, area: Area, figures: dict[str, float | tuple[float, float]]):
    """Observations by period: a value, or (numerator, denominator) for a percentage."""
    rows = []
    for slug, figure in figures.items():
        if isinstance(figure, tuple):
            numerator, denominator = figure
            value = 100 * numerator / denominator
            rows.append(Figure(indicator.pk, area.pk, parse_period(slug), value, *figure))
        else:
            rows.append(Figure(indicator.pk, area.pk, parse_period(slug), figure))
    observations_write(figures=rows, kind="test", sources=[], by=None)


def pack_for(plan: Plan, period: str, area: str | None = None):
    chosen, areas = area_for(plan, area)
    return data_pack(plan=plan, period=parse_period(period), area=chosen, areas=areas)


def figures_of(pack, code: str):
    return next(i for i in pack.indicators if i.code == code)


MONTHS_2017 = ("2017-04", "2017-05", "2017-06")
MONTHS_2018 = ("2018-04", "2018-05", "2018-06")


class TestQuarters:
    def test_a_monthly_count_adds_up_its_months_and_is_tested_exactly(
        self, published_plan, force, indicators
    ):
        burglary = indicators["crime-burglary"]
        write(burglary, force, dict(zip(MONTHS_2017, (350, 380, 362), strict=True)))
        write(burglary, force, dict(zip(MONTHS_2018, (401, 415, 432), strict=True)))

        found = figures_of(pack_for(published_plan, "2018-19-q1"), "crime-burglary")

        assert found.figure.value == 401 + 415 + 432
        assert found.previous.value == 350 + 380 + 362
        expected = stats.binomtest(1248, 1248 + 1092, 0.5).pvalue
        assert found.comparison.test == "count"
        assert math.isclose(found.comparison.p_value, expected, rel_tol=1e-9)
        assert found.comparison.change == "significant increase"
        assert found.comparison.direction == "deteriorating"  # fewer burglaries are better

    def test_a_proportion_pools_numerators_and_denominators_not_the_monthly_rates(
        self, published_plan, force, indicators
    ):
        share = indicators["charge-summons-share"]
        # Monthly rates of 50%, 10% and 10% average 23.3%; pooled they are 90 of 500: 18%.
        write(share, force, dict(zip(MONTHS_2018, ((50, 100), (10, 100), (30, 300)), strict=True)))
        write(share, force, dict(zip(MONTHS_2017, ((20, 200), (20, 200), (20, 200)), strict=True)))

        found = figures_of(pack_for(published_plan, "2018-19-q1"), "charge-summons-share")

        assert math.isclose(found.figure.value, 18.0)
        assert math.isclose(found.previous.value, 10.0)
        assert (found.figure.numerator, found.figure.denominator) == (90, 500)
        pooled = (90 + 60) / (500 + 600)
        z = (90 / 500 - 60 / 600) / math.sqrt(pooled * (1 - pooled) * (1 / 500 + 1 / 600))
        assert found.comparison.test == "proportion"
        assert math.isclose(found.comparison.p_value, 2 * stats.norm.sf(abs(z)), rel_tol=1e-9)
        assert found.comparison.change == "significant increase"
        assert found.comparison.direction == "improving"

    def test_a_quarter_missing_a_month_has_no_figure(self, published_plan, force, indicators):
        write(indicators["crime-burglary"], force, {"2018-04": 400, "2018-05": 410})

        found = figures_of(pack_for(published_plan, "2018-19-q1"), "crime-burglary")

        assert found.figure is None
        assert found.comparison.change == "not tested"

    def test_a_quarterly_indicator_uses_its_own_quarter(self, published_plan, force):
        indicator = Indicator.objects.create(
            code="victim-satisfaction", name="Victim satisfaction", unit="score",
            polarity="higher", frequency="quarterly",
        )  # fmt: skip
        indicator.themes.add(published_plan.themes.get(name="Victims"))
        write(indicator, force, {"2017-18-q1": 7.5, "2018-19-q1": 8.1, "2018-04": 1.0})

        pack = pack_for(published_plan, "2018-19-q1")
        found = figures_of(pack, "victim-satisfaction")

        assert (found.figure.value, found.previous.value) == (8.1, 7.5)
        assert found.comparison.change == "not tested"  # a score is neither count nor proportion
        assert [p.period for p in found.series] == ["2017-18-q1", "2018-19-q1"]
        assert figures_of(pack_for(published_plan, "2018-04"), "victim-satisfaction").figure is None


class TestControlChart:
    def test_limits_start_again_after_a_series_break(self, published_plan, force, indicators):
        burglary = indicators["crime-burglary"]
        months = [f"{2017 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(1, 25)]
        values = [100 + (i % 3) * 4 for i in range(12)] + [200 + (i % 4) * 5 for i in range(12)]
        write(burglary, force, dict(zip(months, values, strict=True)))
        SeriesBreak.objects.create(
            indicator=burglary, date=dt.date(2018, 1, 1), reason="New system"
        )

        found = figures_of(pack_for(published_plan, "2018-12"), "crime-burglary")

        after = values[12:]
        ranges = [abs(b - a) for a, b in zip(after, after[1:], strict=False)]
        assert found.breaks_at == (12,)
        assert math.isclose(found.spc.mean, sum(after) / 12)
        assert math.isclose(found.spc.upper, sum(after) / 12 + 2.66 * sum(ranges) / 11)
        assert (found.spc.points, found.spc.since, found.spc.period) == (12, "2018-01", "2018-12")
        assert found.chart[0].mean == pytest.approx(sum(values[:12]) / 12)

    def test_seven_months_above_the_mean_are_a_shift_of_concern(
        self, published_plan, force, indicators
    ):
        months = [f"{2017 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(1, 21)]
        values = [100, 104, 98, 102, 99, 101, 103, 97, 100, 102, 98, 101, 99]
        values += [109, 110, 108, 111, 109, 110, 111]
        write(indicators["crime-burglary"], force, dict(zip(months, values, strict=True)))

        found = figures_of(pack_for(published_plan, "2018-08"), "crime-burglary")

        assert "shift" in found.spc.signals
        assert found.spc.variation == "concern"


@pytest.fixture
def march(published_plan, force, indicators):
    """March 2018 against March 2017 in Northmoor; burglary in Southmoor too."""
    write(indicators["crime-burglary"], force, {"2017-03": 400, "2018-03": 500})
    write(indicators["crime-anti-social-behaviour"], force, {"2017-03": 305, "2018-03": 300})
    write(indicators["crime-violence-and-sexual-offences"], force, {"2018-03": 812})
    write(indicators["crime-all-excl-asb"], force, {"2017-03": 1100, "2018-03": 1000})
    write(
        indicators["charge-summons-share"], force, {"2017-03": (80, 1000), "2018-03": (120, 1000)}
    )
    moortown = Area.objects.get(name="Moortown")
    write(indicators["crime-burglary"], moortown, {"2017-03": 150, "2018-03": 151})
    southmoor = Area.objects.get(name="Southmoor")
    write(indicators["crime-burglary"], southmoor, {"2018-03": 321})
    return published_plan


EXPECTED_MARCH = {
    "crime-burglary": (500, 400, "significant increase", "deteriorating"),
    "crime-anti-social-behaviour": (300, 305, "comparable", "no significant change"),
    "crime-violence-and-sexual-offences": (812, None, "not tested", None),
    "crime-all-excl-asb": (1000, 1100, "significant decrease", "improving"),
    "charge-summons-share": (12.0, 8.0, "significant increase", "improving"),
}


def _json(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("indicators", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


class TestCommands:
    def test_the_json_gives_each_indicators_figures_judgement_and_control_chart(self, march):
        rows = _json("--plan", march.slug, "--period", "2018-03")

        assert sorted(row["code"] for row in rows) == sorted(EXPECTED_MARCH)
        for row in rows:
            value, previous, judgement, direction = EXPECTED_MARCH[row["code"]]
            assert (row["area"], row["period"]) == ("E23900001", "2018-03")
            assert row["value"] == pytest.approx(value)
            assert row["previous_year_value"] == (previous and pytest.approx(previous))
            assert (row["judgement"], row["direction"]) == (judgement, direction)
            assert row["judgement"] in JUDGEMENTS and row["direction"] in DIRECTIONS
            assert (row["p_value"] is None) == (judgement == "not tested")
            assert set(row["spc"]) >= {"mean", "lower", "upper", "signals"}
            assert isinstance(row["spc"]["signals"], list)
            assert (row["spc"]["mean"] is None) == (previous is None)  # one figure: no chart

    def test_a_district_can_be_asked_for_and_an_unknown_area_is_refused(self, march):
        rows = _json("--plan", march.slug, "--period", "2018-03", "--area", "E07900001")
        burglary = next(row for row in rows if row["code"] == "crime-burglary")
        assert (burglary["area"], burglary["value"], burglary["judgement"]) == (
            "E07900001",
            151,
            "comparable",
        )
        with pytest.raises(CommandError, match="not the force area or one of its districts"):
            _json("--plan", march.slug, "--period", "2018-03", "--area", "E23900002")
        with pytest.raises(CommandError, match="--period"):
            _json("--plan", march.slug, "--period", "March")

    def test_observations_export_writes_every_figure_and_imports_back_unchanged(
        self, march, tmp_path
    ):
        output = tmp_path / "observations.csv"
        call_command("observations_export", "--output", str(output), stdout=io.StringIO())

        with output.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == Observation.objects.count() == 12
        assert list(rows[0]) == [
            "indicator", "area", "area name", "period", "value", "numerator", "denominator",
        ]  # fmt: skip
        share = next(
            r for r in rows if r["indicator"] == "charge-summons-share" and r["period"] == "2018-03"
        )
        assert (share["area"], share["area name"], share["value"]) == (
            "E23900001",
            "Northmoor",
            "12",
        )
        assert (share["numerator"], share["denominator"]) == ("120", "1000")

        call_command("import_observations", str(output), stdout=(out := io.StringIO()))
        assert "0 observations created, 0 updated, 12 unchanged" in out.getvalue()


class TestPage:
    def test_the_latest_month_with_figures_is_the_default(self, client, march):
        response = client.get(f"/plans/{march.slug}/performance/")
        assert response.status_code == 302
        assert response["Location"] == f"/plans/{march.slug}/performance/2018-03/"

    def test_the_page_shows_figures_judgements_and_charts_with_their_data(self, client, march):
        response = client.get(f"/plans/{march.slug}/performance/2018-03/")
        page = response.content.decode()

        assert response.status_code == 200
        assert "Performance data pack: March 2018" in page
        assert "Deteriorating significantly: Burglary." in page
        assert "Improving significantly: All crime excluding anti-social behaviour and" in page
        assert re.search(r"Significant increase \(p &lt; 0.001, exact test for two counts\)", page)
        for text in ("Deteriorating", "Improving", "No significant change", "Not tested"):
            assert text in page
        assert "Up 100 (25.0%) on March 2017" in page
        assert "Northmoor is 2nd of 2 areas, where 1st is the lowest (the best)." in page
        svgs = re.findall(r"<svg [^>]*>", page)
        assert svgs and all('role="img"' in svg and "aria-labelledby" in svg for svg in svgs)
        assert page.count('class="govuk-details"') >= len(svgs)
        assert "<?xml" not in page and "<!DOCTYPE svg" not in page
        assert (
            "The performance data pack: figures for each measure"
            in client.get(f"/plans/{march.slug}/").content.decode()
        )

    def test_a_district_shows_its_own_figures(self, client, march):
        page = client.get(f"/plans/{march.slug}/performance/2018-03/?area=E07900001").content
        assert b"Moortown" in page and b"Comparable: no significant change" in page
        assert b"data-pack.pdf?area=E07900001" in page

    @pytest.mark.parametrize(
        "query",
        ["?area=nowhere", "?area=", "?area=%00", "?area=<script>", "?area=a&area=b", "?x=%ff"],
    )
    def test_odd_query_strings_show_the_force(self, client, march, query):
        response = client.get(f"/plans/{march.slug}/performance/2018-03/{query}")
        assert response.status_code == 200
        assert b"Northmoor" in response.content

    @pytest.mark.parametrize("period", ["2018-13", "2018-19-q5", "2018-19-Q1", "2018-20-q1", "x"])
    def test_a_period_that_does_not_exist_is_not_found(self, client, march, period):
        assert client.get(f"/plans/{march.slug}/performance/{period}/").status_code == 404

    def test_without_areas_the_page_says_there_are_no_figures(self, client, published_plan):
        response = client.get(f"/plans/{published_plan.slug}/performance/2018-03/")
        assert response.status_code == 200
        assert b"no performance figures" in response.content
        assert client.get(f"/plans/{published_plan.slug}/performance/").status_code == 200

    def test_the_page_runs_as_many_queries_for_30_indicators_as_for_3(
        self, client, published_plan, force
    ):
        theme = published_plan.themes.get(name="Victims")
        Indicator.objects.all().delete()

        def queries_with(count: int) -> int:
            for number in range(Indicator.objects.count(), count):
                indicator = Indicator.objects.create(
                    code=f"measure-{number:02d}", name=f"Measure {number}", unit="count"
                )
                indicator.themes.add(theme)
                write(indicator, force, {f"2017-{m:02d}": 100 + m * number for m in range(1, 13)})
                write(indicator, force, {f"2018-{m:02d}": 90 + m for m in range(1, 4)})
            with CaptureQueriesContext(connection) as captured:
                assert (
                    client.get(f"/plans/{published_plan.slug}/performance/2018-03/").status_code
                    == 200
                )
            return len(captured)

        assert queries_with(3) == queries_with(30)


class TestReports:
    @pytest.fixture
    def report(self, march, tmp_path):
        def write_report(fmt: str, *extra: str):
            output = tmp_path / f"pack.{fmt}"
            call_command(
                "report", "data-pack", "--plan", march.slug, "--period", "2018-03",
                "--format", fmt, "--output", str(output), *extra, stdout=io.StringIO(),
            )  # fmt: skip
            return output

        return write_report

    @pytest.mark.parametrize("fmt", ["pdf", "xlsx", "html"])
    def test_rendering_runs_no_queries(self, march, fmt, django_assert_num_queries):
        pack = pack_for(march, "2018-03")
        with django_assert_num_queries(0):
            assert render_data_pack(pack, fmt)

    def test_the_pdf_is_tagged_and_names_each_indicator_and_judgement(self, report):
        output = report("pdf")

        assert "Tagged:          yes" in run("pdfinfo", str(output))
        text = re.sub(r"\s+", " ", run("pdftotext", str(output), "-"))
        for name in (
            "Burglary",
            "Anti-social behaviour incidents",
            "Violence and sexual offences",
            "All crime excluding anti-social behaviour",
            "Crimes whose last outcome is a charge or summons",
        ):
            assert name in text
        for judgement in ("Deteriorating", "Improving", "No significant change", "Not judged"):
            assert judgement in text
        assert "Burglary: control chart" in text  # the chart's title, as text
        assert "Recorded crime by type, Northmoor" in text  # the chart's title, as text

    def test_the_workbook_holds_each_indicators_figures(self, report):
        book = openpyxl.load_workbook(report("xlsx"))

        sheet = book["Indicators"]
        header = [cell.value for cell in sheet[1]]
        rows = {
            row[1]: dict(zip(header, row, strict=True))
            for row in sheet.iter_rows(2, values_only=True)
        }
        assert rows["crime-burglary"]["Figure"] == 500
        assert rows["crime-burglary"]["Same period last year"] == 400
        assert rows["crime-burglary"]["Judgement"] == "deteriorating"
        assert rows["charge-summons-share"]["Figure"] == pytest.approx(12.0)
        assert rows["crime-violence-and-sexual-offences"]["Change (tested)"] == "not tested"
        assert book.sheetnames == ["Indicators", "Series", "Notes", "About"]

    def test_the_html_stands_alone_with_its_charts(self, report):
        page = report("html", "--area", "E23900001").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<link" not in page
        assert 'role="img"' in page and "Recorded crime by type" in page

    def test_the_page_offers_the_pack_as_pdf_xlsx_and_html_only(self, client, march):
        for fmt, kind in (
            ("pdf", "application/pdf"),
            ("xlsx", "spreadsheetml"),
            ("html", "text/html"),
        ):
            response = client.get(f"/plans/{march.slug}/performance/2018-03/data-pack.{fmt}")
            assert response.status_code == 200 and kind in response["Content-Type"]
        assert (
            client.get(f"/plans/{march.slug}/performance/2018-03/data-pack.docx").status_code == 404
        )
        html = client.get(f"/plans/{march.slug}/performance/2018-03/data-pack.html")
        assert "script-src" not in html["Content-Security-Policy"]
        assert "style-src 'unsafe-inline'" in html["Content-Security-Policy"]
