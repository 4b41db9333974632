"""OPCC staff see on the home page each inspection response overdue or due within 14 days;
nobody else sees anything of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from planwatch.assurance import services
from planwatch.assurance.models import Inspection


def _report(reference: str, published: dt.date, officer) -> Inspection:
    return services.inspection_save(
        inspection=Inspection(),
        by=officer,
        reference=reference,
        title=f"Report {reference}",
        kind="thematic",
        published_on=published,
    )


@pytest.fixture
def reports(officer, published_plan):
    today = timezone.localdate()
    return {
        "soon": _report("SOON", today - dt.timedelta(days=50), officer),  # 5 days left
        "late": _report("LATE", today - dt.timedelta(days=57), officer),  # 2 days over
        "later": _report("LATER", today - dt.timedelta(days=10), officer),  # 45 days left
    }


def test_officers_see_the_responses_due_soonest_first(client, officer, reports):
    client.force_login(officer)

    page = client.get("/").content.decode()

    assert "Inspection responses due" in page
    assert page.index("LATE") < page.index("SOON")
    assert "overdue</strong> since" in page and "(2 days ago)" in page
    assert "(5 days left)" in page
    assert "LATER" not in page


def test_a_published_response_leaves_the_list(client, officer, reports):
    services.inspection_response(inspection=reports["late"], state="published", by=officer)
    client.force_login(officer)

    page = client.get("/").content.decode()

    assert "LATE" not in page and "SOON" in page


@pytest.mark.parametrize("who", ["lead", "panel_member", "auditor", None])
def test_nobody_else_sees_them(client, reports, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert "Inspection responses due" not in client.get("/").content.decode()
