"""The Delivery Plan report as an XLSX workbook: its sheets, a frozen header row, one row
per action with its status colour, formulas kept as text, and the key."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import RagStatus
from tests.reporting.delivery_report import (
    STORIES,
    actions_in_order,
    current_update,
    expected_direction,
    report,
)


@pytest.fixture
def xlsx(plan, tmp_path) -> openpyxl.Workbook:
    path = tmp_path / "delivery-plan.xlsx"
    report(plan, "xlsx", path)
    return openpyxl.load_workbook(path)


class TestTheSpreadsheet:
    def test_it_has_the_plan_the_key_and_the_summary(self, xlsx):
        assert xlsx.sheetnames == ["Delivery Plan", "Key", "Summary"]

    def test_its_header_row_is_frozen(self, xlsx):
        sheet = xlsx["Delivery Plan"]

        assert [cell.value for cell in sheet[1]] == [
            "Theme",
            "Objective",
            "Ref",
            "Action",
            "Lead",
            "Due",
            "Status",
            "Previous status",
            "Direction of travel",
            "Commentary",
        ]
        assert sheet.freeze_panes == "A2"

    def test_it_has_one_row_per_action_as_recorded(self, plan, xlsx):
        sheet = xlsx["Delivery Plan"]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        actions = actions_in_order(plan)

        assert len(rows) == len(actions) == len(STORIES)
        for row, action in zip(rows, actions, strict=True):
            update = current_update(action)
            assert row[:6] == (
                action.theme.name,
                action.objective.text if action.objective else None,
                action.reference,
                action.title,
                action.lead_display,
                dt.datetime.combine(action.due, dt.time()),
            )
            assert row[6] == (update.rag.label if update else "No update")
            assert row[8] == expected_direction(action)
            assert row[9] == ((update.commentary if update else "") or None)

    def test_its_status_cells_are_filled_with_the_status_colour(self, plan, xlsx):
        sheet = xlsx["Delivery Plan"]

        for row in sheet.iter_rows(min_row=2):
            update = current_update(plan.actions.get(reference=row[2].value))
            if update:
                assert row[6].fill.fgColor.rgb == "FF" + update.rag.print_colour[1:].upper()

    def test_commentary_that_looks_like_a_formula_stays_text(self, xlsx):
        sheet = xlsx["Delivery Plan"]
        cell = next(row[9] for row in sheet.iter_rows(min_row=2) if row[2].value == "O1.1")

        assert cell.value == '=HYPERLINK("http://x")'
        assert cell.data_type == "s"

    def test_its_key_names_every_status_and_direction(self, plan, xlsx):
        values = [row for row in xlsx["Key"].iter_rows(values_only=True)]

        for status in RagStatus.objects.filter(plan=plan):
            assert (status.code, status.label, status.meaning, status.get_colour_display()) in [
                row[:4] for row in values
            ]
        for direction in Direction:
            assert any(row[:2] == (direction.arrow, direction.label) for row in values)
