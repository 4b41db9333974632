"""The Delivery Plan report as HTML: headings and real column headers, each action under
its objective with its status and direction, the summary, the key, and escaped user
text."""

from __future__ import annotations

import pytest

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import PRINT_COLOURS, Update, UpdateState
from planwatch.reporting.delivery_plan import COLUMNS, TITLE
from tests.reporting.delivery_report import (
    CURRENT,
    PREVIOUS,
    STORIES,
    current_update,
    expected_direction,
    parsed,
    report,
)


@pytest.fixture
def html(plan, tmp_path) -> str:
    path = tmp_path / "delivery-plan.html"
    report(plan, "html", path)
    return path.read_text(encoding="utf-8")


class TestTheHtml:
    def test_it_has_the_title_and_a_heading_per_theme(self, plan, html):
        page = parsed(html)

        assert page.headings[0] == ("h1", TITLE)
        assert [text for tag, text in page.headings if tag == "h2"] == [
            "Summary",
            *plan.themes.values_list("name", flat=True),
            "Key",
        ]
        assert f"<title>{TITLE}: {plan.title}, " in html
        assert '<html lang="en-GB">' in html

    def test_its_tables_have_real_column_headers(self, plan, html):
        page = parsed(html)

        assert page.column_headers.count("Direction of travel") == plan.themes.count() + 1
        assert page.column_headers.count("Commentary") == plan.themes.count()

    def test_each_action_row_says_its_status_and_direction(self, plan, html):
        rows = {row[0]: row for row in parsed(html).rows if len(row) == len(COLUMNS)}

        for action in plan.actions.all():
            update = current_update(action)
            assert rows[action.reference][1] == action.title
            assert rows[action.reference][3] == f"{action.due.day} {action.due:%B %Y}"
            assert rows[action.reference][4] == (update.rag.label if update else "No update")
            assert rows[action.reference][5] == expected_direction(action)

    def test_actions_fall_under_their_objective(self, plan, html):
        rows = [row for row in parsed(html).rows if row]
        action = plan.actions.get(reference="V2.1")
        at = next(i for i, row in enumerate(rows) if row[0] == "V2.1")

        assert rows[at - 1] == [f"Objective: {action.objective.text}"]

    def test_actions_without_an_objective_say_so(self, html):
        rows = [row for row in parsed(html).rows if row]
        at = next(i for i, row in enumerate(rows) if row[0] == "C1.1")

        assert rows[at - 1] == ["Not linked to an objective"]

    def test_the_summary_counts_statuses_share_on_track_and_directions(self, plan, html):
        updates = Update.objects.filter(period__slug=CURRENT, state=UpdateState.APPROVED)
        on_track = updates.filter(rag__counts_as_on_track=True).count()
        share = round(100 * on_track / updates.count())
        rows = {row[0]: row[1] for row in parsed(html).rows if len(row) == 2}

        assert f"On track: {on_track} of {updates.count()} actions with a status ({share}%)" in html
        for status in plan.rag_statuses.all():
            assert rows[status.label] == str(updates.filter(rag=status).count())
        for direction in Direction:
            expected = sum(1 for s in STORIES if s.direction == direction)
            assert rows[f"{direction.arrow} {direction.label}"] == str(expected)

    def test_it_names_the_period_it_compares_against(self, plan, html):
        assert f"with {plan.periods.get(slug=PREVIOUS).label}." in html

    def test_the_first_published_period_compares_with_nothing(self, plan, tmp_path):
        path = tmp_path / "first.html"

        report(plan, "html", path, period=PREVIOUS)

        text = path.read_text(encoding="utf-8")
        assert "There is no earlier published period" in text
        assert "★ New" in text
        assert "Improving</td>" not in text

    def test_its_key_gives_each_status_colour_and_meaning(self, plan, html):
        rows = parsed(html).rows

        for status in plan.rag_statuses.all():
            assert [
                status.code,
                status.label,
                status.meaning,
                status.get_colour_display(),
            ] in rows
            assert PRINT_COLOURS[status.colour] in html
        for direction in Direction:
            assert any(row[:2] == [direction.arrow, direction.label] for row in rows)

    def test_user_text_is_escaped(self, html):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script" not in html
        assert "Done &amp; dusted." in html
