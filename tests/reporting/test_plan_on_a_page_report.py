"""The Plan on a Page report: a one-page, tagged, landscape A4 PDF, and HTML."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Objective, Plan, Theme
from planwatch.plans.services import plan_load
from tests.pdf_tools import pdf_info, run, words

A4_LANDSCAPE_POINTS = (841.89, 595.276)


def report(plan: Plan, format: str, output: Path) -> str:
    out = io.StringIO()
    call_command(
        "report",
        "plan-on-a-page",
        "--plan",
        plan.slug,
        "--format",
        format,
        "--output",
        str(output),
        stdout=out,
    )
    return out.getvalue()


@pytest.fixture
def pdf(published_plan, tmp_path) -> Path:
    path = tmp_path / "plan-on-a-page.pdf"
    report(published_plan, "pdf", path)
    return path


@pytest.fixture
def info(pdf) -> dict[str, str]:
    return pdf_info(pdf)


class TestThePdf:
    def test_it_is_a_pdf(self, pdf):
        assert pdf.read_bytes().startswith(b"%PDF-")

    def test_it_says_what_it_wrote(self, published_plan, tmp_path):
        path = tmp_path / "out.pdf"

        output = report(published_plan, "pdf", path)

        assert output.startswith(f"Wrote the plan-on-a-page of {published_plan.title} to {path}")
        assert f"({path.stat().st_size:,} bytes)" in output

    def test_its_text_holds_the_title_and_every_theme_name(self, published_plan, pdf):
        text = run("pdftotext", "-layout", str(pdf), "-")
        names = list(published_plan.themes.values_list("name", flat=True))

        assert published_plan.title in text
        assert len(names) == 4
        for name in names:
            assert name in text

    def test_its_themes_stand_side_by_side_in_plan_order(self, published_plan, pdf):
        text = run("pdftotext", "-layout", str(pdf), "-")
        names = list(published_plan.themes.values_list("name", flat=True))
        pattern = re.compile(r"\s+".join(re.escape(name) for name in names))

        assert any(pattern.search(line) for line in text.splitlines())

    def test_its_text_holds_every_aim_outcome_and_objective(self, published_plan, pdf):
        # -layout interleaves the lines of the side-by-side columns, so read in drawing order.
        text = words(run("pdftotext", "-raw", str(pdf), "-"))
        themes = Theme.objects.filter(plan=published_plan)
        objectives = Objective.objects.filter(theme__plan=published_plan)

        assert themes.count() == 4
        assert objectives.count() >= 4
        for theme in themes:
            assert words(theme.aim) in text
            for outcome in theme.outcomes.all():
                assert words(outcome.text) in text
        for objective in objectives:
            assert words(objective.text) in text

    def test_it_is_tagged(self, info):
        assert info["Tagged"] == "yes"

    def test_it_is_one_page(self, info):
        assert info["Pages"] == "1"

    def test_its_page_is_landscape_a4(self, info):
        size = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"])
        assert size is not None
        width, height = float(size.group(1)), float(size.group(2))

        assert width > height
        assert (width, height) == pytest.approx(A4_LANDSCAPE_POINTS, abs=0.01)

    def test_its_metadata_names_the_plan(self, published_plan, info):
        assert info["Title"] == f"{published_plan.title}: Plan on a Page"

    def test_it_declares_pdf_ua_in_its_xmp_metadata(self, pdf):
        metadata = run("pdfinfo", "-meta", str(pdf))

        assert 'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' in metadata
        assert 'pdfuaid:part="1"' in metadata


class HeadingCollector(HTMLParser):
    """The text of every h1 and h2 in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: dict[str, list[str]] = {"h1": [], "h2": []}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.headings:
            self._open = tag
            self.headings[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.headings[self._open][-1] += data


def headings(html: str) -> dict[str, list[str]]:
    collector = HeadingCollector()
    collector.feed(html)
    return collector.headings


HOSTILE = """\
slug: hostile
title: Plan <b>bold</b> & "quoted"
area: Testshire
force: testshire
commissioner: Tess Tester
starts: 2021-04-01
ends: 2024-03-31
themes:
  - name: Fish & Chips <i>
    aim: <script>alert(1)</script>
    outcomes: ['<img src=x onerror=alert(2)>']
    objectives:
      - text: Close the </ul> tag early
"""


class TestTheHtml:
    def test_each_theme_is_a_heading_in_plan_order(self, published_plan, tmp_path):
        path = tmp_path / "page.html"

        report(published_plan, "html", path)

        found = headings(path.read_text(encoding="utf-8"))
        assert found["h2"] == list(published_plan.themes.values_list("name", flat=True))
        assert found["h1"] == [f"{published_plan.title}: Plan on a Page"]

    def test_it_holds_every_aim_and_objective(self, published_plan, tmp_path):
        path = tmp_path / "page.html"

        report(published_plan, "html", path)

        html = path.read_text(encoding="utf-8")
        for theme in Theme.objects.filter(plan=published_plan):
            assert theme.aim in html
        for objective in Objective.objects.filter(theme__plan=published_plan):
            assert objective.text in html

    def test_user_text_is_escaped(self, db, tmp_path):
        plan, _ = plan_load(document=parse_plan_document(HOSTILE), by=None)
        path = tmp_path / "page.html"

        report(plan, "html", path)

        html = path.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script" not in html
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
        assert "<img" not in html
        assert "Close the &lt;/ul&gt; tag early" in html
        assert headings(html)["h2"] == ["Fish & Chips <i>"]
        assert "Plan &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;" in html

    def test_hostile_text_in_the_pdf_is_printed_as_text(self, db, tmp_path):
        plan, _ = plan_load(document=parse_plan_document(HOSTILE), by=None)
        path = tmp_path / "page.pdf"

        report(plan, "pdf", path)

        assert "<script>alert(1)</script>" in run("pdftotext", "-raw", str(path), "-")


class TestFailures:
    def test_an_unknown_plan_fails_clearly_and_writes_no_file(self, db, tmp_path):
        path = tmp_path / "nothing.pdf"

        with pytest.raises(CommandError, match="No Plan has the slug 'no-such-plan'"):
            call_command(
                "report",
                "plan-on-a-page",
                "--plan",
                "no-such-plan",
                "--format",
                "pdf",
                "--output",
                str(path),
            )

        assert not path.exists()

    def test_an_output_that_cannot_be_written_fails_clearly(self, published_plan, tmp_path):
        with pytest.raises(CommandError, match="Cannot write"):
            report(published_plan, "html", tmp_path / "no-such-folder" / "page.html")


class TestTheDownloadLink:
    def test_the_link_is_where_the_page_says(self, published_plan):
        assert (
            reverse("plans:pdf", kwargs={"slug": published_plan.slug})
            == f"/plans/{published_plan.slug}/plan-on-a-page.pdf"
        )

    def test_anyone_may_download_a_published_plan(self, client, published_plan):
        response = client.get(f"/plans/{published_plan.slug}/plan-on-a-page.pdf")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert response["Content-Disposition"] == (
            f'attachment; filename="{published_plan.slug}-plan-on-a-page.pdf"'
        )

    def test_the_public_cannot_download_a_draft(self, client, draft_plan):
        response = client.get(f"/plans/{draft_plan.slug}/plan-on-a-page.pdf")

        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:sign-in"))
        assert not response.content.startswith(b"%PDF")
        assert response.get("Content-Type") != "application/pdf"

    def test_an_officer_may_download_a_draft(self, client, officer, draft_plan):
        client.force_login(officer)

        response = client.get(f"/plans/{draft_plan.slug}/plan-on-a-page.pdf")

        assert response.status_code == 200
        assert response.content.startswith(b"%PDF-")

    def test_the_downloaded_pdf_is_the_tagged_one_page_report(
        self, client, published_plan, tmp_path
    ):
        path = tmp_path / "downloaded.pdf"
        path.write_bytes(client.get(f"/plans/{published_plan.slug}/plan-on-a-page.pdf").content)

        info = run("pdfinfo", str(path))

        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
        assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
        assert published_plan.title in run("pdftotext", "-layout", str(path), "-")
