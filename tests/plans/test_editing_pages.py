"""An officer changes the Plan through its pages: adding, refusing, renaming and removing
its parts and starting a new Plan; the history says who made each change, and text an
officer types is shown escaped."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils.text import Truncator

from planwatch.plans.models import Objective, Outcome, Plan, PlanStatus, Priority, Theme
from tests.plans.pages import _rows, _text

KIND_MODEL = {"themes": Theme, "outcomes": Outcome, "objectives": Objective, "priorities": Priority}


@pytest.fixture
def victims(published_plan: Plan) -> Theme:
    return published_plan.themes.get(name="Victims")


@pytest.fixture
def signed_in_officer(client, officer):
    client.force_login(officer)
    return client


def _section(html: str, theme: Theme) -> str:
    """The Plan on a Page's section for one theme."""
    found = re.search(rf'aria-labelledby="theme-{theme.pk}">(.*?)</section>', html, re.S)
    assert found, f"No section for {theme.name}"
    return found.group(1)


def _control(html: str, field_id: str) -> str:
    """The opening tag of the form control with this id."""
    found = re.search(rf'<(?:input|textarea|select)\b[^>]*\bid="{field_id}"[^>]*>', html)
    assert found, f"No control {field_id}"
    return found.group(0)


def _parent(kind: str, theme: Theme) -> Theme | Objective | None:
    """Where a new part of this kind goes: nowhere for a theme, else the theme or an objective."""
    return {"themes": None, "priorities": theme.objectives.first()}.get(kind, theme)


def _add_url(plan: Plan, kind: str, parent: Theme | Objective | None = None) -> str:
    under = f"under/{parent.pk}/" if parent is not None else ""
    return f"/plans/{plan.slug}/{kind}/new/{under}"


