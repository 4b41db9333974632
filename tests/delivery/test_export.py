"""delivery-export and the round trip; the service and the console script."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from planwatch.delivery.importer import delivery_import_file
from planwatch.delivery.models import (
    Action,
    PeriodState,
)
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import (
    period_advance,
    period_create,
    update_save,
)
from planwatch.delivery.spreadsheet import COLUMNS, SpreadsheetError, parse_due
from planwatch.demo.loader import DEMO_PLAN
from planwatch.plans.models import Plan
from tests.delivery.sheets import (
    EXTRA,
    GOOD,
    PLANWATCH,
    delivery_contents,
    export_file,
    import_file,
    row_counts,
    write_csv,
)


class TestExport:
    def test_the_csv_has_one_row_per_action_per_approved_update(self, imported, tmp_path):
        path = tmp_path / "out.csv"

        output = export_file(imported, path)

        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert list(rows[0]) == list(COLUMNS)
        assert [(r["ref"], r["period"], r["rag"]) for r in rows] == [
            ("V1.1", "2018-19-q1", "Green"),
            ("V1.1", "2018-19-q2", "Amber"),
            ("O2.1", "2018-19-q1", "Red"),
            ("T2.1", "", ""),
        ]
        assert rows[2] == {**GOOD[2], "due": "2019-03-31", "rag": "Red"}
        assert rows[3] == {**GOOD[3], "lead": "lena"}
        assert output.strip() == f"Wrote 4 rows for 3 actions to {path}."

    def test_unapproved_updates_are_left_out(self, imported, tmp_path):
        q3 = period_create(plan=imported, quarter=parse_quarter("2018-19-q3"), by=None)
        period_advance(period=q3, to=PeriodState.OPEN, by=None)
        action = Action.objects.get(reference="T2.1")
        rag = imported.rag_statuses.get(code="G")
        update_save(action=action, period=q3, rag=rag, commentary="Draft", by=None, submit=False)
        path = tmp_path / "out.csv"

        export_file(imported, path)

        assert "2018-19-q3" not in path.read_text(encoding="utf-8-sig")

    def test_the_xlsx_holds_dates_as_date_cells(self, imported, tmp_path):
        path = tmp_path / "out.xlsx"

        export_file(imported, path)

        sheet = load_workbook(path).worksheets[0]
        assert [cell.value for cell in sheet[1]] == list(COLUMNS)
        assert sheet.max_row == 5
        assert sheet["F2"].value == dt.datetime(2018, 9, 30)
        assert sheet["F2"].number_format == "yyyy-mm-dd"
        assert sheet["H4"].value == "Red"

    def test_text_that_looks_like_a_formula_stays_text(self, published_plan, tmp_path):
        import_file(write_csv(tmp_path, [{**EXTRA, "update": "=SUM(A1:A2)"}]), published_plan)
        path = tmp_path / "out.xlsx"

        export_file(published_plan, path)

        cell = load_workbook(path).worksheets[0]["I2"]
        assert (cell.value, cell.data_type) == ("=SUM(A1:A2)", "s")

    def test_an_output_that_is_not_csv_or_xlsx_is_refused(self, imported, tmp_path):
        with pytest.raises(CommandError, match="must be a .csv or .xlsx file"):
            export_file(imported, tmp_path / "out.ods")

    def test_an_unknown_plan_is_refused(self, db, tmp_path):
        with pytest.raises(CommandError, match="No Plan has the slug 'no-such-plan'"):
            call_command("delivery_export", "--plan", "no-such-plan", "--output", "x.csv")


class TestRoundTrip:
    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_an_export_imported_into_an_empty_plan_gives_the_same_delivery_plan(
        self, imported, empty_copy, tmp_path, suffix
    ):
        path = tmp_path / f"export{suffix}"
        export_file(imported, path)

        import_file(path, empty_copy)

        assert delivery_contents(empty_copy) == delivery_contents(imported)
        assert Action.objects.filter(plan=empty_copy).count() == 3

    def test_an_export_imported_over_its_own_plan_changes_nothing(self, imported, tmp_path):
        path = tmp_path / "export.xlsx"
        export_file(imported, path)
        before = row_counts()

        import_file(path, imported)

        assert row_counts() == before

    def test_the_demo_delivery_plan_survives_the_round_trip(self, empty_copy, tmp_path):
        call_command("demo", stdout=io.StringIO())
        demo = Plan.objects.get(slug="northmoor-2017-20")
        path = tmp_path / "demo.xlsx"
        export_file(demo, path)

        import_file(path, empty_copy)

        original, copied = delivery_contents(demo), delivery_contents(empty_copy)
        assert copied["actions"] == original["actions"]
        assert copied["updates"] == original["updates"]
        assert copied["periods"] == [p for p in original["periods"] if p[0] != "2018-19-q4"]


class TestParseDue:
    @pytest.mark.parametrize(
        ("cell", "expected"),
        [
            ("2018-09-30", dt.date(2018, 9, 30)),
            ("30/09/2018", dt.date(2018, 9, 30)),
            ("1/4/2019", dt.date(2019, 4, 1)),
            (" 2019-03-31 ", dt.date(2019, 3, 31)),
            (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
            ("", None),
        ],
    )
    def test_it_reads_iso_uk_and_date_cells(self, cell, expected):
        assert parse_due(cell) == expected

    @pytest.mark.parametrize("text", ["2018-9-30", "09/30/2018", "30/09/18", "30.09.2018", "soon"])
    def test_it_refuses_other_writings(self, text):
        with pytest.raises(ValueError, match="not a"):
            parse_due(text)


def test_the_service_refuses_a_user_who_may_not_manage_delivery(published_plan, lead, good_csv):
    with pytest.raises(PermissionDenied):
        delivery_import_file(plan=published_plan, path=good_csv, by=lead)
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_the_service_raises_every_error_for_the_caller(published_plan, tmp_path):
    path = write_csv(tmp_path, [{**EXTRA, "theme": "Nowhere", "rag": "Blue"}])

    with pytest.raises(SpreadsheetError) as caught:
        delivery_import_file(plan=published_plan, path=path, by=None)

    assert [error.split(":")[0] for error in caught.value.errors] == [
        "row 2, column theme",
        "row 2, column rag",
    ]


@pytest.fixture(scope="module")
def cli_environment(tmp_path_factory):
    """Environment for the console script, with a freshly migrated SQLite database."""
    folder = tmp_path_factory.mktemp("cli")
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PLANWATCH_") and key != "DATABASE_URL"
    }
    environment.update(
        DATABASE_URL=f"sqlite:///{folder / 'planwatch.sqlite3'}",
        PLANWATCH_SECRET_KEY="cli-test-secret-key",
        PLANWATCH_VAR_DIR=str(folder / "var"),
    )
    for arguments in (["migrate", "--verbosity", "0"], ["plan-load", str(DEMO_PLAN)]):
        done = run_planwatch(arguments, environment)
        assert done.returncode == 0, done.stderr
    return environment


def run_planwatch(arguments: list[str], environment: dict[str, str]):
    return subprocess.run(
        [str(PLANWATCH), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class TestTheConsoleScript:
    def test_a_bad_file_exits_non_zero_listing_each_error(self, cli_environment, tmp_path):
        rows = [{**EXTRA, "theme": "Nowhere"}, {**EXTRA, "ref": "C1.2", "due": "31/13/2019"}]
        path = write_csv(tmp_path, rows)

        result = run_planwatch(
            ["delivery-import", str(path), "--plan", "northmoor-2017-20"], cli_environment
        )

        assert result.returncode != 0
        assert "nothing was imported; 2 problem(s)" in result.stderr
        assert "row 2, column theme: 'Nowhere' is not a theme of this Plan" in result.stderr
        assert "row 3, column due: '31/13/2019' is not a real date" in result.stderr

    def test_a_good_file_imports_and_exports(self, cli_environment, tmp_path):
        path = write_csv(tmp_path, [EXTRA])
        output = tmp_path / "out.csv"

        imported = run_planwatch(
            ["delivery-import", str(path), "--plan", "northmoor-2017-20"], cli_environment
        )
        exported = run_planwatch(
            ["delivery-export", "--plan", "northmoor-2017-20", "--output", str(output)],
            cli_environment,
        )

        assert imported.returncode == 0, imported.stderr
        assert "Actions: 1 created" in imported.stdout
        assert exported.returncode == 0, exported.stderr
        with output.open(encoding="utf-8-sig", newline="") as handle:
            assert list(csv.DictReader(handle)) == [EXTRA]
