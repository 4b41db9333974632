"""`planwatch report KIND` for papers: each format written from the current data, and clear
refusals when an option the kind needs is missing or wrong."""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.core.management import CommandError, call_command

from planwatch.papers import kinds
from tests.papers.monitoring import CURRENT, SECTIONS, docx_headings, expected_rows, read_docx
from tests.pdf_tools import pdf_info, pdf_text


def report(kind: str, fmt: str, output, *options: str, plan: str = "northmoor-2017-20") -> str:
    out = io.StringIO()
    call_command(
        "report",
        kind,
        "--plan",
        plan,
        "--format",
        fmt,
        "--output",
        str(output),
        *options,
        stdout=out,
    )
    return out.getvalue()


def test_it_writes_the_delivery_monitoring_paper_as_word(reported_plan, tmp_path):
    path = tmp_path / "paper.docx"

    said = report("delivery-monitoring", "docx", path, "--period", CURRENT)

    assert f"Wrote the delivery-monitoring of {reported_plan.title} to {path}" in said
    headings = [
        text for style, text in docx_headings(read_docx(path.read_bytes())) if style == "Heading 1"
    ]
    assert headings[: len(SECTIONS)] == SECTIONS


def test_it_writes_the_delivery_monitoring_paper_as_a_tagged_pdf(reported_plan, tmp_path):
    path = tmp_path / "paper.pdf"

    report("delivery-monitoring", "pdf", path, "--period", CURRENT)

    assert pdf_info(path)["Tagged"] == "yes"
    text = pdf_text(path)
    assert all(reference in text for reference, _, _ in expected_rows(reported_plan))


def test_it_writes_the_delivery_monitoring_paper_as_html(reported_plan, tmp_path):
    path = tmp_path / "paper.html"

    report("delivery-monitoring", "html", path, "--period", CURRENT)

    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "5. Delivery against the Plan" in html


def test_the_delivery_monitoring_paper_needs_a_period(reported_plan, tmp_path):
    with pytest.raises(CommandError, match="The delivery-monitoring paper needs --period"):
        report("delivery-monitoring", "pdf", tmp_path / "paper.pdf")
    assert not (tmp_path / "paper.pdf").exists()


def test_a_period_the_plan_lacks_is_refused_naming_the_choices(reported_plan, tmp_path):
    with pytest.raises(CommandError, match="no reporting period '2030-31-q1': choose"):
        report("delivery-monitoring", "docx", tmp_path / "paper.docx", "--period", "2030-31-q1")


@pytest.mark.parametrize(("kind", "option"), [("theme", "--theme"), ("annual", "--year")])
def test_the_other_kinds_say_which_option_they_need(reported_plan, tmp_path, kind, option):
    with pytest.raises(CommandError, match=f"The {kind} paper needs {option}"):
        report(kind, "html", tmp_path / "paper.html")


def test_papers_are_not_written_as_spreadsheets(reported_plan, tmp_path):
    with pytest.raises(CommandError, match="can be written as pdf or docx or html, not xlsx"):
        report("delivery-monitoring", "xlsx", tmp_path / "paper.xlsx", "--period", CURRENT)


def test_a_kind_whose_builder_is_missing_is_reported_clearly(reported_plan, tmp_path, monkeypatch):
    spec = kinds.KINDS["theme"]
    missing = dataclasses.replace(spec, builder="planwatch.papers.builders.nowhere:build")
    monkeypatch.setitem(kinds.KINDS, "theme", missing)

    with pytest.raises(
        CommandError, match="cannot be made yet: planwatch.papers.builders.nowhere:build"
    ):
        report("theme", "html", tmp_path / "paper.html", "--theme", "Victims")


def test_the_theme_paper_is_written_by_its_builder(reported_plan, tmp_path):
    path = tmp_path / "theme.html"

    report("theme", "html", path, "--theme", "Victims")

    assert "Victims" in path.read_text(encoding="utf-8")
