"""The data pack out of PlanWatch: `planwatch indicators --json`, observations-export and
the pack's PDF, XLSX and HTML reports, with the figures computed independently."""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from planwatch.performance.models import Observation
from planwatch.reporting.data_pack import render_data_pack
from tests.pdf_tools import run
from tests.performance.packs import EXPECTED_MARCH, pack_for

JUDGEMENTS = {"significant increase", "significant decrease", "comparable", "not tested"}
DIRECTIONS = {"improving", "deteriorating", "no significant change", None}


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
