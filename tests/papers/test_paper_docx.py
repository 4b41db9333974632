"""The paper as a Word document, read back with python-docx: heading styles in the order of
the Panel's papers, numbered paragraphs, Appendix 1 as real tables whose rows and statuses are
the Delivery Plan's, and a landscape section for the appendix. LibreOffice opens it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from planwatch.papers.render import render
from planwatch.papers.selectors import draft_content
from planwatch.reporting.delivery_plan import COLUMNS
from tests.papers.monitoring import (
    SECTIONS,
    docx_action_rows,
    docx_headings,
    expected_rows,
    read_docx,
)
from tests.pdf_tools import pdf_text

LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def docx_bytes(paper) -> bytes:
    return render(draft_content(paper), "docx")


@pytest.fixture
def word(docx_bytes):
    return read_docx(docx_bytes)


def test_its_headings_use_real_heading_styles_in_the_papers_order(paper, word):
    headings = docx_headings(word)
    themes = [t.name for t in paper.plan.themes.all() if t.actions.exists()]

    assert headings[0] == ("Title", draft_content(paper).title)
    assert [text for style, text in headings if style == "Heading 1"] == [
        *SECTIONS,
        f"Appendix 1: {draft_content(paper).appendices[0].heading}",
    ]
    assert [text.split(" ", 1)[1] for style, text in headings if style == "Heading 2"] == [
        *themes,
        "Key",
    ]


def test_the_heading_block_opens_the_document(word):
    opening = [p.text for p in word.paragraphs[:7]]

    assert opening == [
        "Police and Crime Panel",
        "Agenda Item No. 7",
        "12 September 2018",
        "Public report",
        "Report of Police and Crime Commissioner for Northmoor",
        "Contact officer – Dana Grey",
        "Contact details – opcc@northmoor.example 0300 000 0000",
    ]


def test_paragraphs_are_numbered_as_in_the_panels_papers(word):
    texts = [p.text for p in word.paragraphs]

    assert any(text.startswith("1.1\tThis report is being presented to") for text in texts)
    assert any(text.startswith("2.1\tThe Panel is recommended to note") for text in texts)
    assert any(
        text.startswith("4.2\tThe Plan became effective from 1 April 2017") for text in texts
    )


def test_appendix_1_rows_and_statuses_are_the_delivery_plans(paper, word):
    rows = docx_action_rows(word)

    assert [(row[0], row[4], row[5]) for row in rows] == expected_rows(paper.plan)


def test_appendix_tables_repeat_their_header_row_and_shade_status_cells_with_words(word):
    tables = [t for t in word.tables if [c.text for c in t.rows[0].cells] == list(COLUMNS)]

    assert tables
    for table in tables:
        assert table.style.name == "Table Grid"
        assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
        for row in table.rows[1:]:
            status = row.cells[4]
            if status.text != "No update":
                assert status._tc.tcPr.xpath("./w:shd/@w:fill")
                assert status.paragraphs[0].runs[0].bold


def test_the_report_is_portrait_and_its_appendix_landscape(word):
    report, appendix = word.sections[0], word.sections[-1]

    assert report.page_height > report.page_width
    assert appendix.page_width > appendix.page_height


def test_its_properties_name_the_paper_and_its_language(paper, word):
    properties = word.core_properties

    assert properties.title == draft_content(paper).title
    assert properties.author == "Police and Crime Commissioner for Northmoor"
    assert properties.language == "en-GB"


def test_a_draft_says_so_before_its_title(paper):
    word = read_docx(render(draft_content(paper), "docx", draft=True))

    title = next(i for i, p in enumerate(word.paragraphs) if p.style.name == "Title")
    assert word.paragraphs[title - 1].text.startswith("Draft:")
    assert word.core_properties.title.endswith("(draft)")


def test_libreoffice_opens_it_and_converts_it_to_pdf(paper, docx_bytes, tmp_path):
    if LIBREOFFICE is None:
        pytest.fail("LibreOffice is not installed; `make test` installs libreoffice-writer-nogui")
    source = tmp_path / "paper.docx"
    source.write_bytes(docx_bytes)

    subprocess.run(
        [LIBREOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )

    text = pdf_text(tmp_path / "paper.pdf")
    assert "Monitoring the delivery" in text
    for reference, status, _ in expected_rows(paper.plan):
        assert reference in text and status in text
