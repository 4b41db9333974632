"""Appendix 1 of the Panel report, the Delivery Plan, as XLSX, DOCX, tagged PDF and HTML."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command

from planwatch.delivery.direction import Direction
from planwatch.delivery.models import (
    PRINT_COLOURS,
    Action,
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
    rag_key_ensure,
    update_record_approved,
    update_save,
)
from planwatch.plans.models import Plan
from planwatch.reporting.delivery_plan import (
    COLUMNS,
    CONTENT_TYPES,
    EXTENSIONS,
    FORMATS,
    TITLE,
    delivery_plan_filename,
    render_delivery_plan,
)

A4_LANDSCAPE_POINTS = (841.89, 595.276)
PREVIOUS, CURRENT, UNPUBLISHED = "2017-18-q4", "2018-19-q1", "2018-19-q2"


@dataclass(frozen=True)
class Story:
    """One action: where it sits, its status last period and now, and what the report says."""

    reference: str
    theme: str
    objective: int | None  # index of the theme's objective, None for no objective
    before: str | None  # RAG code approved in the previous published period
    now: str | None  # RAG code approved in the current period
    direction: Direction | None
    commentary: str = ""


STORIES = [
    Story("V1.1", "Victims", 0, "A", "G", Direction.IMPROVING, "Call answering is back on target."),
    Story("V1.2", "Victims", 0, "G", "R", Direction.DETERIORATING, "<script>alert(1)</script>"),
    Story("V2.1", "Victims", 1, "G", "G", Direction.NO_CHANGE),
    Story("O1.1", "Offenders", 0, None, "A", Direction.NEW, '=HYPERLINK("http://x")'),
    Story("C1.1", "Communities", None, "A", "C", Direction.COMPLETED, "Done & dusted."),
    Story("T1.1", "Transformation", 0, "G", None, None),
]


def run(*command: str) -> str:
    return subprocess.run(
        list(command), capture_output=True, text=True, check=True, timeout=60
    ).stdout


def words(text: str) -> str:
    return " ".join(text.split())


def period_published(plan: Plan, slug: str, codes: dict[Action, tuple[str, str]]):
    period = period_create(plan=plan, quarter=parse_quarter(slug), by=None)
    period_advance(period=period, to="open", by=None)
    key = {status.code: status for status in rag_key_ensure(plan=plan, by=None)}
    for action, (code, commentary) in codes.items():
        update_record_approved(
            action=action, period=period, rag=key[code], commentary=commentary, by=None
        )
    period_advance(period=period, to="in_review", by=None)
    return period_advance(period=period, to="published", by=None)


@pytest.fixture
def plan(published_plan, lead) -> Plan:
    """The demo Plan with six actions reported in two published quarters."""
    rag_key_ensure(plan=published_plan, by=None)
    actions = {}
    for number, story in enumerate(STORIES):
        theme = published_plan.themes.get(name=story.theme)
        objective = None if story.objective is None else theme.objectives.all()[story.objective]
        actions[story] = action_save(
            action=Action(
                plan=published_plan,
                theme=theme,
                objective=objective,
                reference=story.reference,
                title=f"Action {story.reference}: deliver part {number} of the {story.theme} theme",
                lead=lead if number == 0 else None,
                lead_name="" if number == 0 else f"Head of Team {number}",
                due=dt.date(2019, 3, number + 1),
            ),
            by=None,
        )
    period_published(
        published_plan,
        PREVIOUS,
        {actions[s]: (s.before, "Earlier.") for s in STORIES if s.before},
    )
    period_published(
        published_plan, CURRENT, {actions[s]: (s.now, s.commentary) for s in STORIES if s.now}
    )
    return published_plan


@pytest.fixture
def unpublished(plan) -> ReportingPeriod:
    """The next quarter, open, with one update awaiting review."""
    period = period_create(plan=plan, quarter=parse_quarter(UNPUBLISHED), by=None)
    period_advance(period=period, to="open", by=None)
    update_save(
        action=plan.actions.get(reference="V1.1"),
        period=period,
        rag=plan.rag_statuses.get(code="A"),
        commentary="Staff shortages over the summer.",
        by=None,
        submit=True,
    )
    return period


def report(plan: Plan, fmt: str, output: Path, *extra: str, period: str = CURRENT) -> str:
    out = io.StringIO()
    call_command(
        "report",
        "delivery-plan",
        "--plan",
        plan.slug,
        "--period",
        period,
        "--format",
        fmt,
        "--output",
        str(output),
        *extra,
        stdout=out,
    )
    return out.getvalue()


def actions_in_order(plan: Plan) -> list[Action]:
    return list(
        plan.actions.select_related("theme", "objective", "lead").order_by(
            "theme__order", "objective__order", "reference"
        )
    )


def current_update(action: Action) -> Update | None:
    return (
        Update.objects.filter(action=action, period__slug=CURRENT, state=UpdateState.APPROVED)
        .select_related("rag")
        .first()
    )


def expected_direction(action: Action) -> str:
    direction = next(s.direction for s in STORIES if s.reference == action.reference)
    return f"{direction.arrow} {direction.label}" if direction else "Not assessed"


@pytest.fixture
def xlsx(plan, tmp_path) -> openpyxl.Workbook:
    path = tmp_path / "delivery-plan.xlsx"
    report(plan, "xlsx", path)
    return openpyxl.load_workbook(path)


@pytest.fixture
def word(plan, tmp_path):
    path = tmp_path / "delivery-plan.docx"
    report(plan, "docx", path)
    return docx.Document(str(path))


@pytest.fixture
def pdf(plan, tmp_path) -> Path:
    path = tmp_path / "delivery-plan.pdf"
    report(plan, "pdf", path)
    return path


@pytest.fixture
def pdf_info(pdf) -> dict[str, str]:
    lines = run("pdfinfo", str(pdf)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


@pytest.fixture
def html(plan, tmp_path) -> str:
    path = tmp_path / "delivery-plan.html"
    report(plan, "html", path)
    return path.read_text(encoding="utf-8")


class TestTheData:
    def test_rendering_runs_no_queries_in_any_format(self, plan, django_assert_num_queries):
        period = plan.periods.get(slug=CURRENT)
        data = delivery_plan(user=None, plan=plan, period=period)

        for fmt in FORMATS:
            with django_assert_num_queries(0):
                content = render_delivery_plan(data, fmt)
            assert content

    def test_an_unknown_format_is_refused(self, plan):
        data = delivery_plan(user=None, plan=plan, period=plan.periods.get(slug=CURRENT))

        with pytest.raises(ValueError, match="'odt' is not one of xlsx, docx, pdf, html"):
            render_delivery_plan(data, "odt")

    def test_each_format_has_a_content_type_and_a_file_name(self, plan):
        data = delivery_plan(user=None, plan=plan, period=plan.periods.get(slug=CURRENT))

        assert set(CONTENT_TYPES) == set(EXTENSIONS) == {"xlsx", "docx", "pdf", "html"}
        assert delivery_plan_filename(data, "pdf") == f"{plan.slug}-{CURRENT}-delivery-plan.pdf"

    def test_the_system_sees_only_approved_updates_unless_it_asks_for_more(self, plan, unpublished):
        waiting = Update.objects.get(period=unpublished)

        public = delivery_plan(user=None, plan=plan, period=unpublished)
        draft = delivery_plan(user=None, plan=plan, period=unpublished, include_unapproved=True)

        assert all(row.update is None for row in public.summary.rows)
        assert [row.update for row in draft.summary.rows if row.update] == [waiting]


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


class TestThePdf:
    def test_it_is_a_pdf(self, pdf):
        assert pdf.read_bytes().startswith(b"%PDF-")

    def test_its_text_holds_every_action_status_and_direction(self, plan, pdf):
        text = words(run("pdftotext", "-raw", str(pdf), "-"))
        previous = plan.periods.get(slug=PREVIOUS)

        assert "Appendix 1" in text
        assert plan.title in text
        assert plan.periods.get(slug=CURRENT).label in text
        assert previous.label in text
        for action in plan.actions.all():
            update = current_update(action)
            assert action.reference in text
            assert words(action.title) in text
            assert (update.rag.label if update else "No update") in text
            assert expected_direction(action) in text

    def test_it_prints_hostile_commentary_as_text(self, pdf):
        assert "<script>alert(1)</script>" in run("pdftotext", "-raw", str(pdf), "-")

    def test_it_is_tagged(self, pdf_info):
        assert pdf_info["Tagged"] == "yes"

    def test_its_page_is_landscape_a4(self, pdf_info):
        size = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info["Page size"])
        assert size is not None

        assert (float(size.group(1)), float(size.group(2))) == pytest.approx(
            A4_LANDSCAPE_POINTS, abs=0.01
        )

    def test_its_metadata_names_the_appendix_and_the_plan(self, plan, pdf, pdf_info):
        assert pdf_info["Title"] == (
            f"{TITLE}: {plan.title}, {plan.periods.get(slug=CURRENT).label}"
        )
        assert 'pdfuaid:part="1"' in run("pdfinfo", "-meta", str(pdf))

    def test_a_long_table_repeats_its_header_on_every_page(self, plan, tmp_path):
        theme = plan.themes.get(name="Offenders")
        for number in range(40):
            action_save(
                action=Action(
                    plan=plan,
                    theme=theme,
                    reference=f"O9.{number:02d}",
                    title="A long action title that takes up a line or two of the table " * 2,
                ),
                by=None,
            )
        path = tmp_path / "long.pdf"

        report(plan, "pdf", path)

        pages = run("pdftotext", "-layout", str(path), "-").split("\f")
        with_rows = [page for page in pages if "O9." in page]
        assert len(with_rows) >= 2
        for page in with_rows:
            assert re.search(r"Ref\s+Action\s+Lead\s+Due\s+Status", page)


class Collector(HTMLParser):
    """Headings, header cells and the text of every row of the actions tables."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.column_headers: list[str] = []
        self.rows: list[list[str]] = []
        self._heading: str | None = None
        self._cell: list[str] | None = None
        self._scope: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._heading = tag
            self.headings.append((tag, ""))
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
            self._scope = dict(attrs).get("scope")

    def handle_endtag(self, tag):
        if tag == self._heading:
            self._heading = None
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell).strip()
            self.rows[-1].append(text)
            if self._scope == "col":
                self.column_headers.append(text)
            self._cell = None

    def handle_data(self, data):
        if self._heading:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)
        if self._cell is not None:
            self._cell.append(data)


def parsed(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


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
