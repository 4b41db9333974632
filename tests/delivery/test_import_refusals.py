"""delivery-import refuses a bad file whole: every error by row and column, nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from planwatch.delivery.models import (
    Action,
    PeriodState,
)
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import (
    action_save,
    period_advance,
    period_create,
    update_record_approved,
    update_save,
)
from planwatch.delivery.spreadsheet import COLUMNS
from tests.delivery.sheets import (
    ANSWER_CALLS,
    EXTRA,
    GOOD,
    delivery_contents,
    refused,
    row_counts,
    write_csv,
)


def bad(**cells: str) -> list[dict[str, str]]:
    return [*GOOD, {**EXTRA, **cells}]


# (what is wrong, rows, header, what the error must say)
BAD_FILES = [
    (
        "unknown theme",
        bad(theme="Victimz"),
        COLUMNS,
        "row 6, column theme: 'Victimz' is not a theme",
    ),
    ("no theme", bad(theme=""), COLUMNS, "row 6, column theme: give the theme (Victims, "),
    (
        "objective of another theme",
        bad(objective=ANSWER_CALLS),
        COLUMNS,
        f"row 6, column objective: {ANSWER_CALLS!r} is not an objective of Communities",
    ),
    ("unknown rag", bad(rag="Purple"), COLUMNS, "row 6, column rag: 'Purple' is not in this Plan"),
    (
        "impossible date",
        bad(due="31/02/2019"),
        COLUMNS,
        "row 6, column due: '31/02/2019' is not a real",
    ),
    (
        "words for a date",
        bad(due="end of March"),
        COLUMNS,
        "row 6, column due: 'end of March' is not",
    ),
    ("US date", bad(due="2019/03/31"), COLUMNS, "row 6, column due: '2019/03/31' is not a date"),
    (
        "bad period",
        bad(period="Q3 2018"),
        COLUMNS,
        "row 6, column period: 'Q3 2018' is not a quarter",
    ),
    (
        "period years",
        bad(period="2018-20-q3"),
        COLUMNS,
        "row 6, column period: '2018-20-q3' is not",
    ),
    (
        "period outside the plan",
        bad(period="2021-22-q1"),
        COLUMNS,
        "row 6, column period: 2021-22-q1 is outside the Plan, which runs from 1 April 2017",
    ),
    ("rag without period", bad(period=""), COLUMNS, "row 6, column period: give the period"),
    (
        "update without rag or period",
        bad(period="", rag=""),
        COLUMNS,
        "row 6, column period: give the period",
    ),
    (
        "period without rag",
        bad(rag="", update=""),
        COLUMNS,
        "row 6, column rag: give the status for 2018-19-q3",
    ),
    ("no ref", bad(ref=""), COLUMNS, "row 6, column ref: give the action's reference"),
    ("long ref", bad(ref="C" * 21), COLUMNS, "row 6, column ref: a reference has at most 20"),
    ("no action", bad(action=" "), COLUMNS, "row 6, column action: give the action"),
    (
        "conflicting due",
        [*GOOD, {**GOOD[0], "period": "2018-19-q3", "due": "2019-03-31"}],
        COLUMNS,
        "row 6, column due: V1.1 has a different due on row 2; every row of an action must agree",
    ),
    (
        "conflicting theme",
        [*GOOD, {**GOOD[2], "period": "2018-19-q3", "theme": "Victims"}],
        COLUMNS,
        "row 6, column theme: O2.1 has a different theme on row 4",
    ),
    (
        "conflicting objective",
        [*GOOD, {**GOOD[0], "period": "2018-19-q3", "objective": ""}],
        COLUMNS,
        "row 6, column objective: V1.1 has a different objective on row 2",
    ),
    (
        "conflicting action",
        [*GOOD, {**GOOD[0], "period": "2018-19-q3", "action": "Something else"}],
        COLUMNS,
        "row 6, column action: V1.1 has a different action on row 2",
    ),
    (
        "conflicting lead",
        [*GOOD, {**GOOD[0], "period": "2018-19-q3", "lead": "Somebody else"}],
        COLUMNS,
        "row 6, column lead: V1.1 has a different lead on row 2",
    ),
    (
        "two updates for one quarter",
        [*GOOD, {**GOOD[0], "update": "Again."}],
        COLUMNS,
        "row 6, column period: V1.1 already has an update for 2018-19-q1 on row 2",
    ),
    (
        "missing column",
        bad(),
        [c for c in COLUMNS if c != "rag"],
        "row 1, column rag: the column is missing from the header row",
    ),
    (
        "repeated column",
        bad(),
        [*COLUMNS, "Theme"],
        "row 1, column theme: the column appears twice in the header row",
    ),
]


class TestBadFilesAreRefusedAndWriteNothing:
    @pytest.mark.parametrize(
        ("rows", "header", "expected"),
        [
            pytest.param(rows, header, expected, id=what)
            for what, rows, header, expected in BAD_FILES
        ],
    )
    def test_the_error_names_the_row_and_column(
        self, published_plan, lena, tmp_path, rows, header, expected
    ):
        path = write_csv(tmp_path, rows, header=header)
        before = row_counts()

        message = refused(path, published_plan)

        assert expected in message
        assert message.startswith(f"{path}: nothing was imported; 1 problem(s):")
        assert row_counts() == before

    def test_every_problem_is_listed_not_just_the_first(self, published_plan, lena, tmp_path):
        rows = [
            {**GOOD[0], "theme": "Victimz"},
            GOOD[1],
            {**GOOD[2], "rag": "Purple", "due": "soon"},
        ]
        path = write_csv(tmp_path, rows)

        message = refused(path, published_plan)

        assert message.splitlines()[1:] == [
            "  row 2, column theme: 'Victimz' is not a theme of this Plan "
            "(Victims, Offenders, Communities, Transformation).",
            "  row 4, column due: 'soon' is not a date written like 2018-09-30 or 30/09/2018.",
            "  row 4, column rag: 'Purple' is not in this Plan's RAG key "
            "(Complete, Green, Amber, Red, Not started).",
        ]
        assert row_counts() == dict.fromkeys(row_counts(), 0)

    def test_every_missing_column_is_named(self, published_plan, tmp_path):
        path = write_csv(tmp_path, GOOD, header=["Ref", "Theme", "Action"])

        message = refused(path, published_plan)

        for column in ("objective", "lead", "due", "period", "rag", "update"):
            assert f"row 1, column {column}: the column is missing" in message

    def test_a_bad_row_leaves_an_earlier_import_untouched(self, imported, tmp_path):
        before, contents = row_counts(), delivery_contents(imported)
        rows = [{**GOOD[0], "update": "Changed."}, GOOD[1], GOOD[2], {**EXTRA, "rag": "Purple"}]

        refused(write_csv(tmp_path, rows, name="second.csv"), imported)

        assert row_counts() == before
        assert delivery_contents(imported) == contents

    def test_a_due_date_before_an_existing_actions_start_is_refused(self, imported, tmp_path):
        v11 = Action.objects.get(reference="V1.1")
        action_save(action=v11, by=None, starts=dt.date(2018, 7, 1))
        before = row_counts()
        rows = [EXTRA, {**GOOD[0], "due": "2018-06-30"}]

        message = refused(write_csv(tmp_path, rows, name="early.csv"), imported)

        assert "row 3, column due: V1.1 starts on 1 July 2018; it cannot be due before" in message
        assert row_counts() == before

    def test_a_row_the_database_refuses_undoes_the_rows_written_before_it(
        self, imported, tmp_path, monkeypatch
    ):
        """Checks come first, but a refusal while writing must still leave nothing behind."""

        def refuse_one(*, commentary, **fields):
            if commentary == "Refused.":
                raise ValidationError({"commentary": "Refused by the database."})
            return update_record_approved(commentary=commentary, **fields)

        monkeypatch.setattr("planwatch.delivery.importer.update_record_approved", refuse_one)
        before, contents = row_counts(), delivery_contents(imported)
        rows = [*GOOD, EXTRA, {**EXTRA, "ref": "C1.2", "update": "Refused."}]

        message = refused(write_csv(tmp_path, rows, name="refused.csv"), imported)

        assert "row 7: the update cannot be saved: Refused by the database." in message
        assert row_counts() == before
        assert delivery_contents(imported) == contents

    def test_a_file_that_is_not_utf8_is_refused_clearly(self, published_plan, lena, tmp_path):
        path = write_csv(tmp_path, GOOD, encoding="cp1252")  # Excel's plain "CSV"
        before = row_counts()

        message = refused(path, published_plan)

        assert "delivery.csv is not UTF-8 text: save it as 'CSV UTF-8'" in message
        assert row_counts() == before

    def test_a_file_that_is_not_a_workbook_is_refused_clearly(self, published_plan, tmp_path):
        path = tmp_path / "delivery.xlsx"
        path.write_bytes(b"ref,theme\nV1.1,Victims\n")

        assert "delivery.xlsx is not a readable XLSX workbook" in refused(path, published_plan)
        assert row_counts() == dict.fromkeys(row_counts(), 0)

    def test_another_kind_of_file_is_refused(self, published_plan, tmp_path):
        path = tmp_path / "delivery.txt"
        path.write_text("ref,theme\n", encoding="utf-8")

        assert "delivery.txt must be a .csv or .xlsx file" in refused(path, published_plan)

    def test_a_missing_file_is_refused(self, published_plan, tmp_path):
        assert "does not exist" in refused(tmp_path / "missing.csv", published_plan)

    def test_an_empty_file_is_refused(self, published_plan, tmp_path):
        path = tmp_path / "empty.csv"
        path.write_bytes(b"")

        assert "row 1: the header row is empty" in refused(path, published_plan)

    def test_a_header_with_no_rows_is_refused(self, published_plan, tmp_path):
        path = write_csv(tmp_path, [])

        assert "no rows below the header row" in refused(path, published_plan)

    def test_an_unknown_plan_is_refused(self, db, good_csv):
        with pytest.raises(CommandError, match="No Plan has the slug 'no-such-plan'"):
            call_command("delivery_import", str(good_csv), "--plan", "no-such-plan")

    def test_a_period_with_updates_awaiting_review_is_not_published_over_them(
        self, imported, lead, tmp_path
    ):
        action = action_save(
            action=Action(plan=imported, reference="V9.9"),
            by=None,
            theme=imported.themes.first(),
            title="Another action",
            lead=lead,
        )
        q3 = period_create(plan=imported, quarter=parse_quarter("2018-19-q3"), by=None)
        period_advance(period=q3, to=PeriodState.OPEN, by=None)
        rag = imported.rag_statuses.get(code="G")
        update_save(action=action, period=q3, rag=rag, commentary="", by=lead, submit=True)
        before = row_counts()

        message = refused(write_csv(tmp_path, [*GOOD, EXTRA], name="q3.csv"), imported)

        assert "row 6, column period: 1 update(s) in 2018-19-q3 await review" in message
        assert row_counts() == before
