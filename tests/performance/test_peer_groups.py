"""Peer groups: setting them, and the data pack comparing a force with its group, in rates
per 1,000 people, on the real March 2018 street-level crime of the Bedfordshire,
Cambridgeshire and Hertfordshire alliance (counted here from the published files)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.demo.loader import DEMO_PEER_GROUP, DEMO_PLAN
from planwatch.performance.display import data_pack_view
from planwatch.performance.models import Area, PeerGroup
from planwatch.performance.peer_groups import peer_group_set
from planwatch.performance.periods import parse_period
from planwatch.performance.populations import CENSUS_2011
from planwatch.performance.selectors import area_for, data_pack
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.services import plan_load

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
LOOKUP = SHARED / "reference" / "lad16-csp16-pfa16-lookup.csv"
ALLIANCE = ("bedfordshire", "cambridgeshire", "hertfordshire")
NAMES = {"bedfordshire": "Bedfordshire", "cambridgeshire": "Cambridgeshire"}
NAMES |= {"hertfordshire": "Hertfordshire", "norfolk": "Norfolk"}
# 2011 Census usual residents (KS101EW), worked out here rather than read from PlanWatch.
POPULATIONS = {
    "bedfordshire": 157_479 + 254_381 + 203_201,  # Bedford, Central Bedfordshire, Luton
    "cambridgeshire": 621_210 + 183_631,  # Cambridgeshire county, Peterborough
    "hertfordshire": 1_116_062,
    "norfolk": 857_888,
}
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}
COUNTS = (
    "crime-all-excl-asb",
    "crime-anti-social-behaviour",
    "crime-burglary",
    "crime-violence-and-sexual-offences",
)


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def members(name: str) -> list[str]:
    return [area.name for area in PeerGroup.objects.get(name=name).areas.all()]


@pytest.fixture
def areas(db):
    run("areas_load", str(LOOKUP))
    run("populations_load", str(CENSUS_2011))


@pytest.fixture
def alliance(areas) -> PeerGroup:
    run("peer_group_set", "Eastern alliance", *ALLIANCE)
    return PeerGroup.objects.get(name="Eastern alliance")


class TestSetting:
    def test_a_group_is_created_with_its_forces_by_id_or_ons_code(self, areas):
        output = run(
            "peer_group_set", "Eastern alliance", "bedfordshire", "E23000023", "Hertfordshire"
        )

        assert "Eastern alliance (set): Bedfordshire, Cambridgeshire, Hertfordshire." in output
        assert members("Eastern alliance") == ["Bedfordshire", "Cambridgeshire", "Hertfordshire"]

    def test_setting_it_again_replaces_its_members_whatever_the_case_of_its_name(self, alliance):
        output = run(
            "peer_group_set", "eastern ALLIANCE", "E23000026", "norfolk", "--description", "East"
        )

        assert "eastern ALLIANCE (set): Bedfordshire, Norfolk." in output
        assert PeerGroup.objects.count() == 1
        assert members("eastern ALLIANCE") == ["Bedfordshire", "Norfolk"]
        assert PeerGroup.objects.get().description == "East"

    def test_setting_the_same_members_again_changes_nothing(self, alliance):
        before = PeerGroup.history.count()

        output = run("peer_group_set", "Eastern alliance", *reversed(ALLIANCE))

        assert "Eastern alliance (unchanged)" in output
        assert PeerGroup.history.count() == before

    @pytest.mark.parametrize(
        ("areas_given", "reason"),
        [
            (["bedfordshire", "nowhere"], "'nowhere': no area has this ONS code or force id."),
            (["norfolk", "E07000008"], "'E07000008': Cambridge is not a police force area."),
            (["norfolk", "norfolk"], "A peer group needs at least two force areas."),
        ],
    )
    def test_a_group_with_an_unknown_or_wrong_area_is_refused_and_left_as_it_was(
        self, alliance, areas_given, reason
    ):
        with pytest.raises(CommandError) as refused:
            run("peer_group_set", "Eastern alliance", *areas_given)

        assert "The peer group 'Eastern alliance' was not changed." in str(refused.value)
        assert reason in str(refused.value)
        assert members("Eastern alliance") == ["Bedfordshire", "Cambridgeshire", "Hertfordshire"]

    def test_the_history_records_who_set_the_group_and_its_members(self, areas, officer):
        group, _ = peer_group_set(name="Eastern alliance", areas=ALLIANCE, by=officer)

        latest = group.history.first()
        assert latest.history_user == officer
        assert sorted(m.area.name for m in latest.areas.all()) == [
            "Bedfordshire",
            "Cambridgeshire",
            "Hertfordshire",
        ]

    def test_someone_who_may_not_manage_performance_cannot_set_a_group(self, areas, lead):
        with pytest.raises(PermissionDenied):
            peer_group_set(name="Eastern alliance", areas=ALLIANCE, by=lead)
        assert not PeerGroup.objects.exists()

    def test_the_list_names_each_group_its_forces_and_their_populations(self, alliance):
        output = run("peer_groups")

        assert output.startswith("Eastern alliance\n")
        assert "  Cambridgeshire (cambridgeshire, E23000023), population 804,841" in output

    def test_a_group_can_be_removed_and_then_there_are_none(self, alliance):
        run("peer_group_remove", "eastern alliance")

        assert not PeerGroup.objects.exists()
        assert "No peer groups" in run("peer_groups")
        with pytest.raises(CommandError, match="No peer group is called 'nothing'"):
            run("peer_group_remove", "nothing")


def _count(path: Path) -> Counter:
    """The data pack's count measures for the whole file (one force's month)."""
    tally: Counter = Counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Crime type"] == "Anti-social behaviour":
                tally["crime-anti-social-behaviour"] += 1
                continue
            tally["crime-all-excl-asb"] += 1
            tally["crime-burglary"] += row["Crime type"] == "Burglary"
            tally["crime-violence-and-sexual-offences"] += (
                row["Crime type"] == "Violence and sexual offences"
            )
    return tally


@pytest.fixture
def counts() -> dict[str, Counter]:
    """March 2018 for each alliance force; Norfolk, outside it, is given invented figures."""
    found = {
        force: _count(SHARED / "police-uk" / f"2018-03-{force}-street.csv") for force in ALLIANCE
    }
    found["norfolk"] = Counter(dict.fromkeys(COUNTS, 1))
    return found


@pytest.fixture
def plan(alliance, counts, tmp_path) -> Plan:
    """The demo Plan for Cambridgeshire's force area, with the counts imported from a file."""
    text = DEMO_PLAN.read_text(encoding="utf-8").replace(
        "force: northmoor", "force: cambridgeshire"
    )
    plan, _ = plan_load(document=parse_plan_document(text), by=None)
    path = tmp_path / "march.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "area", "period", "value"])
        for force, tally in counts.items():
            writer.writerows([code, force, "2018-03", tally[code]] for code in COUNTS)
    run("import_observations", str(path))
    return plan


