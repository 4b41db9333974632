"""The indicator pages: anyone reads an indicator's definitions, breaks and notes; OPCC staff
change them and enter figures, each change recorded with who made it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from planwatch.performance.areas import areas_load
from planwatch.performance.indicator_services import data_note_add, series_break_add
from planwatch.performance.models import (
    Area,
    DataNote,
    Definition,
    ImportRun,
    Indicator,
    Observation,
    SeriesBreak,
)
from planwatch.plans.models import Plan

LOOKUP = Path(__file__).resolve().parents[3] / "shared/data/reference/lad16-csp16-pfa16-lookup.csv"
BURGLARY = "/performance/indicators/crime-burglary/"
NEW_FIGURE = "/performance/observations/new/"
ERROR_SUMMARY = '<div class="govuk-error-summary" data-module="govuk-error-summary">'


@pytest.fixture
def burglary(published_plan: Plan) -> Indicator:
    return Indicator.objects.get(code="crime-burglary")


@pytest.fixture
def cambridge(db) -> Area:
    """The ONS lookup loaded, as `planwatch areas-load` does; the district of Cambridge."""
    areas_load(path=LOOKUP, by=None)
    return Area.objects.get(code="E07000008")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def _text(response) -> str:
    return response.content.decode()


def _figure(of: Indicator, where: Area, **fields: str) -> dict[str, str]:
    """The form's fields for a figure for March 2018, with `fields` in place of any."""
    return {"indicator": str(of.pk), "area": str(where.pk), "period": "2018-03", **fields}


def test_an_officer_changes_a_definition_and_the_old_text_is_kept_with_its_end_date(
    officer_client, officer, burglary
):
    url = f"{BURGLARY}definition/"
    officer_client.post(
        url, {"definition-text": "Burglary of homes.", "definition-valid_from": "01/04/2017"}
    )
    response = officer_client.post(
        url,
        {"definition-text": "Burglary of homes and sheds.", "definition-valid_from": "23/05/2018"},
        follow=True,
    )

    old, new = Definition.objects.filter(indicator=burglary).order_by("valid_from")
    assert (old.text, old.valid_from, old.valid_to) == (
        "Burglary of homes.",
        dt.date(2017, 4, 1),
        dt.date(2018, 5, 22),
    )
    assert (new.text, new.valid_to) == ("Burglary of homes and sheds.", None)
    assert new.history.first().history_user == officer
    assert old.history.first().history_user == officer
    page = _text(response)
    assert "The definition was saved." in page
    assert "From 1 April 2017 to 22 May 2018" in page
    assert "From 23 May 2018 (current)" in page
    assert page.index("Burglary of homes and sheds.") < page.index("Burglary of homes.<")


def test_a_definition_starting_before_the_current_one_is_refused_in_the_error_summary(
    officer_client, officer, burglary
):
    url = f"{BURGLARY}definition/"
    officer_client.post(url, {"definition-text": "First", "definition-valid_from": "01/04/2018"})

    response = officer_client.post(
        url, {"definition-text": "Too early", "definition-valid_from": "01/01/2018"}
    )

    assert response.status_code == 200
    page = _text(response)
    assert ERROR_SUMMARY in page
    assert '<a href="#id_definition-valid_from">The new definition must start after' in page
    assert "<title>Error: Burglary – PlanWatch</title>" in page
    assert list(burglary.definitions.values_list("text", flat=True)) == ["First"]


def test_an_officer_records_a_series_break_and_a_data_note(officer_client, officer, burglary):
    officer_client.post(
        f"{BURGLARY}break/",
        {"break-date": "23/05/2018", "break-reason": "A new crime recording system went live"},
    )
    response = officer_client.post(
        f"{BURGLARY}note/",
        {"note-text": "Counted from the street-level file.", "note-added": "01/10/2019"},
        follow=True,
    )

    item, note = burglary.breaks.get(), burglary.notes.get()
    assert (item.date, item.reason) == (
        dt.date(2018, 5, 23),
        "A new crime recording system went live",
    )
    assert (note.added, note.text) == (dt.date(2019, 10, 1), "Counted from the street-level file.")
    assert item.history.first().history_user == officer
    assert note.history.first().history_user == officer
    page = _text(response)
    assert "The data note was saved." in page
    assert "<strong>23 May 2018</strong>: A new crime recording system went live" in page
    assert "1 October 2019: Counted from the street-level file." in page


