"""The Delivery Plan report as a tagged, landscape A4 PDF: its text, its metadata, and a
long table that repeats its header on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch.delivery.models import Action
from planwatch.delivery.services import action_save
from planwatch.reporting.delivery_plan import TITLE
from tests.pdf_tools import pdf_info, run, words
from tests.reporting.delivery_report import (
    CURRENT,
    PREVIOUS,
    current_update,
    expected_direction,
    report,
)

A4_LANDSCAPE_POINTS = (841.89, 595.276)


@pytest.fixture
def pdf(plan, tmp_path) -> Path:
    path = tmp_path / "delivery-plan.pdf"
    report(plan, "pdf", path)
    return path


@pytest.fixture
def info(pdf) -> dict[str, str]:
    return pdf_info(pdf)


class TestThePdf:
    def test_it_is_a_pdf(self, pdf):
        assert pdf.read_bytes().startswith(b"%PDF-")

    def test_its_text_holds_every_action_status_and_direction(self, plan, pdf):
        text = words(run("pdftotext", "-raw", str(pdf), "-"))
        previous = plan.periods.get(slug=PREVIOUS)

        assert "Appendix 1" in text
        assert plan.title in text
        assert plan.periods.get(slug=CURRENT).label in text
        assert previous.label in text
        for action in plan.actions.all():
            update = current_update(action)
            assert action.reference in text
            assert words(action.title) in text
            assert (update.rag.label if update else "No update") in text
            assert expected_direction(action) in text

    def test_it_prints_hostile_commentary_as_text(self, pdf):
        assert "<script>alert(1)</script>" in run("pdftotext", "-raw", str(pdf), "-")

    def test_it_is_tagged(self, info):
        assert info["Tagged"] == "yes"

    def test_its_page_is_landscape_a4(self, info):
        size = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"])
        assert size is not None

        assert (float(size.group(1)), float(size.group(2))) == pytest.approx(
            A4_LANDSCAPE_POINTS, abs=0.01
        )

    def test_its_metadata_names_the_appendix_and_the_plan(self, plan, pdf, info):
        assert info["Title"] == (f"{TITLE}: {plan.title}, {plan.periods.get(slug=CURRENT).label}")
        assert 'pdfuaid:part="1"' in run("pdfinfo", "-meta", str(pdf))

    def test_a_long_table_repeats_its_header_on_every_page(self, plan, tmp_path):
        theme = plan.themes.get(name="Offenders")
        for number in range(40):
            action_save(
                action=Action(
                    plan=plan,
                    theme=theme,
                    reference=f"O9.{number:02d}",
                    title="A long action title that takes up a line or two of the table " * 2,
                ),
                by=None,
            )
        path = tmp_path / "long.pdf"

        report(plan, "pdf", path)

        pages = run("pdftotext", "-layout", str(path), "-").split("\f")
        with_rows = [page for page in pages if "O9." in page]
        assert len(with_rows) >= 2
        for page in with_rows:
            assert re.search(r"Ref\s+Action\s+Lead\s+Due\s+Status", page)
