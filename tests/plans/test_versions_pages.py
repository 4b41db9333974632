"""Officers record a Plan's steps and start a variation in the browser's forms; anyone reads
the published versions and compares them (page, Word, PDF, `planwatch plan-diff --json`)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from planwatch.plans import lifecycle
from planwatch.plans.models import PlanStatus, PlanVersion
from planwatch.plans.services import objective_create, part_update, theme_create
from tests.pdf_tools import pdf_text
from tests.plans.fixtures import publish

URL = "/plans/northmoor-2021/versions/"


@pytest.fixture
def varied(draft, officer):
    """Version 1 published; version 2 changes an objective, adds a theme, and is published."""
    publish(draft, officer)
    lifecycle.variation_start(plan=draft, reason="Add witnesses; a roads theme", by=officer)
    objective = draft.themes.get(name="Victims").objectives.get()
    part_update(part=objective, by=officer, text="Improve support for victims and witnesses")
    roads = theme_create(plan=draft, name="Roads", aim="Safer roads", by=officer)
    objective_create(theme=roads, text="Fewer deaths on rural roads", by=officer)
    publish(draft, officer, on=dt.date(2022, 2, 1))
    return draft


def test_an_officer_records_each_step_in_the_form(client, officer, draft):
    client.force_login(officer)
    page = client.get(URL).text
    assert "Out for comment" in page and "Record the step" in page
    response = client.post(URL + "record/", {"to": "out_for_comment", "on": "01/12/2020"})
    assert response.status_code == 302
    version = PlanVersion.objects.get()
    assert (version.state, version.steps.get().on) == ("out_for_comment", dt.date(2020, 12, 1))

    response = client.post(URL + "record/", {"to": "approved", "on": "01/12/2020"})
    assert response.status_code == 200  # not a next step: back on the form
    assert "There is a problem" in response.text
    PlanVersion.objects.get(state="out_for_comment")


def test_approval_without_the_boards_decision_is_refused_on_the_form(client, officer, draft):
    client.force_login(officer)
    for to in ("out_for_comment", "with_panel"):
        client.post(URL + "record/", {"to": to, "on": "01/12/2020"})
    refused = client.post(URL + "record/", {"to": "approved", "on": "05/12/2020", "note": ""})
    assert "Business Co-ordination Board decided" in refused.text
    assert PlanVersion.objects.get().state == "with_panel"


def test_only_officers_record_steps(client, lead, draft):
    client.force_login(lead)
    assert (
        client.post(URL + "record/", {"to": "out_for_comment", "on": "01/12/2020"}).status_code
        == 403
    )
    assert not PlanVersion.objects.exists()


def test_the_public_reads_published_versions_and_compares_them(client, varied):
    page = client.get(URL).text
    assert "Version 2" in page and "Version 1" in page and "Record the step" not in page
    compared = client.get("/plans/northmoor-2021/compare/").text
    assert "Improve support for victims and witnesses" in compared
    assert "Fewer deaths on rural roads" in compared
    assert "4 changes" in compared  # objective changed; theme, aim and objective added


def test_a_draft_variation_is_hidden_from_the_public_but_not_from_officers(
    client,
    officer,
    draft,
):
    publish(draft, officer)
    lifecycle.variation_start(plan=draft, reason="Draft change", by=officer)
    assert client.get("/plans/northmoor-2021/versions/2/").status_code == 404
    assert client.get("/plans/northmoor-2021/compare/").status_code == 404  # one public version
    assert "Draft change" not in client.get(URL).text
    client.force_login(officer)
    assert client.get("/plans/northmoor-2021/versions/2/").status_code == 200
    assert "Version 2 is being prepared" in client.get("/plans/northmoor-2021/").text


def test_the_comparison_as_word_and_pdf(client, varied, tmp_path):
    docx = client.get("/plans/northmoor-2021/compare.docx?from=1&to=2")
    assert docx.status_code == 200
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(docx.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Improve support for victims and witnesses" in text and "Roads" in text
    pdf = tmp_path / "compare.pdf"
    pdf.write_bytes(client.get("/plans/northmoor-2021/compare.pdf?from=1&to=2").content)
    assert "Fewer deaths on rural roads" in pdf_text(pdf)
    assert client.get("/plans/northmoor-2021/compare.txt").status_code == 404
    assert client.get("/plans/northmoor-2021/compare/?from=9").status_code == 404


def test_plan_diff_prints_each_change_as_json(varied, capsys):
    call_command("plan_diff", "northmoor-2021", "--from", "1", "--to", "2", "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["from"], data["to"]) == (1, 2)
    assert {
        "element": "objective",
        "change": "changed",
        "theme": "Victims",
        "old": "Improve support for victims",
        "new": "Improve support for victims and witnesses",
        "objective": "",
    } in data["changes"]
    assert [c["element"] for c in data["changes"] if c["change"] == "added"] == [
        "theme",
        "aim",
        "objective",
    ]
    with pytest.raises(CommandError, match="no version 7"):
        call_command("plan_diff", "northmoor-2021", "--from", "1", "--to", "7", "--json")


def test_the_published_status_survives_a_variation_for_the_plan_list(client, officer, varied):
    varied.refresh_from_db()
    assert varied.status == PlanStatus.PUBLISHED
    assert "Northmoor Police and Crime Plan 2021-25" in client.get("/plans/").text


def test_documents_print_the_version_in_force_unless_another_is_asked_for(
    draft,
    officer,
    tmp_path,
):
    publish(draft, officer)
    lifecycle.variation_start(plan=draft, reason="Witnesses", by=officer)
    objective = draft.themes.get().objectives.get()
    part_update(part=objective, by=officer, text="Improve support for victims and witnesses")

    html = tmp_path / "poap.html"
    call_command(
        "report",
        "plan-on-a-page",
        "--plan",
        "northmoor-2021",
        "--format",
        "html",
        "--output",
        str(html),
    )
    assert (
        "Improve support for victims<" in html.read_text() and "witnesses" not in html.read_text()
    )
    call_command(
        "report",
        *("plan-on-a-page", "--plan", "northmoor-2021", "--format", "html", "--output", str(html)),
        *("--version", "2"),
    )
    assert "Improve support for victims and witnesses" in html.read_text()

    dumped = tmp_path / "v1.yaml"
    call_command("plan_dump", "northmoor-2021", "--version", "1", "--output", str(dumped))
    assert "Improve support for victims\n" in dumped.read_text()
    with pytest.raises(CommandError, match="no version 5"):
        call_command("plan_dump", "northmoor-2021", "--version", "5")
