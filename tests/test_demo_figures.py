"""`planwatch demo --data DIR`: the demo with the real areas and data.police.uk figures."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from planwatch.delivery.models import Update
from planwatch.performance.models import Area, Observation, PeerGroup
from planwatch.plans.models import Plan

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def crimes_excluding_asb(name: str) -> int:
    with (DATA / "police-uk" / name).open(encoding="utf-8", newline="") as handle:
        return sum(row["Crime type"] != "Anti-social behaviour" for row in csv.DictReader(handle))


def test_with_data_the_demo_plan_shows_cambridgeshires_real_figures(db):
    output = demo("--data", str(DATA))

    plan = Plan.objects.get()
    assert plan.force == "cambridgeshire"
    assert "Imported" in output and "data.police.uk rows" in output
    expected = crimes_excluding_asb("2018-03-cambridgeshire-street.csv")
    figure = Observation.objects.get(
        indicator__code="crime-all-excl-asb", area__police_uk_id="cambridgeshire", period="2018-03"
    )
    assert figure.value == expected
    page = Client().get(f"/plans/{plan.slug}/performance/2018-03/")
    assert page.status_code == 200
    assert f"{expected:,}" in page.content.decode()
    group = PeerGroup.objects.get()
    assert set(group.areas.values_list("police_uk_id", flat=True)) == {
        "bedfordshire",
        "cambridgeshire",
        "hertfordshire",
    }
    assert Area.objects.get(police_uk_id="cambridgeshire").population == 804_841


def test_running_it_again_keeps_the_plan_its_updates_and_its_figures(db):
    demo("--data", str(DATA))
    plan, updates = Plan.objects.get(), set(Update.objects.values_list("pk", flat=True))
    figures = set(Observation.objects.values_list("pk", "value"))

    demo("--data", str(DATA))

    assert Plan.objects.get().pk == plan.pk
    assert set(Update.objects.values_list("pk", flat=True)) == updates
    assert set(Observation.objects.values_list("pk", "value")) == figures


def test_without_the_data_folder_the_demo_loads_without_figures(db, tmp_path):
    output = demo("--data", str(tmp_path))

    assert "No area lookup" in output
    assert Plan.objects.get().force == "northmoor"
    assert not Observation.objects.exists()
