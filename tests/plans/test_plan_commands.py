"""plan-load and plan-dump: a whole Plan in and out of the database as YAML."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from planwatch.demo.loader import DEMO_PLAN
from planwatch.plans.document import dump_plan_document, parse_plan_document
from planwatch.plans.models import Objective, Outcome, Plan, PlanStatus, Priority, Theme
from planwatch.plans.selectors import plan_document

PLANWATCH = Path(sys.executable).with_name("planwatch")

# Two themes, deliberately not in alphabetical order, so order is checked, not sorting.
#  1 slug ... 8 status  9 themes  10 - name Zebra crossings  11 aim  12 outcomes ...
PLAN = """\
slug: test-plan
title: Test Police and Crime Plan 2021-24
area: Testshire
force: testshire
commissioner: Tess Tester
starts: 2021-04-01
ends: 2024-03-31
status: published
themes:
  - name: Zebra crossings
    aim: Roads are safe to cross.
    outcomes:
      - Fewer people are hurt on the roads.
      - Drivers slow down near schools.
    objectives:
      - text: Enforce speed limits near schools.
        priorities:
          - Run speed checks every term.
          - Fit cameras at the worst junctions.
      - text: Teach children to cross safely.
  - name: Anti-social behaviour
    aim: Neighbourhoods are calm.
    outcomes:
      - Fewer reports of nuisance.
    objectives:
      - text: Patrol the hot spots.
        priorities:
          - Map hot spots monthly.
"""

REPLACEMENT = """\
slug: test-plan
title: Test Police and Crime Plan 2021-24 (revised)
area: Testshire
force: testshire
commissioner: Tess Tester
starts: 2021-04-01
ends: 2025-03-31
themes:
  - name: Victims
    aim: Victims get help.
    outcomes: [Victims feel supported.]
    objectives:
      - text: Refer every victim to support.
        priorities: [Refer on the day of report.]
"""

MODELS = (Plan, Theme, Outcome, Objective, Priority)


def write(folder: Path, text: str, name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path | str, **options) -> str:
    out = io.StringIO()
    call_command("plan_load", str(path), stdout=out, **options)
    return out.getvalue()


def dump(slug: str, *args: str) -> str:
    out = io.StringIO()
    call_command("plan_dump", slug, *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every part of a Plan, and of their history."""
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update({f"{model.__name__} history": model.history.count() for model in MODELS})
    return counts


def contents(plan: Plan) -> list[tuple]:
    """Every row under a Plan as plain values, in order, read straight from the tables."""
    rows: list[tuple] = [
        (plan.title, plan.area, plan.force, plan.commissioner, plan.starts, plan.ends, plan.status)
    ]
    for theme in Theme.objects.filter(plan=plan).order_by("order"):
        rows.append(("theme", theme.order, theme.name, theme.aim))
        for outcome in Outcome.objects.filter(theme=theme).order_by("order"):
            rows.append(("outcome", outcome.order, outcome.text))
        for objective in Objective.objects.filter(theme=theme).order_by("order"):
            rows.append(("objective", objective.order, objective.text))
            for priority in Priority.objects.filter(objective=objective).order_by("order"):
                rows.append(("priority", priority.order, priority.text))
    return rows


def replacing(text: str, line: int, new: str) -> str:
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


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


