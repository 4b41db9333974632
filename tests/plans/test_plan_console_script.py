"""plan-load and plan-dump through the planwatch console script, on a freshly migrated
SQLite database: exit codes, standard input and output, and nothing written on error."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.plans.document import dump_plan_document, parse_plan_document
from tests.plans.plan_files import PLAN, replacing, write

PLANWATCH = Path(sys.executable).with_name("planwatch")


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