def test_a_second_break_on_the_same_day_is_refused(officer_client, officer, burglary):
    series_break_add(indicator=burglary, date=dt.date(2018, 5, 23), reason="First", by=officer)

    response = officer_client.post(
        f"{BURGLARY}break/", {"break-date": "23/05/2018", "break-reason": "Again"}
    )

    assert ERROR_SUMMARY in _text(response)
    assert "already has a series break on that day" in _text(response)
    assert list(burglary.breaks.values_list("reason", flat=True)) == ["First"]


def test_a_note_without_text_or_a_real_date_is_refused(officer_client, burglary):
    response = officer_client.post(
        f"{BURGLARY}note/", {"note-text": " ", "note-added": "31/02/2019"}
    )

    page = _text(response)
    assert '<a href="#id_note-text">Enter the data note</a>' in page
    assert "The date of the note must be a real date, for example 31/03/2020" in page
    assert not DataNote.objects.exists()


def test_an_unknown_change_is_not_found(officer_client, burglary):
    assert officer_client.post(f"{BURGLARY}themes/", {}).status_code == 404
    assert officer_client.post("/performance/indicators/no-such/note/", {}).status_code == 404


def test_an_officer_enters_a_figure_and_the_run_records_who(
    officer_client, officer, burglary, cambridge
):
    response = officer_client.post(
        NEW_FIGURE, _figure(burglary, cambridge, value="412"), follow=True
    )

    observation = Observation.objects.get()
    assert (observation.indicator, observation.area, observation.period) == (
        burglary,
        cambridge,
        "2018-03",
    )
    assert (observation.value, observation.starts, observation.ends) == (
        412,
        dt.date(2018, 3, 1),
        dt.date(2018, 3, 31),
    )
    assert (observation.written_by.kind, observation.written_by.by) == ("browser", officer)
    assert "Burglary for Cambridge in March 2018 was saved." in _text(response)


def test_entering_the_same_period_again_updates_the_figure(officer_client, burglary, cambridge):
    officer_client.post(NEW_FIGURE, _figure(burglary, cambridge, value="412"))
    officer_client.post(NEW_FIGURE, _figure(burglary, cambridge, value="398"))

    observation = Observation.objects.get()
    assert observation.value == 398
    assert observation.written_by.updated == 1


def test_a_proportion_keeps_its_numerator_and_denominator(
    officer_client, published_plan, cambridge
):
    share = Indicator.objects.get(code="charge-summons-share")
    figure = _figure(share, cambridge, period="2018-19-q1", value="7.9")
    officer_client.post(NEW_FIGURE, {**figure, "numerator": "118", "denominator": "1493.6"})

    observation = Observation.objects.get()
    assert (observation.period, observation.numerator, observation.denominator) == (
        "2018-19-q1",
        118,
        1493.6,
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": ""}, "value", "Enter the value"),
        ({"value": "lots"}, "value", "The value must be a number"),
        ({"value": "inf"}, "value", "The value must be a number"),
        ({"period": "2018-13", "value": "1"}, "period", "is not a real month"),
        ({"period": "", "value": "1"}, "period", "Enter the period"),
        ({"value": "1", "numerator": "5"}, "denominator", "Give both the numerator and"),
        (
            {"value": "1", "numerator": "5", "denominator": "0"},
            "denominator",
            "The denominator must be more than 0",
        ),
        ({"indicator": "", "value": "1"}, "indicator", "Select the indicator"),
    ],
)
def test_a_bad_figure_shows_the_error_summary_and_writes_nothing(
    officer_client, burglary, cambridge, fields, field, message
):
    response = officer_client.post(NEW_FIGURE, _figure(burglary, cambridge, **fields))

    assert response.status_code == 200
    page = _text(response)
    assert ERROR_SUMMARY in page
    assert f'<a href="#id_{field}">' in page
    assert message in page
    assert "<title>Error: Enter a figure – PlanWatch</title>" in page
    assert not Observation.objects.exists()
    assert not ImportRun.objects.exists()


def test_areas_that_share_a_name_are_told_apart_in_the_choice(officer_client, cambridge):
    page = _text(officer_client.get(NEW_FIGURE))

    assert ">Cambridge (local authority district)</option>" in page
    assert ">Cambridge (community safety partnership)</option>" in page
    assert ">Cambridgeshire (police force area)</option>" in page