def pack_for(plan: Plan):
    area, areas = area_for(plan)
    return data_pack(plan=plan, period=parse_period("2018-03"), area=area, areas=areas)


def compared(plan: Plan, code: str) -> set[str]:
    figures = next(i for i in pack_for(plan).indicators if i.code == code)
    return {peer.name for peer in figures.peers}


def expected_rows(counts: dict[str, Counter], code: str, forces) -> set[tuple[str, str, str]]:
    """Rate per 1,000 people and league position (lower is better, ties share) by force."""
    rates = {force: counts[force][code] * 1000 / POPULATIONS[force] for force in forces}
    return {
        (NAMES[force], f"{rate:,.2f}", str(1 + sum(other < rate for other in rates.values())))
        for force, rate in rates.items()
    }


class TestDataPack:
    def test_a_force_is_compared_in_rates_per_1000_with_its_group_only(self, plan, counts, client):
        view = data_pack_view(pack_for(plan))
        page = client.get(f"/plans/{plan.slug}/performance/2018-03/").content.decode()

        shown = {i.figures.code: i for theme in view.themes for i in theme.indicators}
        for code in COUNTS:
            chart = next(c for c in shown[code].charts if c.id.endswith("-peers"))
            assert chart.headings == ("Area", "Rate per 1,000 people", "Position")
            rows = expected_rows(counts, code, ALLIANCE)
            assert set(chart.rows) == rows  # Norfolk, outside the group, is left out
            position = next(p for name, _, p in rows if name == "Cambridgeshire")
            sentence = (
                f"Cambridgeshire is {ORDINALS[int(position)]} of 3 areas, "
                "where 1st is the lowest (the best)."
            )
            assert shown[code].peers == sentence
            assert sentence in page
            for name, rate, place in rows:
                assert re.search(
                    rf"<th[^>]*>{name}</th><td[^>]*>{rate}</td><td[^>]*>{place}</td>", page
                )

    def test_the_counts_are_the_files_and_the_populations_the_2011_census(self, plan, counts):
        figures = next(i for i in pack_for(plan).indicators if i.code == "crime-burglary")

        assert {(p.name, p.value, p.population) for p in figures.peers} == {
            (NAMES[force], counts[force]["crime-burglary"], POPULATIONS[force])
            for force in ALLIANCE
        }
        cambridgeshire = counts["cambridgeshire"]
        rows = cambridgeshire["crime-all-excl-asb"] + cambridgeshire["crime-anti-social-behaviour"]
        assert rows == 6330  # every row of the file, as its README says

    def test_a_force_in_no_group_is_compared_with_every_force_with_figures(self, plan, counts):
        run("peer_group_remove", "Eastern alliance")

        assert compared(plan, "crime-burglary") == {NAMES[force] for force in counts}

    def test_a_force_in_two_groups_is_compared_with_the_forces_of_both(self, plan):
        run("peer_group_set", "Eastern region", "cambridgeshire", "norfolk")

        assert compared(plan, "crime-burglary") == set(NAMES.values())

    def test_a_group_the_force_is_not_in_changes_nothing_for_it(self, plan):
        run("peer_group_set", "Eastern alliance", "bedfordshire", "hertfordshire", "norfolk")

        assert compared(plan, "crime-burglary") == set(NAMES.values())  # in no group: every force
        run("peer_group_set", "Eastern region", "cambridgeshire", "bedfordshire")
        assert compared(plan, "crime-burglary") == {"Bedfordshire", "Cambridgeshire"}

    def test_groups_cost_no_extra_query(self, plan):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                pack_for(plan)
            return len(captured)

        in_a_group = queries()
        run("peer_group_set", "Eastern region", "cambridgeshire", "norfolk", "suffolk")
        in_two_groups = queries()
        PeerGroup.objects.all().delete()

        assert in_a_group == in_two_groups == queries()


class TestDemo:
    def test_with_the_areas_loaded_the_demo_sets_populations_and_the_alliance(self, db):
        run("areas_load", str(LOOKUP))

        run("demo")

        assert members(DEMO_PEER_GROUP) == ["Bedfordshire", "Cambridgeshire", "Hertfordshire"]
        force = Area.objects.get(police_uk_id="hertfordshire")
        assert force.population == POPULATIONS["hertfordshire"]

    def test_running_the_demo_again_keeps_what_was_changed_since(self, db):
        run("areas_load", str(LOOKUP))
        run("demo")
        run("peer_group_set", DEMO_PEER_GROUP, "cambridgeshire", "norfolk")
        Area.objects.filter(police_uk_id="norfolk").update(population=900_000)

        run("demo")

        assert members(DEMO_PEER_GROUP) == ["Cambridgeshire", "Norfolk"]
        assert Area.objects.get(police_uk_id="norfolk").population == 900_000

    def test_without_areas_the_demo_sets_no_group(self, db):
        run("demo")

        assert not PeerGroup.objects.exists()
        assert not Area.objects.exists()
