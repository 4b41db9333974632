"""Open data asked for under /cy/ is the same file as in English."""

from __future__ import annotations

from planwatch.delivery.models import PeriodState
from planwatch.opendata.datasets import DATASETS
from tests.delivery.conftest import _advance


def test_every_file_under_cy_is_the_english_file(
    client, published_plan, make_action, make_period, make_update
):
    action = make_action("V1.9", lead_name="Head of Victim Services")
    published = make_period("2018-19-q3")
    make_update(action, published, "G", commentary="Published commentary for the quarter")
    _advance(published, PeriodState.PUBLISHED)

    for slug in DATASETS:
        for fmt in ("csv", "json"):
            english = client.get(f"/data/{slug}.{fmt}")
            assert english.status_code == 200
            assert client.get(f"/cy/data/{slug}.{fmt}").content == english.content
    assert "Ch3" not in client.get("/cy/data/delivery-plan.json").content.decode()
