"""Consultation in the browser's pages: importing, results, free text searched and tagged to
themes, priorities linked to objectives, and "You said, we did" with each action's status."""

from __future__ import annotations

import pytest

from planwatch.consultation.models import Answer, HeardPriority, Survey
from planwatch.consultation.services import priority_save, survey_import
from planwatch.delivery.models import PeriodState
from tests.consultation.conftest import _advance
from tests.consultation.exports import HEADER, rows, write_csv

COMMENT_Q = HEADER[7]


@pytest.fixture
def survey(db, officer, tmp_path) -> Survey:
    made, _ = survey_import(
        path=write_csv(tmp_path / "e.csv", rows(400)), name="Plan survey", by=officer
    )
    return made


def test_an_officer_imports_a_survey_in_the_browser(client, officer, tmp_path):
    client.force_login(officer)
    with write_csv(tmp_path / "export.csv", rows(120)).open("rb") as handle:
        response = client.post(
            "/consultation/surveys/import/", {"name": "Street survey", "file": handle}, follow=True
        )
    assert (
        "120 responses imported. Personal columns left out: Respondent ID, Full name"
        in response.text
    )
    assert "How safe do you feel in your area after dark?" in response.text


def test_a_bad_file_in_the_browser_imports_nothing_and_names_the_row(client, officer, tmp_path):
    body = rows(30)
    body[4][4] = "ancient"
    client.force_login(officer)
    with write_csv(tmp_path / "export.csv", body).open("rb") as handle:
        response = client.post("/consultation/surveys/import/", {"name": "Bad", "file": handle})
    assert "Nothing was imported" in response.text
    assert "row 6, column &#x27;Age&#x27;" in response.text
    assert not Survey.objects.exists()


def test_results_page_and_group_table(client, auditor, survey):
    client.force_login(auditor)
    page = client.get(f"/consultation/surveys/{survey.slug}/").text
    assert "answered by 400" in page and "Very safe" in page
    question = survey.questions.get(text=HEADER[5])
    grouped = client.get(f"/consultation/surveys/{survey.slug}/?question={question.pk}&by=age_band")
    assert "by age band" in grouped.text and "75+" in grouped.text


def test_free_text_is_searched_and_tagged_to_themes(client, officer, survey, published_plan):
    question = survey.questions.get(text=COMMENT_Q)
    url = f"/consultation/surveys/{survey.slug}/questions/{question.pk}/"
    client.force_login(officer)
    found = client.get(url + "?q=101 service")
    expected = sum("101 service" in row[7] for row in rows(400))  # from the export itself
    assert expected > 0
    assert f"{expected} answer{'s' if expected != 1 else ''}." in found.text
    answer = Answer.objects.filter(question=question, value__icontains="speeding").first()
    theme = published_plan.themes.first()
    response = client.post(f"/consultation/answers/{answer.pk}/themes/", {"themes": [theme.pk]})
    assert response.status_code == 302
    assert list(answer.themes.all()) == [theme]
    tagged = client.get(url + f"?theme={theme.pk}").text
    assert "1 answer." in tagged and "Speeding" in tagged


def test_you_said_we_did_traces_a_priority_to_actions_and_their_status(
    client, officer, survey, published_plan, make_action, make_period, make_update
):
    objective = published_plan.themes.first().objectives.first()
    action = make_action("V9.1", objective=objective, lead_name="Head of Roads Policing")
    period = make_period("2018-19-q1")
    make_update(action, period, "A")
    _advance(period, PeriodState.PUBLISHED)
    client.force_login(officer)
    response = client.post(
        "/consultation/priorities/new/",
        {
            "source": "survey",
            "survey": survey.pk,
            "text": "Tackle speeding near schools",
            "reference": "Survey report, page 4",
            "objectives": [objective.pk],
        },
    )
    assert response.status_code == 302
    priority_save(
        priority=HeardPriority(),
        by=officer,
        source="partner",
        partner="Northmoor County Council",
        text="Cut re-offending by young people",
    )
    client.logout()
    page = client.get("/consultation/you-said-we-did/").text
    assert "You said: Tackle speeding near schools" in page
    assert f"We did: {objective.text}" in page
    assert "V9.1 Deliver the V9.1 work: <strong>Amber</strong>" in page
    assert (
        "Heard from Northmoor County Council" in page and "Not yet linked to an objective." in page
    )


def test_a_partner_priority_must_name_the_partner(client, officer):
    client.force_login(officer)
    response = client.post(
        "/consultation/priorities/new/", {"source": "partner", "text": "More CCTV"}
    )
    assert "Name the partner it came from." in response.text
    assert not HeardPriority.objects.exists()


@pytest.mark.parametrize("role", ["lead", "panel_member", "auditor"])
def test_only_officers_import_and_record(client, role, request, tmp_path):
    client.force_login(request.getfixturevalue(role))
    with write_csv(tmp_path / "e.csv", rows(10)).open("rb") as handle:
        response = client.post("/consultation/surveys/import/", {"name": "X", "file": handle})
    assert response.status_code == 403
    assert not Survey.objects.exists()


def test_free_text_is_for_officers_only(client, auditor, panel_member, survey):
    question = survey.questions.get(text=COMMENT_Q)
    for user in (auditor, panel_member):
        client.force_login(user)
        url = f"/consultation/surveys/{survey.slug}/questions/{question.pk}/"
        assert client.get(url).status_code == 403
        assert url not in client.get(f"/consultation/surveys/{survey.slug}/").text


def test_only_free_text_answers_are_tagged(client, officer, survey, published_plan):
    choice = Answer.objects.filter(question__kind="choice").first()
    client.force_login(officer)
    theme = published_plan.themes.first()
    response = client.post(f"/consultation/answers/{choice.pk}/themes/", {"themes": [theme.pk]})
    assert response.status_code == 404
    assert not choice.themes.exists()


def test_odd_numbers_in_addresses_are_not_errors(client, officer, survey):
    client.force_login(officer)
    question = survey.questions.get(text=COMMENT_Q)
    url = f"/consultation/surveys/{survey.slug}/questions/{question.pk}/?theme=²&page=²"
    assert client.get(url).status_code == 200
    grouped = client.get(f"/consultation/surveys/{survey.slug}/?question=²&by=district")
    assert grouped.status_code == 200
