"""delivery-import: the Delivery Plan in from CSV or XLSX, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from planwatch.delivery.models import (
    Action,
    ActionState,
    PeriodState,
    Update,
    UpdateState,
)
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.selectors import delivery_plan
from planwatch.delivery.services import (
    period_advance,
    period_create,
)
from planwatch.delivery.spreadsheet import COLUMNS
from tests.delivery.sheets import (
    ANSWER_CALLS,
    EXTRA,
    GOOD,
    LENA_EMAIL,
    TECHNOLOGY,
    VISIBLE,
    delivery_contents,
    import_file,
    refused,
    row_counts,
    write_csv,
)


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
