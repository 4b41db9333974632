"""The statutory checklist is computed from what is recorded: the version's steps, its
objectives, the performance framework and the entries officers make; publishing with
something missing is refused unless the reason is given (and recorded)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from planwatch.performance.models import Indicator
from planwatch.plans import lifecycle
from planwatch.plans.models import PlanStatus, PlanVersion
from planwatch.plans.statutory import REQUIREMENTS, checklist, evidence_add
from tests.plans.fixtures import DAY

S = PlanStatus
URL = "/plans/northmoor-2021/versions/1/checklist/"


def met(version: PlanVersion) -> dict[str, tuple[str, ...]]:
    return {c.requirement.code: c.evidence for c in checklist(version) if c.met}


def record_all_but_steps(version: PlanVersion, officer) -> None:
    """An entry for every requirement that no step or part of the Plan meets."""
    for requirement in REQUIREMENTS:
        if requirement.step is None and requirement.code not in ("s7-1-a", "s5-send"):
            evidence_add(
                version=version,
                requirement=requirement.code,
                kind="section",
                reference=f"Plan, {requirement.code}",
                on=None,
                by=officer,
            )


def test_it_is_computed_from_what_is_recorded(draft, officer):
    version = lifecycle.versions_ensure(plan=draft, by=officer)
    assert met(version) == {"s7-1-a": ("The Plan's themes: 1 objective(s)",)}

    lifecycle.plan_step(plan=draft, to=S.OUT_FOR_COMMENT, on=DAY, note="Letter", by=officer)
    indicator = Indicator.objects.create(code="crime-all", name="All crime", unit="count")
    indicator.themes.add(draft.themes.get())
    evidence_add(
        version=version,
        requirement="s7-1-c",
        kind="section",
        reference="Section 5, Finances",
        on=dt.date(2021, 2, 1),
        by=officer,
    )
    found = met(version)
    assert found["s5-chief-constable"] == ("Step recorded: Out for comment on 15/02/2021: Letter",)
    assert found["s7-1-e"] == ("The performance framework: 1 indicator(s)",)
    assert found["s7-1-c"] == ("A section of the Plan: Section 5, Finances (01/02/2021)",)
    assert len(checklist(version)) == len(REQUIREMENTS) == 19
    assert "s5-panel" not in found


def test_publishing_with_something_missing_is_refused_and_changes_nothing(draft, officer):
    for to, note in ((S.OUT_FOR_COMMENT, ""), (S.WITH_PANEL, ""), (S.APPROVED, "BCB 2021/4")):
        lifecycle.plan_step(plan=draft, to=to, on=DAY, note=note, by=officer)
    with pytest.raises(ValidationError) as refused:
        lifecycle.plan_step(plan=draft, to=S.PUBLISHED, on=DAY, by=officer)
    message = str(refused.value)
    assert "s.7(1)(b): the policing the Chief Constable is to provide" in message
    assert "Send the Plan to the Chief Constable" not in message  # comes after publication
    assert PlanVersion.objects.get().state == S.APPROVED


def test_a_complete_checklist_publishes_without_an_override(draft, officer):
    version = lifecycle.versions_ensure(plan=draft, by=officer)
    record_all_but_steps(version, officer)
    Indicator.objects.create(code="crime-all", name="All crime", unit="count").themes.add(
        draft.themes.get()
    )
    for to, note in ((S.OUT_FOR_COMMENT, ""), (S.WITH_PANEL, ""), (S.APPROVED, "BCB 2021/4")):
        lifecycle.plan_step(plan=draft, to=to, on=DAY, note=note, by=officer)
    lifecycle.plan_step(plan=draft, to=S.PUBLISHED, on=DAY, by=officer)
    version.refresh_from_db()
    assert version.state == S.PUBLISHED
    assert [c.requirement.code for c in checklist(version) if not c.met] == ["s5-send"]


def test_the_checklist_command_lists_each_requirement_as_json(draft, officer, capsys):
    lifecycle.plan_step(plan=draft, to=S.OUT_FOR_COMMENT, on=DAY, by=officer)
    call_command("checklist", "northmoor-2021", "--version", "1", "--json")
    data = json.loads(capsys.readouterr().out)
    rows = {row["code"]: row for row in data["requirements"]}
    assert len(rows) == 19 and data["state"] == "out_for_comment"
    assert rows["s5-chief-constable"]["met"] is True
    assert rows["s5-chief-constable"]["met_by"] == ["Step recorded: Out for comment on 15/02/2021"]
    assert rows["regard-spr"] == {
        "code": "regard-spr",
        "group": "Matters to have regard to",
        "requirement": "The Strategic Policing Requirement",
        "met": False,
        "met_by": [],
    }


def test_an_officer_records_what_meets_a_requirement_in_the_form(client, officer, draft):
    lifecycle.versions_ensure(plan=draft, by=officer)
    client.force_login(officer)
    page = client.get(URL).text
    assert "18 requirements not met yet." in page
    response = client.post(
        URL + "record/",
        {"requirement": "regard-spr", "kind": "document", "reference": "SPR 2015, annex A"},
    )
    assert response.status_code == 302
    assert "A document: SPR 2015, annex A" in client.get(URL).text
    refused = client.post(URL + "record/", {"requirement": "regard-spr", "kind": "document"})
    assert refused.status_code == 200 and "There is a problem" in refused.text


def test_only_officers_record_checklist_entries(client, lead, officer, draft):
    lifecycle.versions_ensure(plan=draft, by=officer)
    client.force_login(lead)
    response = client.post(
        URL + "record/", {"requirement": "regard-spr", "kind": "document", "reference": "SPR"}
    )
    assert response.status_code == 403
    assert not PlanVersion.objects.get().evidence.exists()
