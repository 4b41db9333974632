"""delivery-import and delivery-export: the Delivery Plan in and out as CSV or XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from planwatch.accounts.models import Role
from planwatch.accounts.services import user_create
from planwatch.delivery.importer import delivery_import_file
from planwatch.delivery.models import (
    Action,
    ActionState,
    PeriodState,
    RagStatus,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.selectors import delivery_plan
from planwatch.delivery.services import (
    action_save,
    period_advance,
    period_create,
    update_record_approved,
    update_save,
)
from planwatch.delivery.spreadsheet import COLUMNS, SpreadsheetError, parse_due
from planwatch.demo.loader import DEMO_PLAN
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.services import plan_load

PLANWATCH = Path(sys.executable).with_name("planwatch")

# Objectives of the demo Plan, as the published_plan fixture loads them.
ANSWER_CALLS = (
    "Answer every call for help promptly and assess the needs of each victim at first contact."
)
DIVERT = (
    "Divert young people and adults from the justice system where that prevents further offending."
)
TECHNOLOGY = "Give officers and staff the technology to work anywhere."
VISIBLE = "Keep neighbourhood policing visible and accessible in town and country."

LENA_EMAIL = "Lena.Lead@northmoor.example"

# Rows 2 to 5 of a good file: two quarters for V1.1, a Red with a UK date, an action with
# no update yet (its Lead named by email).
GOOD = [
    {
        "ref": "V1.1",
        "theme": "Victims",
        "objective": ANSWER_CALLS,
        "action": "Assess every victim's needs at first contact",
        "lead": "lena",
        "due": "2018-09-30",
        "period": "2018-19-q1",
        "rag": "Green",
        "update": "Call handlers on two of the four shifts are trained.",
    },
    {
        "ref": "V1.1",
        "theme": "Victims",
        "objective": ANSWER_CALLS,
        "action": "Assess every victim's needs at first contact",
        "lead": "lena",
        "due": "2018-09-30",
        "period": "2018-19-q2",
        "rag": "Amber",
        "update": "Training paused while the control room moved; two shifts left.",
    },
    {
        "ref": "O2.1",
        "theme": "Offenders",
        "objective": "",
        "action": "Offer conditional cautions that tackle the causes of offending",
        "lead": "Head of Youth Justice, Northmoor Council",
        "due": "31/03/2019",
        "period": "2018-19-q1",
        "rag": "R",
        "update": "The drug service cannot take referrals yet — £40k gap in funding.",
    },
    {
        "ref": "T2.1",
        "theme": "Transformation",
        "objective": TECHNOLOGY,
        "action": "Issue mobile devices to all frontline officers",
        "lead": LENA_EMAIL.upper(),
        "due": "",
        "period": "",
        "rag": "",
        "update": "",
    },
]
# Row 6 of a file with one bad row: good except for the cell a test changes.
EXTRA = {
    "ref": "C1.1",
    "theme": "Communities",
    "objective": VISIBLE,
    "action": "Publish each neighbourhood's priorities every quarter",
    "lead": "Neighbourhood Inspector, Northmoor Police",
    "due": "2019-03-31",
    "period": "2018-19-q3",
    "rag": "Green",
    "update": "All twelve neighbourhoods published.",
}
MODELS = (Action, Update, ReportingPeriod, RagStatus)


@pytest.fixture
def lena(db):
    """A Lead with an email address, named in the good file by username and by email."""
    return user_create(
        username="lena",
        role=Role.LEAD,
        password="a-long-test-password-1",
        first_name="Lena",
        email=LENA_EMAIL,
    )


@pytest.fixture
def empty_copy(published_plan) -> Plan:
    """A second Plan with the same themes and objectives but no actions."""
    text = DEMO_PLAN.read_text(encoding="utf-8").replace(
        "slug: northmoor-2017-20", "slug: northmoor-copy"
    )
    plan, _ = plan_load(document=parse_plan_document(text), by=None)
    return plan


@pytest.fixture
def good_csv(tmp_path, lena) -> Path:
    return write_csv(tmp_path, GOOD)


@pytest.fixture
def imported(published_plan, good_csv) -> Plan:
    """The demo Plan with the good file imported."""
    import_file(good_csv, published_plan)
    return published_plan


def write_csv(
    folder: Path,
    rows: list[dict[str, str]],
    header: list[str] | tuple[str, ...] = COLUMNS,
    name: str = "delivery.csv",
    encoding: str = "utf-8",
) -> Path:
    """A CSV file whose header is written as given; cells are found by the header's name."""
    path = folder / name
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column.strip().lower(), "") for column in header])
    return path