# Bad documents: (what is wrong, the document, words the message must hold, the line).
BAD_DOCUMENTS = [
    ("unknown top-level key", replacing(PLAN, 5, "colour: blue"), ["'colour'"], 5),
    ("unknown theme key", replacing(PLAN, 11, "    colour: blue"), ["'colour'", "theme"], 11),
    ("missing title", replacing(PLAN, 2, "# no title"), ["'title'", "missing"], 1),
    ("missing theme aim", replacing(PLAN, 11, "    # no aim"), ["'aim'", "missing"], 10),
    ("impossible date", replacing(PLAN, 6, "starts: 2021-13-01"), ["'starts'", "YYYY-MM-DD"], 6),
    ("words for a date", replacing(PLAN, 7, "ends: next year"), ["'ends'", "next year"], 7),
    ("a number for a date", replacing(PLAN, 7, "ends: 20240331"), ["'ends'"], 7),
    ("ends before starts", replacing(PLAN, 7, "ends: 2020-03-31"), ["'ends'", "'starts'"], 7),
    (
        "duplicate theme",
        replacing(PLAN, 21, "  - name: ZEBRA CROSSINGS"),
        ["'ZEBRA CROSSINGS'", "twice", "first at line 10"],
        21,
    ),
    (
        "duplicate objective",
        replacing(PLAN, 20, "      - text: Enforce speed limits near schools."),
        ["'Enforce speed limits near schools.'", "twice", "first at line 16"],
        20,
    ),
    ("themes not a list", PLAN.split("themes:")[0] + "themes: Zebra\n", ["'themes'", "list"], 9),
    ("invalid YAML", replacing(PLAN, 4, "force: testshire: north"), ["YAML"], 4),
    ("bad slug", replacing(PLAN, 1, "slug: test plan"), ["'slug'"], 1),
    ("empty text", replacing(PLAN, 11, '    aim: ""'), ["'aim'", "empty"], 11),
    ("duplicate key", replacing(PLAN, 3, "title: Twice"), ["'title'", "twice"], 3),
    ("invalid status", replacing(PLAN, 8, "status: finished"), ["'status'", "'finished'"], 8),
    # Refused by the database's rules rather than the document's shape:
    (
        "force that is not a slug",
        replacing(PLAN, 4, "force: Test Shire"),
        ["force", "slug"],
        4,
    ),
    ("title too long", replacing(PLAN, 2, "title: " + "T" * 201), ["title", "200"], 2),
    (
        "second theme name too long",
        replacing(PLAN, 21, "  - name: " + "N" * 121),
        ["name", "120"],
        21,
    ),
]


def bad_documents():
    return [pytest.param(text, words, line, id=what) for what, text, words, line in BAD_DOCUMENTS]


class TestBadDocumentsAreRefused:
    @pytest.mark.parametrize(("text", "words", "line"), bad_documents())
    def test_a_bad_document_fails_naming_the_field_and_line_and_writes_nothing(
        self, db, tmp_path, text, words, line
    ):
        before = row_counts()

        with pytest.raises(CommandError) as caught:
            load(write(tmp_path, text))

        message = str(caught.value)
        assert message.startswith(f"{tmp_path / 'plan.yaml'}: line {line}: ")
        for word in words:
            assert word in message
        assert row_counts() == before

    @pytest.mark.parametrize(("text", "words", "line"), bad_documents())
    def test_a_bad_replacement_leaves_the_existing_plan_unchanged(
        self, db, tmp_path, text, words, line
    ):
        load(write(tmp_path, PLAN, "good.yaml"))
        plan = Plan.objects.get(slug="test-plan")
        before = (row_counts(), contents(plan), dump("test-plan"))
        theme_ids = list(plan.themes.values_list("pk", flat=True))

        with pytest.raises(CommandError, match=f"line {line}: "):
            load(write(tmp_path, text))

        plan.refresh_from_db()
        assert (row_counts(), contents(plan), dump("test-plan")) == before
        assert list(plan.themes.values_list("pk", flat=True)) == theme_ids

    def test_an_invalid_status_is_refused_and_names_the_statuses_allowed(self, db, tmp_path):
        with pytest.raises(CommandError) as caught:
            load(write(tmp_path, replacing(PLAN, 8, "status: finished")))

        for status in PlanStatus.values:
            assert status in str(caught.value)
        assert not Plan.objects.exists()

    def test_a_file_that_is_not_utf8_is_refused_clearly(self, db, tmp_path):
        path = tmp_path / "latin1.yaml"
        path.write_bytes(PLAN.replace("Testshire", "Ynys Môn").encode("latin-1"))
        before = row_counts()

        with pytest.raises(CommandError) as caught:
            load(path)

        assert str(caught.value).startswith(f"{path}: cannot read the file")
        assert "utf-8" in str(caught.value)
        assert row_counts() == before

    def test_a_missing_file_is_refused_clearly(self, db, tmp_path):
        with pytest.raises(CommandError, match="cannot read the file"):
            load(tmp_path / "missing.yaml")


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


