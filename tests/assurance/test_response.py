"""The draft s.55 response, read back from Word and PDF: the due date counted from publication,
and for every recommendation what is done or why nothing."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.management import CommandError, call_command

from planwatch.assurance import services
from planwatch.assurance.models import InspectionGrade, ScaleLevel
from tests.pdf_tools import pdf_info, pdf_text


def write(reference: str, fmt: str, path) -> None:
    call_command(
        "assurance_response",
        reference,
        "--format",
        fmt,
        "--output",
        str(path),
        "--area",
        "Northmoor",
        stdout=io.StringIO(),
    )


@pytest.fixture
def answered(inspection, recommendations, officer):
    services.recommendation_save(
        item=recommendations[0], by=officer, response="Crimes are now recorded within 24 hours."
    )
    services.inspection_grade_save(
        record=InspectionGrade(inspection=inspection),
        by=officer,
        area="Recording data about crime",
        grade=ScaleLevel.objects.get(kind="grade", code="requires-improvement"),
        scheme="PEEL 2021/22 onwards",
    )
    return inspection


def test_the_word_response_has_a_row_for_each_recommendation(answered, tmp_path):
    write("HMI-2018-01", "docx", tmp_path / "response.docx")

    document = docx.Document(tmp_path / "response.docx")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Police and Crime Commissioner for Northmoor" in text
    assert "Response due by 5 September 2018" in text
    table = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Ref", "Kind", "What the report asks", "Action taken or proposed", "Status"]
    assert rows[1][:4] == [
        "R1",
        "Recommendation",
        "Record every reported crime within 24 hours",
        "Crimes are now recorded within 24 hours.",
    ]
    assert rows[2][0] == "AFI1" and rows[2][3] == "No response recorded yet."
    grades = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert grades[1] == [
        "Recording data about crime",
        "Requires improvement",
        "PEEL 2021/22 onwards",
    ]


def test_the_pdf_response_is_tagged_and_says_the_same(answered, tmp_path):
    path = tmp_path / "response.pdf"
    write("HMI-2018-01", "pdf", path)

    assert pdf_info(path)["Tagged"] == "yes"
    text = pdf_text(path)
    assert "Crimes are now recorded within 24 hours." in text
    assert "by 5 September 2018" in text


def test_an_unknown_report_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no inspection report 'HMI-9'"):
        write("HMI-9", "pdf", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
