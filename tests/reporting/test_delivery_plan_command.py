"""planwatch report delivery-plan: what it says it wrote, clear failures for an unknown
Plan or period, and a draft of a period not yet published."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from planwatch.reporting.delivery_plan import COLUMNS
from tests.reporting.delivery_report import CURRENT, UNPUBLISHED, parsed, report


class TestTheCommand:
    def test_it_says_what_it_wrote(self, plan, tmp_path):
        path = tmp_path / "plan.xlsx"

        output = report(plan, "xlsx", path)

        assert output.startswith(f"Wrote the delivery-plan of {plan.title} to {path}")
        assert f"({path.stat().st_size:,} bytes)" in output

    def test_an_unknown_plan_fails_clearly(self, plan, tmp_path):
        with pytest.raises(CommandError, match="No Plan has the slug 'nope'"):
            call_command(
                "report",
                "delivery-plan",
                "--plan=nope",
                f"--period={CURRENT}",
                "--format=pdf",
                f"--output={tmp_path / 'x.pdf'}",
            )

    def test_an_unknown_period_fails_clearly_and_writes_no_file(self, plan, tmp_path):
        path = tmp_path / "x.pdf"

        with pytest.raises(CommandError, match="has no reporting period '2030-31-q1'"):
            report(plan, "pdf", path, period="2030-31-q1")

        assert not path.exists()

    def test_a_missing_period_fails_clearly(self, plan, tmp_path):
        with pytest.raises(CommandError, match="needs --period"):
            call_command(
                "report",
                "delivery-plan",
                f"--plan={plan.slug}",
                "--format=pdf",
                f"--output={tmp_path / 'x.pdf'}",
            )

    def test_an_unpublished_period_fails_without_draft(self, plan, unpublished, tmp_path):
        path = tmp_path / "x.html"

        with pytest.raises(CommandError, match=f"period {UNPUBLISHED} is not published"):
            report(plan, "html", path, period=UNPUBLISHED)

        assert not path.exists()

    def test_a_draft_includes_updates_awaiting_review(self, plan, unpublished, tmp_path):
        path = tmp_path / "draft.html"

        report(plan, "html", path, "--draft", period=UNPUBLISHED)

        text = path.read_text(encoding="utf-8")
        rows = {row[0]: row for row in parsed(text).rows if len(row) == len(COLUMNS)}
        assert "Draft: not yet published" in text
        assert rows["V1.1"][4] == "Amber (awaiting review)"
        assert rows["V1.1"][6] == "Staff shortages over the summer."
        assert rows["V1.2"][4] == "No update"

    def test_the_plan_on_a_page_is_not_written_as_a_spreadsheet(self, plan, tmp_path):
        with pytest.raises(CommandError, match="plan-on-a-page can be written as pdf or html"):
            call_command(
                "report",
                "plan-on-a-page",
                f"--plan={plan.slug}",
                "--format=xlsx",
                f"--output={tmp_path / 'x.xlsx'}",
            )
