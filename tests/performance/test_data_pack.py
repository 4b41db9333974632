"""The performance data pack: figures for a period (quarters, control charts) and its page.
The JSON command and the reports are in test_data_pack_outputs.py."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from scipy import stats

from planwatch.performance.models import Indicator, SeriesBreak
from tests.performance.packs import figures_of, pack_for, write

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
