"""plan-load: a Plan is created from YAML with its parts in order, loading the same slug
again replaces its contents, and the history records each change."""

from __future__ import annotations

import io

from django.core.management import call_command

from planwatch.plans.models import Objective, Outcome, Plan, PlanStatus, Priority, Theme
from tests.plans.plan_files import MODELS, PLAN, REPLACEMENT, contents, load, write


class TestPlanLoad:
    def test_it_creates_a_plan_with_its_fields(self, db, tmp_path):
        output = load(write(tmp_path, PLAN))

        plan = Plan.objects.get(slug="test-plan")
        assert plan.title == "Test Police and Crime Plan 2021-24"
        assert plan.area == "Testshire"
        assert plan.force == "testshire"
        assert plan.commissioner == "Tess Tester"
        assert str(plan.starts) == "2021-04-01"
        assert str(plan.ends) == "2024-03-31"
        assert plan.status == PlanStatus.PUBLISHED
        assert output.strip() == (
            "Created Test Police and Crime Plan 2021-24 (test-plan): 2 themes."
        )

    def test_it_creates_the_themes_outcomes_objectives_and_priorities_in_order(self, db, tmp_path):
        load(write(tmp_path, PLAN))

        plan = Plan.objects.get(slug="test-plan")
        zebra, behaviour = plan.themes.all()
        assert [zebra.name, behaviour.name] == ["Zebra crossings", "Anti-social behaviour"]
        assert [zebra.aim, behaviour.aim] == [
            "Roads are safe to cross.",
            "Neighbourhoods are calm.",
        ]
        assert [o.text for o in zebra.outcomes.all()] == [
            "Fewer people are hurt on the roads.",
            "Drivers slow down near schools.",
        ]
        assert [o.text for o in zebra.objectives.all()] == [
            "Enforce speed limits near schools.",
            "Teach children to cross safely.",
        ]
        speed, crossing = zebra.objectives.all()
        assert [p.text for p in speed.priorities.all()] == [
            "Run speed checks every term.",
            "Fit cameras at the worst junctions.",
        ]
        assert list(crossing.priorities.all()) == []
        assert [o.text for o in behaviour.outcomes.all()] == ["Fewer reports of nuisance."]
        (patrol,) = behaviour.objectives.all()
        assert [p.text for p in patrol.priorities.all()] == ["Map hot spots monthly."]
        assert {model.__name__: model.objects.count() for model in MODELS} == {
            "Plan": 1,
            "Theme": 2,
            "Outcome": 3,
            "Objective": 3,
            "Priority": 3,
        }

    def test_a_plan_without_a_status_is_a_draft(self, db, tmp_path):
        load(write(tmp_path, REPLACEMENT))

        assert Plan.objects.get(slug="test-plan").status == PlanStatus.DRAFT

    def test_it_reads_standard_input_when_the_file_is_a_dash(self, db):
        out = io.StringIO()

        call_command("plan_load", "-", stdin=io.StringIO(PLAN), stdout=out)

        assert Plan.objects.get(slug="test-plan").themes.count() == 2
        assert "Created" in out.getvalue()

    def test_a_utf8_file_with_a_byte_order_mark_loads(self, db, tmp_path):
        path = tmp_path / "bom.yaml"
        path.write_bytes(b"\xef\xbb\xbf" + PLAN.replace("Testshire", "Ynys Môn").encode("utf-8"))

        load(path)

        plan = Plan.objects.get(slug="test-plan")
        assert plan.area == "Ynys Môn"


class TestLoadingAgainReplaces:
    def test_loading_the_same_slug_again_replaces_the_contents(self, db, tmp_path):
        load(write(tmp_path, PLAN))
        first = Plan.objects.get(slug="test-plan")
        old_theme_ids = list(first.themes.values_list("pk", flat=True))

        output = load(write(tmp_path, REPLACEMENT, "again.yaml"))

        plan = Plan.objects.get(slug="test-plan")
        assert plan.pk == first.pk
        assert plan.title == "Test Police and Crime Plan 2021-24 (revised)"
        assert str(plan.ends) == "2025-03-31"
        assert [theme.name for theme in plan.themes.all()] == ["Victims"]
        assert not Theme.objects.filter(pk__in=old_theme_ids).exists()
        assert {model.__name__: model.objects.count() for model in MODELS} == {
            "Plan": 1,
            "Theme": 1,
            "Outcome": 1,
            "Objective": 1,
            "Priority": 1,
        }
        assert output.startswith("Replaced Test Police and Crime Plan 2021-24 (revised)")

    def test_loading_the_same_document_twice_makes_no_duplicates(self, db, tmp_path):
        path = write(tmp_path, PLAN)
        load(path)
        once = contents(Plan.objects.get(slug="test-plan"))

        load(path)

        assert contents(Plan.objects.get(slug="test-plan")) == once
        assert {model.__name__: model.objects.count() for model in MODELS} == {
            "Plan": 1,
            "Theme": 2,
            "Outcome": 3,
            "Objective": 3,
            "Priority": 3,
        }

    def test_replacing_leaves_other_plans_alone(self, published_plan, tmp_path):
        before = contents(published_plan)
        load(write(tmp_path, PLAN))

        load(write(tmp_path, REPLACEMENT, "again.yaml"))

        assert contents(Plan.objects.get(pk=published_plan.pk)) == before

    def test_a_replacement_without_a_status_keeps_the_plans_status(self, db, tmp_path):
        load(write(tmp_path, PLAN))

        load(write(tmp_path, REPLACEMENT, "again.yaml"))

        assert Plan.objects.get(slug="test-plan").status == PlanStatus.PUBLISHED


class TestHistory:
    def test_loading_records_each_new_part_in_the_history(self, db, tmp_path):
        load(write(tmp_path, PLAN))

        assert list(Plan.history.values_list("slug", "history_type")) == [("test-plan", "+")]
        assert sorted(Theme.history.values_list("name", "history_type")) == [
            ("Anti-social behaviour", "+"),
            ("Zebra crossings", "+"),
        ]
        assert Outcome.history.filter(history_type="+").count() == 3
        assert Objective.history.filter(history_type="+").count() == 3
        assert Priority.history.filter(history_type="+").count() == 3

    def test_replacing_records_the_removal_of_the_old_parts(self, db, tmp_path):
        load(write(tmp_path, PLAN))

        load(write(tmp_path, REPLACEMENT, "again.yaml"))

        assert sorted(Theme.history.filter(history_type="-").values_list("name", flat=True)) == [
            "Anti-social behaviour",
            "Zebra crossings",
        ]
        added = Theme.history.filter(history_type="+").order_by("history_id")
        assert list(added.values_list("name", flat=True)) == [
            "Zebra crossings",
            "Anti-social behaviour",
            "Victims",
        ]
        assert Objective.history.filter(history_type="-").count() == 3
        assert Priority.history.filter(history_type="-").count() == 3
        changes = Plan.history.filter(history_type="~")
        assert [change.title for change in changes] == [
            "Test Police and Crime Plan 2021-24 (revised)"
        ]

    def test_changes_from_the_command_line_have_no_user(self, db, tmp_path):
        load(write(tmp_path, PLAN))

        assert {record.history_user for record in Theme.history.all()} == {None}
