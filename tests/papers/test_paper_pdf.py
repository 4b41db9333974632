"""The paper as a tagged, accessible PDF (PDF/UA-1): its text holds the sections and the
Delivery Plan's rows and statuses, it is tagged, titled and in English, the report is A4
portrait and its appendix A4 landscape."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from planwatch.papers.render import render
from planwatch.papers.selectors import draft_content
from tests.papers.monitoring import SECTIONS, expected_rows
from tests.pdf_tools import pdf_info, pdf_text, run

A4_PORTRAIT, A4_LANDSCAPE = "595.276 x 841.89 pts (A4)", "841.89 x 595.276 pts (A4)"


def pdf_objects(path: Path) -> bytes:
    """The file with its compressed streams inflated, to find the catalogue's entries."""
    data = path.read_bytes()
    found = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        try:
            found.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(found)


@pytest.fixture
def pdf(paper, tmp_path) -> Path:
    path = tmp_path / "paper.pdf"
    path.write_bytes(render(draft_content(paper), "pdf"))
    return path


def test_its_text_holds_the_sections_in_order(paper, pdf):
    text = pdf_text(pdf)
    content = draft_content(paper)

    places = [text.index(heading) for heading in [content.title.upper(), *SECTIONS]]
    assert places == sorted(places)
    assert "1.1 This report is being presented to the Police and Crime Panel" in text
    assert "Agenda Item No. 7" in text and "Contact officer – Dana Grey" in text


def test_its_text_holds_every_row_of_appendix_1_with_its_status_and_direction(paper, pdf):
    text = pdf_text(pdf)
    appendix = text.index("Appendix 1: Delivery Plan")

    after = text[appendix:]
    for reference, status, direction in expected_rows(paper.plan):
        row = after.index(f"{reference} ")
        assert status in after[row : row + 400]
        assert direction in after[row : row + 400]


def test_it_is_tagged_titled_and_in_english(paper, pdf):
    info = pdf_info(pdf)

    assert info["Tagged"] == "yes"
    assert info["Title"] == draft_content(paper).title
    assert info["Author"] == "Police and Crime Commissioner for Northmoor"
    assert b"/Lang (en-GB)" in pdf_objects(pdf)


def test_its_structure_has_headings_and_tables_with_header_cells(pdf):
    structure = run("pdfinfo", "-struct", str(pdf))

    for tag in ("H1", "H2", "H3", "P", "L", "Table", "Caption", "TH", "TD"):
        assert re.search(rf"^\s*{tag}\b", structure, re.MULTILINE), tag


def test_the_report_is_portrait_and_the_appendix_landscape(pdf):
    info = pdf_info(pdf)
    pages = int(info["Pages"])
    sizes = [
        pdf_info(pdf, "-f", str(n), "-l", str(n))[f"Page{n:>5} size"] for n in range(1, pages + 1)
    ]

    assert sizes[0] == A4_PORTRAIT
    assert sizes[-1] == A4_LANDSCAPE
    first_landscape = sizes.index(A4_LANDSCAPE)
    assert set(sizes[first_landscape:]) == {A4_LANDSCAPE}
    text = run(
        "pdftotext", "-f", str(first_landscape + 1), "-l", str(first_landscape + 1), str(pdf), "-"
    )
    assert "Appendix 1" in text