def test_an_officer_adds_a_theme_that_appears_on_the_plan_on_a_page(
    signed_in_officer, published_plan
):
    response = signed_in_officer.post(
        _add_url(published_plan, "themes"), {"name": "Roads", "aim": "Fewer people hurt on roads"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/plans/{published_plan.slug}/contents/"
    theme = published_plan.themes.get(name="Roads")
    assert theme.order == 4
    page = signed_in_officer.get(published_plan.get_absolute_url()).content.decode()
    assert "Fewer people hurt on roads" in _section(page, theme)
    theme_page = signed_in_officer.get(f"/plans/{published_plan.slug}/themes/{theme.pk}/")
    assert '<h1 class="govuk-heading-l">Roads</h1>' in theme_page.content.decode()


@pytest.mark.parametrize("kind", ["outcomes", "objectives"])
def test_an_officer_adds_an_outcome_or_objective_that_appears_under_its_theme(
    kind, signed_in_officer, published_plan, victims
):
    text = f"A new {kind[:-1]} for victims"
    response = signed_in_officer.post(_add_url(published_plan, kind, victims), {"text": text})

    assert response.status_code == 302
    assert KIND_MODEL[kind].objects.filter(theme=victims, text=text).exists()
    page = signed_in_officer.get(published_plan.get_absolute_url()).content.decode()
    assert text in _section(page, victims)
    theme_page = signed_in_officer.get(f"/plans/{published_plan.slug}/themes/{victims.pk}/")
    assert text in theme_page.content.decode()


def test_an_officer_adds_a_priority_that_appears_on_the_theme_page(
    signed_in_officer, published_plan, victims
):
    objective = victims.objectives.first()
    text = "Answer every call from a victim within a day"
    response = signed_in_officer.post(
        _add_url(published_plan, "priorities", objective), {"text": text}
    )

    assert response.status_code == 302
    assert objective.priorities.filter(text=text).exists()
    theme_page = signed_in_officer.get(f"/plans/{published_plan.slug}/themes/{victims.pk}/")
    after_objective = theme_page.content.decode().split(objective.text, 1)[1]
    assert text in after_objective.split("<h3", 1)[0]


def test_the_success_message_follows_the_redirect(signed_in_officer, published_plan, victims):
    response = signed_in_officer.post(
        _add_url(published_plan, "objectives", victims), {"text": "Something new"}, follow=True
    )
    assert "The objective was added." in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "field"),
    [("themes", "name"), ("outcomes", "text"), ("objectives", "text"), ("priorities", "text")],
)
def test_an_empty_part_is_refused_with_the_govuk_error_pattern(
    kind, field, signed_in_officer, published_plan, victims
):
    parent = _parent(kind, victims)
    before = KIND_MODEL[kind].objects.count()

    response = signed_in_officer.post(
        _add_url(published_plan, kind, parent), {field: "  ", "aim": "An aim"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: ", html)
    assert 'class="govuk-error-summary"' in html
    assert f'<a href="#id_{field}">' in html
    assert f'<p id="id_{field}-error" class="govuk-error-message">' in html
    control = _control(html, f"id_{field}")
    assert f"id_{field}-error" in re.search(r'aria-describedby="([^"]*)"', control).group(1)
    assert 'aria-invalid="true"' in control
    assert KIND_MODEL[kind].objects.count() == before


@pytest.mark.parametrize(
    ("kind", "title", "field"),
    [
        ("themes", "Add a theme", "name"),
        ("outcomes", "Add a shared outcome", "text"),
        ("objectives", "Add an objective", "text"),
        ("priorities", "Add a priority for action", "text"),
    ],
)
def test_a_new_part_form_has_a_plain_title_and_no_errors(
    kind, title, field, signed_in_officer, published_plan, victims
):
    parent = _parent(kind, victims)
    html = signed_in_officer.get(_add_url(published_plan, kind, parent)).content.decode()
    assert f"<title>{title} – PlanWatch</title>" in html
    assert f'<h1 class="govuk-heading-l">{title}</h1>' in html
    assert "govuk-error-summary" not in html
    assert "id_" + field + "-error" not in _control(html, f"id_{field}")


def test_a_theme_name_already_in_the_plan_is_refused(signed_in_officer, published_plan):
    response = signed_in_officer.post(
        _add_url(published_plan, "themes"), {"name": " victims ", "aim": "Another aim"}
    )

    assert response.status_code == 200
    assert "This Plan already has a theme with that name" in response.content.decode()
    assert published_plan.themes.filter(name__iexact="victims").count() == 1


def test_renaming_a_theme_to_its_own_name_is_allowed(signed_in_officer, published_plan, victims):
    response = signed_in_officer.post(
        f"/plans/{published_plan.slug}/themes/{victims.pk}/edit/",
        {"name": "Victims", "aim": "A clearer aim"},
    )
    assert response.status_code == 302
    victims.refresh_from_db()
    assert victims.aim == "A clearer aim"


NEW_PLAN = {
    "title": "Northmoor Police and Crime Plan 2024-28",
    "slug": "northmoor-2024-28",
    "area": "Northmoor",
    "force": "northmoor",
    "commissioner": "Sam Okafor",
    "starts": "01/04/2024",
    "ends": "31/03/2028",
    "status": PlanStatus.DRAFT,
}


def test_an_officer_starts_a_new_plan(signed_in_officer):
    response = signed_in_officer.post("/plans/new/", NEW_PLAN)

    assert response.status_code == 302
    assert response["Location"] == "/plans/northmoor-2024-28/contents/"
    plan = Plan.objects.get(slug="northmoor-2024-28")
    assert (plan.starts, plan.ends) == (date(2024, 4, 1), date(2028, 3, 31))


def test_a_plan_that_ends_before_it_starts_is_refused_on_the_end_date(signed_in_officer):
    response = signed_in_officer.post("/plans/new/", NEW_PLAN | {"ends": "31/03/2024"})

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: ", html)
    assert '<a href="#id_ends">The end date must be after the start date</a>' in html
    assert '<p id="id_ends-error" class="govuk-error-message">' in html
    assert 'aria-describedby="id_ends-hint id_ends-error"' in _control(html, "id_ends")
    assert "id_starts-error" not in html
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("kind", "label", "removes_too"),
    [
        ("themes", "theme", "its shared outcomes, objectives and priorities for action"),
        ("outcomes", "shared outcome", None),
        (
            "objectives",
            "objective",
            "its priorities for action (actions under it stay under the theme)",
        ),
        ("priorities", "priority for action", None),
    ],
)
def test_removing_a_part_asks_first_then_removes_it_on_post(
    kind, label, removes_too, signed_in_officer, published_plan, victims
):
    part = {
        "themes": victims,
        "outcomes": victims.outcomes.first(),
        "objectives": victims.objectives.filter(priorities__isnull=False).first(),
        "priorities": Priority.objects.filter(objective__theme=victims).first(),
    }[kind]
    url = f"/plans/{published_plan.slug}/{kind}/{part.pk}/remove/"

    asked = signed_in_officer.get(url)

    page = _text(asked.content.decode())
    assert asked.status_code == 200
    assert f"Remove this {label}?" in page
    assert str(part) in page
    if removes_too:
        assert f"This also removes {removes_too}." in page
    else:
        assert "This also removes" not in page
    assert KIND_MODEL[kind].objects.filter(pk=part.pk).exists()

    removed = signed_in_officer.post(url)

    assert removed.status_code == 302
    assert removed["Location"] == f"/plans/{published_plan.slug}/contents/"
    assert not KIND_MODEL[kind].objects.filter(pk=part.pk).exists()


def test_removing_an_objective_removes_its_priorities(signed_in_officer, published_plan, victims):
    objective = victims.objectives.filter(priorities__isnull=False).first()
    signed_in_officer.post(f"/plans/{published_plan.slug}/objectives/{objective.pk}/remove/")
    assert not Priority.objects.filter(objective_id=objective.pk).exists()


def test_the_history_lists_each_change_with_the_officer_who_made_it(
    signed_in_officer, published_plan, victims
):
    slug = published_plan.slug
    priority = Priority.objects.filter(objective__theme=victims).first()
    signed_in_officer.post(_add_url(published_plan, "objectives", victims), {"text": "Listen"})
    signed_in_officer.post(
        f"/plans/{slug}/themes/{victims.pk}/edit/", {"name": "Victims and witnesses", "aim": "Aim"}
    )
    signed_in_officer.post(f"/plans/{slug}/priorities/{priority.pk}/remove/")

    response = signed_in_officer.get(f"/plans/{slug}/history/")

    assert response.status_code == 200
    rows = _rows(response.content.decode())
    by_olu = [row[1:] for row in rows if row[1] == "Olu"]
    assert by_olu == [
        ["Olu", "Removed priority for action", Truncator(priority.text).chars(120)],
        ["Olu", "Changed theme: aim, name", "Victims and witnesses"],
        ["Olu", "Added objective", "Listen"],
    ]
    assert rows[3][1] == "System (command line)"


def test_the_history_keeps_who_made_each_change_in_the_database(
    signed_in_officer, officer, published_plan, victims
):
    signed_in_officer.post(_add_url(published_plan, "outcomes", victims), {"text": "Recorded"})
    record = Outcome.history.get(text="Recorded")
    assert record.history_user == officer
    assert record.history_type == "+"


SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_text_an_officer_types_is_shown_escaped_everywhere(
    signed_in_officer, published_plan, victims
):
    signed_in_officer.post(_add_url(published_plan, "objectives", victims), {"text": SCRIPT})
    slug = published_plan.slug

    for url in [
        f"/plans/{slug}/",
        "/",
        f"/plans/{slug}/themes/{victims.pk}/",
        f"/plans/{slug}/contents/",
        f"/plans/{slug}/history/",
    ]:
        html = signed_in_officer.get(url).content.decode()
        assert SCRIPT not in html, url
        assert ESCAPED in html, url
