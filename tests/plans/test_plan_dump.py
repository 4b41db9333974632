"""plan-dump: a Plan written out as YAML loads back to the same Plan, and says what the
loaded document and the selector say."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from planwatch.demo.loader import DEMO_PLAN
from planwatch.plans.document import dump_plan_document, parse_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.selectors import plan_document
from tests.plans.plan_files import PLAN, contents, dump, load, write


class TestPlanDump:
    def test_a_dumped_plan_loads_back_to_an_identical_plan(self, db, tmp_path):
        load(write(tmp_path, PLAN))
        original = dump("test-plan")

        load(write(tmp_path, original.replace("slug: test-plan", "slug: copy"), "copy.yaml"))
        copy = dump("copy")

        assert copy == original.replace("slug: test-plan", "slug: copy")
        assert contents(Plan.objects.get(slug="copy")) == contents(
            Plan.objects.get(slug="test-plan")
        )

    def test_loading_a_dump_over_its_own_plan_changes_nothing(self, db, tmp_path):
        load(write(tmp_path, PLAN))
        original = dump("test-plan")
        before = contents(Plan.objects.get(slug="test-plan"))

        load(write(tmp_path, original, "dumped.yaml"))

        assert dump("test-plan") == original
        assert contents(Plan.objects.get(slug="test-plan")) == before

    def test_the_dump_says_what_the_loaded_document_said(self, published_plan):
        from_file = parse_plan_document(DEMO_PLAN.read_text(encoding="utf-8"))

        assert parse_plan_document(dump(published_plan.slug)) == from_file

    def test_the_dump_can_be_written_to_a_file(self, published_plan, tmp_path):
        path = tmp_path / "out.yaml"

        dump(published_plan.slug, "--output", str(path))

        assert path.read_text(encoding="utf-8") == dump(published_plan.slug)

    def test_the_dump_includes_the_status(self, draft_plan):
        assert "status: draft" in dump(draft_plan.slug).splitlines()

    def test_dumping_an_unknown_slug_fails_clearly(self, db):
        with pytest.raises(CommandError, match="No Plan has the slug 'no-such-plan'"):
            dump("no-such-plan")


def test_the_dump_of_a_plan_matches_its_selector_document(published_plan):
    """The command writes exactly what the selector and dumper make of the Plan."""
    assert dump(published_plan.slug) == dump_plan_document(plan_document(published_plan))