@pytest.fixture(scope="module")
def cli_environment(tmp_path_factory):
    """Environment for the console script, with a freshly migrated SQLite database."""
    folder = tmp_path_factory.mktemp("cli")
    database = folder / "planwatch.sqlite3"
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PLANWATCH_") and key != "DATABASE_URL"
    }
    environment.update(
        DATABASE_URL=f"sqlite:///{database}",
        PLANWATCH_SECRET_KEY="cli-test-secret-key",
        PLANWATCH_VAR_DIR=str(folder / "var"),
    )
    migrated = run_planwatch(["migrate", "--verbosity", "0"], environment)
    assert migrated.returncode == 0, migrated.stderr
    return environment, database


def run_planwatch(arguments: list[str], environment: dict[str, str]):
    return subprocess.run(
        [str(PLANWATCH), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def table_counts(database: Path) -> dict[str, int]:
    tables = ["plans_plan", "plans_theme", "plans_outcome", "plans_objective", "plans_priority"]
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in tables
        }


class TestTheConsoleScript:
    def test_plan_load_creates_a_plan_that_plan_dump_gives_back(self, cli_environment, tmp_path):
        environment, database = cli_environment
        text = PLAN.replace("slug: test-plan", "slug: cli-plan")

        loaded = run_planwatch(["plan-load", str(write(tmp_path, text))], environment)
        dumped = run_planwatch(["plan-dump", "cli-plan"], environment)

        assert loaded.returncode == 0, loaded.stderr
        assert "Created Test Police and Crime Plan 2021-24 (cli-plan): 2 themes." in loaded.stdout
        assert dumped.returncode == 0, dumped.stderr
        assert parse_plan_document(dumped.stdout) == parse_plan_document(text)
        assert dumped.stdout == dump_plan_document(parse_plan_document(text))

    def test_plan_load_reads_standard_input_when_the_file_is_a_dash(self, cli_environment):
        environment, _ = cli_environment
        text = PLAN.replace("slug: test-plan", "slug: cli-stdin")

        loaded = subprocess.run(
            [str(PLANWATCH), "plan-load", "-"],
            input=text,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        dumped = run_planwatch(["plan-dump", "cli-stdin"], environment)

        assert loaded.returncode == 0, loaded.stderr
        assert parse_plan_document(dumped.stdout) == parse_plan_document(text)

    def test_plan_load_refuses_a_bad_document_with_a_non_zero_exit_and_writes_nothing(
        self, cli_environment, tmp_path
    ):
        environment, database = cli_environment
        text = replacing(PLAN.replace("slug: test-plan", "slug: cli-bad"), 6, "starts: soon")
        before = table_counts(database)

        result = run_planwatch(["plan-load", str(write(tmp_path, text))], environment)

        assert result.returncode != 0
        assert "line 6: 'starts' must be a date written YYYY-MM-DD, not 'soon'" in result.stderr
        assert table_counts(database) == before

    def test_plan_dump_of_an_unknown_slug_exits_non_zero(self, cli_environment):
        environment, _ = cli_environment

        result = run_planwatch(["plan-dump", "no-such-plan"], environment)

        assert result.returncode != 0
        assert "No Plan has the slug 'no-such-plan'" in result.stderr
        assert result.stdout == ""


def test_the_dump_of_a_plan_matches_its_selector_document(published_plan):
    """The command writes exactly what the selector and dumper make of the Plan."""
    assert dump(published_plan.slug) == dump_plan_document(plan_document(published_plan))