def import_file(path: Path, plan: Plan) -> str:
    out = io.StringIO()
    call_command("delivery_import", str(path), "--plan", plan.slug, stdout=out)
    return out.getvalue()


def export_file(plan: Plan, path: Path) -> str:
    out = io.StringIO()
    call_command("delivery_export", "--plan", plan.slug, "--output", str(path), stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every Delivery Plan table, and of their history."""
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update({f"{model.__name__} history": model.history.count() for model in MODELS})
    return counts


def delivery_contents(plan: Plan) -> dict[str, list[tuple]]:
    """A Plan's actions, updates and periods as plain values, read straight from the tables."""
    return {
        "actions": [
            (
                a.reference,
                a.theme.name,
                a.objective.text if a.objective else None,
                a.title,
                a.lead.username if a.lead else None,
                a.lead_name,
                a.due,
                a.state,
            )
            for a in Action.objects.filter(plan=plan).order_by("reference")
        ],
        "updates": [
            (u.action.reference, u.period.slug, u.rag.label, u.commentary, u.state)
            for u in Update.objects.filter(action__plan=plan).order_by(
                "action__reference", "period__starts"
            )
        ],
        "periods": [
            (p.slug, p.label, p.starts, p.ends, p.update_deadline, p.state)
            for p in plan.periods.order_by("starts")
        ],
    }


def refused(path: Path, plan: Plan) -> str:
    """The error the import command gives; fails the test if the import succeeds."""
    with pytest.raises(CommandError) as caught:
        import_file(path, plan)
    return str(caught.value)


class TestImportingACsvFile:
    def test_every_field_of_every_row_reaches_the_database(self, published_plan, lena, tmp_path):
        header = [
            "  Ref ",
            "THEME",
            "Action",
            "Objective",
            "lead",
            "Due",
            "Period",
            "RAG",
            "update",
        ]
        path = write_csv(tmp_path, GOOD, header=header, encoding="utf-8-sig")

        import_file(path, published_plan)

        assert Action.objects.filter(plan=published_plan).count() == 3
        v11 = Action.objects.get(plan=published_plan, reference="V1.1")
        assert v11.theme.name == "Victims"
        assert v11.objective.text == ANSWER_CALLS
        assert v11.title == "Assess every victim's needs at first contact"
        assert (v11.lead, v11.lead_name) == (lena, "")
        assert v11.due == dt.date(2018, 9, 30)
        assert v11.state == ActionState.OPEN
        o21 = Action.objects.get(plan=published_plan, reference="O2.1")
        assert o21.theme.name == "Offenders"
        assert o21.objective is None
        assert (o21.lead, o21.lead_name) == (None, "Head of Youth Justice, Northmoor Council")
        assert o21.due == dt.date(2019, 3, 31)
        t21 = Action.objects.get(plan=published_plan, reference="T2.1")
        assert (t21.theme.name, t21.objective.text) == ("Transformation", TECHNOLOGY)
        assert (t21.lead, t21.lead_name, t21.due) == (lena, "", None)
        assert not t21.updates.exists()
        assert delivery_contents(published_plan)["updates"] == [
            ("O2.1", "2018-19-q1", "Red", GOOD[2]["update"], UpdateState.APPROVED),
            ("V1.1", "2018-19-q1", "Green", GOOD[0]["update"], UpdateState.APPROVED),
            ("V1.1", "2018-19-q2", "Amber", GOOD[1]["update"], UpdateState.APPROVED),
        ]

    def test_the_periods_are_created_and_published(self, imported):
        q1, q2 = imported.periods.order_by("starts")

        assert (q1.slug, q1.label) == ("2018-19-q1", "Q1 2018/19 (April to June 2018)")
        assert (q1.starts, q1.ends) == (dt.date(2018, 4, 1), dt.date(2018, 6, 30))
        assert q2.slug == "2018-19-q2"
        assert {q1.state, q2.state} == {PeriodState.PUBLISHED}
        assert q1.published_at is not None and q2.published_at is not None

    def test_the_plan_gets_the_default_rag_key(self, imported):
        assert list(imported.rag_statuses.values_list("label", flat=True)) == [
            "Complete",
            "Green",
            "Amber",
            "Red",
            "Not started",
        ]

    def test_imported_updates_are_approved_by_the_system(self, imported):
        for update in Update.objects.all():
            assert update.state == UpdateState.APPROVED
            assert update.reviewed_by is None and update.reviewed_at is not None
            assert update.history.first().history_change_reason == "Imported"
        assert {record.history_user for record in Action.history.all()} == {None}

    def test_direction_of_travel_compares_the_imported_quarters(self, imported, officer):
        q2 = imported.periods.get(slug="2018-19-q2")

        plan = delivery_plan(user=officer, plan=imported, period=q2)

        rows = {row.action.reference: row for row in plan.summary.rows}
        assert rows["V1.1"].previous_rag.label == "Green"
        assert rows["V1.1"].direction == "deteriorating"
        assert rows["O2.1"].update is None

    def test_the_command_prints_a_summary(self, published_plan, good_csv):
        output = import_file(good_csv, published_plan)

        assert output.splitlines() == [
            f"Imported {good_csv} into Northmoor Police and Crime Plan 2017-20 "
            "(northmoor-2017-20).",
            "Actions: 3 created, 0 updated, 0 unchanged.",
            "Updates: 3 imported, 0 unchanged.",
            "Periods: 2018-19-q1, 2018-19-q2 (2 created, 2 published).",
        ]

    def test_blank_rows_and_extra_columns_are_ignored(self, published_plan, lena, tmp_path):
        rows = [GOOD[0], {}, {**GOOD[2], "notes": "ignored"}]
        path = write_csv(tmp_path, rows, header=[*COLUMNS, "notes"])

        import_file(path, published_plan)

        assert Action.objects.count() == 2
        assert Update.objects.count() == 2

    def test_an_existing_period_is_used_and_published(self, published_plan, good_csv):
        q1 = period_create(plan=published_plan, quarter=parse_quarter("2018-19-q1"), by=None)
        period_advance(period=q1, to=PeriodState.OPEN, by=None)

        import_file(good_csv, published_plan)

        q1.refresh_from_db()
        assert q1.state == PeriodState.PUBLISHED
        assert published_plan.periods.count() == 2


class TestImportingAnXlsxWorkbook:
    def test_date_cells_and_uk_dates_are_read(self, published_plan, lena, tmp_path):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Ref", "Theme", "Objective", "Action", "Lead", "Due", "Period", "Rag"])
        sheet.cell(row=1, column=9, value=" Update ")
        sheet.append(
            ["V1.1", "victims", ANSWER_CALLS.upper(), "Assess needs", "LENA"]
            + [dt.date(2018, 9, 30), "2018-19-q1", "green", "Trained two shifts."]
        )
        sheet.append(["O2.1", "Offenders", "", "Offer cautions", "Youth Justice Manager"])
        sheet.append([])
        sheet.append(
            ["C1.1", "Communities", VISIBLE, "Publish priorities", "lena.lead@NORTHMOOR.example"]
            + ["31/3/2019", "2018-19-q1", "Not Started", None]
        )
        sheet.cell(row=3, column=6, value=dt.datetime(2019, 6, 30, 0, 0))
        workbook.create_sheet("Notes").append(["ignored", "sheet"])
        path = tmp_path / "delivery.xlsx"
        workbook.save(path)

        import_file(path, published_plan)

        c11, o21, v11 = delivery_contents(published_plan)["actions"]
        march, june, september = dt.date(2019, 3, 31), dt.date(2019, 6, 30), dt.date(2018, 9, 30)
        assert c11 == (
            "C1.1",
            "Communities",
            VISIBLE,
            "Publish priorities",
            "lena",
            "",
            march,
            "open",
        )
        assert o21 == (
            "O2.1",
            "Offenders",
            None,
            "Offer cautions",
            None,
            "Youth Justice Manager",
            june,
            "open",
        )
        assert v11 == (
            "V1.1",
            "Victims",
            ANSWER_CALLS,
            "Assess needs",
            "lena",
            "",
            september,
            "open",
        )
        assert delivery_contents(published_plan)["updates"] == [
            ("C1.1", "2018-19-q1", "Not started", "", UpdateState.APPROVED),
            ("V1.1", "2018-19-q1", "Green", "Trained two shifts.", UpdateState.APPROVED),
        ]

    def test_errors_name_the_row_the_spreadsheet_shows(self, published_plan, tmp_path):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(COLUMNS)
        sheet.append([EXTRA[column] for column in COLUMNS])
        sheet.append([])
        sheet.append([{**EXTRA, "ref": "C1.2", "rag": "Blue"}[column] for column in COLUMNS])
        path = tmp_path / "delivery.xlsx"
        workbook.save(path)

        message = refused(path, published_plan)

        assert "row 4, column rag: 'Blue' is not in this Plan's RAG key" in message


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


class TestImportingAgain:
    def test_the_same_file_again_changes_nothing(self, imported, good_csv):
        before, contents = row_counts(), delivery_contents(imported)
        reviewed = list(Update.objects.order_by("pk").values_list("reviewed_at", flat=True))

        output = import_file(good_csv, imported)

        assert row_counts() == before
        assert delivery_contents(imported) == contents
        assert list(Update.objects.order_by("pk").values_list("reviewed_at", flat=True)) == (
            reviewed
        )
        assert "Actions: 0 created, 0 updated, 3 unchanged." in output
        assert "Updates: 0 imported, 3 unchanged." in output
        assert "(0 created, 0 published)" in output

    def test_a_changed_file_updates_the_actions_and_updates_in_place(self, imported, tmp_path):
        rows = [
            {**GOOD[0], "action": "Assess needs at first contact"},
            {**GOOD[1], "action": "Assess needs at first contact", "rag": "Red"},
            GOOD[2],
            GOOD[3],
        ]
        ids = sorted(Action.objects.values_list("pk", flat=True))

        output = import_file(write_csv(tmp_path, rows, name="changed.csv"), imported)

        assert sorted(Action.objects.values_list("pk", flat=True)) == ids
        v11 = Action.objects.get(reference="V1.1")
        assert v11.title == "Assess needs at first contact"
        assert v11.updates.get(period__slug="2018-19-q2").rag.label == "Red"
        assert Update.objects.count() == 3
        assert "Actions: 0 created, 1 updated, 2 unchanged." in output
        assert "Updates: 1 imported, 2 unchanged." in output


class TestMatchingTheLead:
    @pytest.mark.parametrize("written", ["lena", "LENA", " Lena ", LENA_EMAIL, LENA_EMAIL.lower()])
    def test_a_lead_is_matched_by_username_or_email(self, published_plan, lena, tmp_path, written):
        import_file(write_csv(tmp_path, [{**EXTRA, "lead": written}]), published_plan)

        action = Action.objects.get()
        assert (action.lead, action.lead_name) == (lena, "")

    def test_anyone_else_is_kept_as_free_text(self, published_plan, lena, tmp_path):
        import_file(write_csv(tmp_path, [{**EXTRA, "lead": "Head of ICT"}]), published_plan)

        action = Action.objects.get()
        assert (action.lead, action.lead_name) == (None, "Head of ICT")

    def test_a_user_without_the_lead_role_is_kept_as_free_text(
        self, published_plan, officer, tmp_path
    ):
        import_file(write_csv(tmp_path, [{**EXTRA, "lead": officer.username}]), published_plan)

        action = Action.objects.get()
        assert (action.lead, action.lead_name) == (None, officer.username)

    def test_no_lead_leaves_both_empty(self, published_plan, tmp_path):
        import_file(write_csv(tmp_path, [{**EXTRA, "lead": ""}]), published_plan)

        action = Action.objects.get()
        assert (action.lead, action.lead_name) == (None, "")


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
