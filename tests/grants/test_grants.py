"""Grants: recorded by officers with the objectives they serve, totalled by scheme, year and
theme (checked against sums worked out here), their monitoring returns, and the public
register as a page, CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from planwatch.grants import services
from planwatch.grants.models import Grant, MonitoringReturn, Scheme
from planwatch.grants.selectors import grants, totals
from planwatch.plans.models import Objective


@pytest.fixture
def schemes(db) -> dict[str, Scheme]:
    services.schemes_ensure_default(by=None)  # emptied by a browser test's flush
    return {s.kind: s for s in Scheme.objects.all()}


def _grant(officer, scheme, reference, amount, starts, objectives=(), **more) -> Grant:
    return services.grant_save(
        grant=Grant(),
        by=officer,
        scheme=scheme,
        reference=reference,
        recipient=more.pop("recipient", f"Recipient {reference}"),
        purpose=more.pop("purpose", "Diversion for young people"),
        amount=Decimal(amount),
        starts=starts,
        ends=starts + dt.timedelta(days=364),
        objectives=objectives,
        **more,
    )


def test_the_financial_year_starts_on_1_april(officer, schemes):
    march = _grant(officer, schemes["victims"], "G1", "10", dt.date(2021, 3, 31))
    april = _grant(officer, schemes["victims"], "G2", "10", dt.date(2021, 4, 1))
    assert (march.financial_year, april.financial_year) == ("2020/21", "2021/22")


def test_totals_by_scheme_year_and_theme(officer, schemes, published_plan):
    objectives = list(Objective.objects.filter(theme__plan=published_plan).select_related("theme"))
    by_theme: dict[str, list[Objective]] = {}
    for objective in objectives:
        by_theme.setdefault(objective.theme.name, []).append(objective)
    first, second = sorted(by_theme)[:2]
    made = [
        _grant(
            officer,
            schemes["crime_and_disorder"],
            "A",
            "1000.50",
            dt.date(2021, 5, 1),
            by_theme[first][:1],
        ),
        _grant(
            officer,
            schemes["crime_and_disorder"],
            "B",
            "250",
            dt.date(2022, 6, 1),
            by_theme[first][:1] + by_theme[second][:1],
        ),
        _grant(officer, schemes["victims"], "C", "99.50", dt.date(2021, 9, 1)),
    ]
    found = totals(grants())

    def table(key):
        return {t.label: (t.grants, t.amount) for t in found[key]}

    # Worked out independently from the grants made above.
    assert table("scheme") == {
        "Crime and disorder reduction grants": (2, Decimal("1250.50")),
        "Victims' services": (1, Decimal("99.50")),
    }
    assert table("year") == {"2021/22": (2, Decimal("1100.00")), "2022/23": (1, Decimal("250"))}
    assert table("theme") == {
        first: (2, Decimal("1250.50")),
        second: (1, Decimal("250")),
        "No objective given": (1, Decimal("99.50")),
    }
    assert table("all") == {"All grants": (3, sum(g.amount for g in made))}
    assert [g.reference for g in grants(year="2021/22")] == ["C", "A"]


def test_an_officer_records_a_grant_in_the_form(client, officer, schemes, published_plan):
    objective = Objective.objects.filter(theme__plan=published_plan).first()
    client.force_login(officer)
    response = client.post(
        "/grants/new/",
        {
            "scheme": schemes["victims"].pk,
            "reference": "VS-2021-01",
            "recipient": "Northmoor Victim Care",
            "purpose": "Support for victims of domestic abuse",
            "amount": "45000",
            "starts": "01/04/2021",
            "ends": "31/03/2022",
            "conditions": "Quarterly returns",
            "objectives": [objective.pk],
        },
    )
    grant = Grant.objects.get()
    assert response["Location"] == f"/grants/{grant.pk}/"
    assert list(grant.objectives.all()) == [objective]
    assert {h.history_user for h in grant.history.all()} == {officer}
    assert grant.published is False
    page = client.get(f"/grants/{grant.pk}/").text
    assert "£45,000.00" in page and objective.text in page


def test_bad_input_is_refused_and_nothing_is_written(client, officer, schemes):
    client.force_login(officer)
    response = client.post(
        "/grants/new/",
        {
            "scheme": schemes["victims"].pk,
            "reference": "X",
            "recipient": "R",
            "purpose": "P",
            "amount": "-5",
            "starts": "01/04/2021",
            "ends": "31/03/2021",
        },
    )
    assert response.status_code == 200
    assert "The end date must not be before the start date" in response.text
    assert not Grant.objects.exists()


def test_returns_are_asked_for_received_and_shown_overdue(client, officer, schemes):
    grant = _grant(officer, schemes["victims"], "G1", "10", dt.date(2021, 4, 1))
    client.force_login(officer)
    client.post(f"/grants/{grant.pk}/returns/new/", {"title": "Q1 return", "due": "31/07/2021"})
    item = MonitoringReturn.objects.get()
    assert "Overdue" in client.get(f"/grants/{grant.pk}/").text  # 31/07/2021 is long past
    refused = client.post(f"/grants/returns/{item.pk}/", {"state": "received"})
    assert "Give the date the return was received." in refused.text
    client.post(f"/grants/returns/{item.pk}/", {"state": "received", "on": "28/07/2021"})
    item.refresh_from_db()
    assert (item.state, item.received_on) == ("received", dt.date(2021, 7, 28))
    assert "Overdue" not in client.get(f"/grants/{grant.pk}/").text


def test_the_register_shows_only_published_grants_as_page_csv_and_xlsx(client, officer, schemes):
    _grant(
        officer,
        schemes["victims"],
        "G1",
        "1500",
        dt.date(2021, 4, 1),
        published=True,
        recipient='=HYPERLINK("x")',
        purpose="Advocates",
        conditions="Returns each quarter",
    )
    _grant(officer, schemes["victims"], "G2", "99", dt.date(2021, 4, 1), recipient="Hidden Ltd")
    page = client.get("/grants/register/").text
    assert "Advocates" in page and "Hidden Ltd" not in page and "1 grant" in page

    rows = list(csv.reader(io.StringIO(client.get("/grants/register.csv").content.decode())))
    assert rows == [
        ["Recipient", "Amount (£)", "Purpose", "Conditions", "Scheme", "From", "To"],
        [
            '\'=HYPERLINK("x")',
            "1500.00",
            "Advocates",
            "Returns each quarter",
            "Victims' services",
            "01/04/2021",
            "31/03/2022",
        ],
    ]
    sheet = load_workbook(io.BytesIO(client.get("/grants/register.xlsx").content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][1] == 1500.0 and values[1][2] == "Advocates"
    assert client.get("/grants/register.pdf").status_code == 404


@pytest.mark.parametrize("role", ["lead", "panel_member", "auditor"])
def test_only_officers_record_grants(client, role, request, schemes):
    client.force_login(request.getfixturevalue(role))
    response = client.post("/grants/schemes/new/", {"name": "Road safety", "kind": "other"})
    assert response.status_code == 403
    assert not Scheme.objects.filter(name="Road safety").exists()
