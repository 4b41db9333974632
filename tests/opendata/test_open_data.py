"""Open data: every public table as CSV and JSON with the columns the data page lists, under
the Open Government Licence, and nothing unpublished in any of them."""

from __future__ import annotations

import csv
import io
import json

from django.core.management import call_command

from planwatch.opendata.datasets import DATASETS


def test_the_data_page_lists_every_dataset_with_its_licence(client, db):
    page = client.get("/data/").text
    assert "Open Government Licence v3.0" in page
    for dataset in DATASETS.values():
        assert f'href="/data/{dataset.slug}.csv"' in page
        assert f'href="/data/{dataset.slug}.json"' in page
    assert 'href="/data/"' in client.get("/").text  # linked from every page's footer


def test_every_dataset_has_exactly_its_columns_in_csv_and_json(client, db):
    call_command("demo", stdout=io.StringIO())
    for dataset in DATASETS.values():
        body = json.loads(client.get(f"/data/{dataset.slug}.json").content)
        assert body["columns"] == list(dataset.columns)
        assert body["licence"] == "Open Government Licence v3.0"
        assert all(list(row) == list(dataset.columns) for row in body["rows"]), dataset.slug
        table = list(csv.reader(io.StringIO(client.get(f"/data/{dataset.slug}.csv").text)))
        assert table[0] == list(dataset.columns)
        assert len(table) - 1 == len(body["rows"]), dataset.slug
    plans = json.loads(client.get("/data/plans.json").content)["rows"]
    assert [p["plan"] for p in plans] == ["northmoor-2017-20"]
    grants = json.loads(client.get("/data/grants.json").content)["rows"]
    assert {g["recipient"] for g in grants} == {
        "Northmoor Youth Diversion Trust",
        "Northmoor Victim Care",
    }  # the demo's unpublished grant is not there


def test_the_delivery_plan_data_has_published_quarters_only(
    client, published_plan, published_quarter, make_period, make_update
):
    action, published = published_quarter("2018-19-q1")
    open_period = make_period("2018-19-q2")
    make_update(action, open_period, "R", state="draft", commentary="Draft words not reviewed")

    rows = json.loads(client.get("/data/delivery-plan.json").content)["rows"]
    mine = [r for r in rows if r["action"] == "V1.9"]
    assert mine == [
        {
            "plan": published_plan.slug,
            "period": "2018-19-q1",
            "theme": action.theme.name,
            "objective": "",
            "action": "V1.9",
            "title": action.title,
            "lead": "Head of Victim Services",
            "due": "",
            "status": "Green",
            "direction": "new",
            "commentary": "Published commentary for the quarter",
        }
    ]
    assert "Draft words not reviewed" not in client.get("/data/delivery-plan.csv").text


def test_unknown_datasets_and_formats_are_not_found(client, db):
    assert client.get("/data/secrets.csv").status_code == 404
    assert client.get("/data/plans.xml").status_code == 404
