"""Grades recorded through the form, and the history of grades with a marked break where the
grading scheme changed."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.assurance import services
from planwatch.assurance.models import Inspection, InspectionGrade
from planwatch.assurance.selectors import grade_history
from tests.assurance.conftest import level

OLD, NEW = "PEEL 2018/19", "PEEL 2021/22 onwards"


def _peel(reference: str, published: dt.date, scheme: str, grade: str) -> Inspection:
    inspection = services.inspection_save(
        inspection=Inspection(),
        by=None,
        reference=reference,
        title=f"PEEL {published.year}",
        kind="peel",
        published_on=published,
    )
    services.inspection_grade_save(
        record=InspectionGrade(inspection=inspection),
        by=None,
        area="Preventing crime",
        grade=level("grade", grade),
        scheme=scheme,
    )
    return inspection


@pytest.fixture
def peel_reports(db):
    return [
        _peel("PEEL-2019", dt.date(2019, 5, 2), OLD, "good"),
        _peel("PEEL-2020", dt.date(2020, 5, 2), OLD, "requires-improvement"),
        _peel("PEEL-2022", dt.date(2022, 5, 2), NEW, "adequate"),
        _peel("PEEL-2024", dt.date(2024, 5, 2), NEW, "good"),
    ]


def test_the_history_marks_a_break_only_where_the_scheme_changed(peel_reports):
    history = grade_history()

    assert [r.inspection.reference for r in history] == [
        "PEEL-2019",
        "PEEL-2020",
        "PEEL-2022",
        "PEEL-2024",
    ]
    assert [r.scheme_changed_from for r in history] == [None, None, OLD, None]


def test_the_page_shows_the_break_between_the_schemes(client, officer, peel_reports):
    client.force_login(officer)

    page = client.get("/assurance/").content.decode().split("Grades over time", 1)[1]

    marked = f"The grading scheme changed from {OLD} to {NEW}"
    assert page.count(marked) == 1
    assert page.index("PEEL-2020") < page.index(marked) < page.index("PEEL-2022")


def test_an_officer_adds_a_grade_in_the_form(client, officer, inspection):
    client.force_login(officer)
    url = f"/assurance/inspections/{inspection.reference}/grades/new/"

    response = client.post(
        url, {"area": "Recording crime", "grade": level("grade", "good").pk, "scheme": NEW}
    )

    assert response.status_code == 302
    grade = InspectionGrade.objects.get()
    assert (grade.area, grade.grade.label, grade.scheme) == ("Recording crime", "Good", NEW)
    assert grade.history.latest().history_user == officer
