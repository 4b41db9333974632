"""The Delivery Plan report as a Word document: real heading styles, a landscape page, a
table per theme with shaded status cells, and its properties."""

from __future__ import annotations

import docx
import pytest

from planwatch.reporting.delivery_plan import COLUMNS, TITLE
from tests.reporting.delivery_report import (
    actions_in_order,
    current_update,
    expected_direction,
    report,
)


@pytest.fixture
def word(plan, tmp_path):
    path = tmp_path / "delivery-plan.docx"
    report(plan, "docx", path)
    return docx.Document(str(path))


class TestTheWordDocument:
    def test_its_headings_use_real_heading_styles(self, plan, word):
        headings = [
            (p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")
        ]
        themes = [t.name for t in plan.themes.all()]

        assert headings[0] == ("Heading 1", TITLE)
        assert [text for style, text in headings if style == "Heading 2"] == [
            "Summary",
            *themes,
            "Key",
        ]

    def test_its_page_is_landscape(self, word):
        section = word.sections[0]

        assert section.page_width > section.page_height

    def test_each_theme_has_a_table_with_one_row_per_action(self, plan, word):
        tables = [t for t in word.tables if t.rows[0].cells[0].text == "Ref"]

        assert len(tables) == plan.themes.count()
        for table, theme in zip(tables, plan.themes.all(), strict=True):
            assert [cell.text for cell in table.rows[0].cells] == list(COLUMNS)
            assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
            # An objective's row is one cell merged across the table.
            rows = [row.cells for row in table.rows[1:]]
            groups = [cells[0].text for cells in rows if cells[0]._tc is cells[-1]._tc]
            refs = [cells[0].text for cells in rows if cells[0]._tc is not cells[-1]._tc]
            actions = [a for a in actions_in_order(plan) if a.theme_id == theme.pk]
            assert refs == [a.reference for a in actions]
            assert groups == list(
                dict.fromkeys(
                    f"Objective: {a.objective.text}"
                    if a.objective
                    else "Not linked to an objective"
                    for a in actions
                )
            )

    def test_its_status_cells_say_the_status_and_are_shaded(self, plan, word):
        rows = {
            row.cells[0].text: row
            for table in word.tables
            if table.rows[0].cells[0].text == "Ref"
            for row in table.rows[1:]
        }

        for action in plan.actions.all():
            update = current_update(action)
            cell = rows[action.reference].cells[4]
            assert cell.text == (update.rag.label if update else "No update")
            assert rows[action.reference].cells[5].text == expected_direction(action)
            if update:
                fill = cell._tc.tcPr.xpath("./w:shd/@w:fill")
                assert fill == [update.rag.print_colour[1:].upper()]

    def test_it_names_itself_in_its_properties(self, plan, word):
        assert word.core_properties.title.startswith(f"{TITLE}: {plan.title}")
        assert word.core_properties.language == "en-GB"