@pytest.mark.parametrize("person", ["lead", "panel_member", "auditor"])
def test_only_opcc_staff_may_use_the_forms(client, request, person, burglary, cambridge):
    client.force_login(request.getfixturevalue(person))

    assert client.get(NEW_FIGURE).status_code == 403
    assert client.post(NEW_FIGURE, _figure(burglary, cambridge, value="1")).status_code == 403
    for what, data in [
        ("definition", {"definition-text": "No", "definition-valid_from": "01/04/2018"}),
        ("break", {"break-date": "01/04/2018", "break-reason": "No"}),
        ("note", {"note-text": "No", "note-added": "01/04/2018"}),
    ]:
        assert client.post(f"{BURGLARY}{what}/", data).status_code == 403
    assert "Change the definition" not in _text(client.get(BURGLARY))
    assert "Enter a figure" not in _text(client.get("/performance/indicators/"))
    assert not (Definition.objects.exists() or SeriesBreak.objects.exists())
    assert not (DataNote.objects.exists() or Observation.objects.exists())


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_forms(client, burglary, cambridge):
    response = client.get(NEW_FIGURE)
    assert response["Location"] == "/sign-in/?next=/performance/observations/new/"

    response = client.post(f"{BURGLARY}note/", {"note-text": "No", "note-added": "01/04/2018"})
    assert response["Location"] == "/sign-in/?next=/performance/indicators/crime-burglary/note/"
    assert not DataNote.objects.exists()


def test_the_example_import_file_downloads_with_the_columns_the_import_reads(client):
    response = client.get("/performance/observations/example.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="observations-example.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == ["indicator", "area", "period", "value", "numerator", "denominator"]
    assert len(rows) > 1


def test_the_list_shows_every_indicator_with_a_link_to_it(
    client, published_plan, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get("/performance/indicators/")

    page = _text(response)
    assert f'<a class="govuk-link" href="{BURGLARY}">Burglary</a>' in page
    assert page.count('href="/performance/indicators/') == Indicator.objects.count() == 5
    assert "Lower is better" in page
    assert "Enter a figure" not in page


def test_a_long_list_is_shown_a_page_at_a_time(officer_client, published_plan):
    theme = published_plan.themes.first()
    for number in range(60):
        indicator = Indicator.objects.create(
            code=f"extra-{number:02d}", name=f"Extra {number:02d}", unit="count"
        )
        indicator.themes.add(theme)

    first = _text(officer_client.get("/performance/indicators/"))
    second = _text(officer_client.get("/performance/indicators/?page=2"))

    assert first.count('<tr class="govuk-table__row">') == 1 + 50
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    assert second.count('<tr class="govuk-table__row">') == 1 + 65 - 50


def test_the_page_shows_the_indicator_its_breaks_and_notes_to_anyone(
    client, burglary, officer, django_assert_max_num_queries
):
    series_break_add(indicator=burglary, date=dt.date(2018, 5, 23), reason="New system", by=officer)
    data_note_add(
        indicator=burglary, text="Counted monthly.", added=dt.date(2019, 10, 1), by=officer
    )

    with django_assert_max_num_queries(6):
        response = client.get(BURGLARY)

    page = _text(response)
    assert '<h1 class="govuk-heading-l">Burglary</h1>' in page
    assert "Victims (Northmoor Police and Crime Plan 2017-20)" in page
    assert "<strong>23 May 2018</strong>: New system" in page
    assert "1 October 2019: Counted monthly." in page
    assert "No definition recorded yet." in page
    assert "<form" not in page.split("<main")[1].split("</main>")[0]


def test_user_text_is_escaped(officer_client, officer, burglary):
    attack = '<script>alert("x")</script>'
    data_note_add(indicator=burglary, text=attack, added=dt.date(2019, 10, 1), by=officer)
    series_break_add(indicator=burglary, date=dt.date(2018, 5, 23), reason=attack, by=officer)
    officer_client.post(
        f"{BURGLARY}definition/", {"definition-text": attack, "definition-valid_from": "01/04/2018"}
    )

    page = _text(officer_client.get(BURGLARY))

    assert attack not in page
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 3


def test_an_indicator_only_a_draft_plan_uses_is_hidden_as_the_draft_is(
    client, officer, published_plan, draft_plan
):
    secret = Indicator.objects.create(code="secret-measure", name="Secret measure", unit="count")
    secret.themes.add(draft_plan.themes.first())

    assert "Secret measure" not in _text(client.get("/performance/indicators/"))
    assert client.get("/performance/indicators/secret-measure/").status_code == 404
    assert draft_plan.title not in _text(client.get(BURGLARY))

    client.force_login(officer)
    assert "Secret measure" in _text(client.get("/performance/indicators/"))
    assert draft_plan.title in _text(client.get(BURGLARY))


def test_staff_find_the_indicators_in_the_navigation(client, officer, published_plan):
    link = 'class="govuk-service-navigation__link" href="/performance/indicators/"'
    assert link not in _text(client.get("/plans/"))

    client.force_login(officer)
    assert link in _text(client.get("/plans/"))
