"""Open data asked for under /cy/ is the same file as in English."""

from __future__ import annotations

from planwatch.opendata.datasets import DATASETS


def test_every_file_under_cy_is_the_english_file(client, published_plan, published_quarter):
    published_quarter("2018-19-q3")

    for slug in DATASETS:
        for fmt in ("csv", "json"):
            english = client.get(f"/data/{slug}.{fmt}")
            assert english.status_code == 200
            assert client.get(f"/cy/data/{slug}.{fmt}").content == english.content
    assert "Ch3" not in client.get("/cy/data/delivery-plan.json").content.decode()
