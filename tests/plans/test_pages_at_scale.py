"""Readers' pages at scale: the list of Plans shows 25 a page, and the Plan on a Page and
the theme page make as many queries for a big Plan as for a small one."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.plans.models import Objective, Outcome, Plan, PlanStatus, Priority, Theme
from planwatch.plans.services import plan_create
from tests.plans.pages import _rows

# 10 for an officer, whose home page also lists the inspection responses falling due; one of
# them reads the Plan's versions, to show the one in force.
MAX_PLAN_ON_A_PAGE_QUERIES = 10


def _published_plans(count: int) -> None:
    Plan.objects.bulk_create(
        Plan(
            slug=f"plan-{number:02}",
            title=f"Plan {number:02}",
            area="Northmoor",
            force="northmoor",
            commissioner="Sam Okafor",
            starts=date(2000 + number, 4, 1),
            ends=date(2004 + number, 3, 31),
            status=PlanStatus.PUBLISHED,
        )
        for number in range(1, count + 1)
    )


def test_the_list_of_plans_shows_25_a_page_with_a_link_to_the_next(
    db, client, django_assert_max_num_queries
):
    _published_plans(30)

    with django_assert_max_num_queries(3):
        first = client.get("/plans/")

    html = first.content.decode()
    assert len(_rows(html)) == 25
    assert "Page 1 of 2" in html
    assert 'href="?page=2" rel="next"' in html
    assert 'rel="prev"' not in html
    assert _rows(html)[0][0] == "Plan 30"

    second = client.get("/plans/?page=2").content.decode()
    assert len(_rows(second)) == 5
    assert 'href="?page=1" rel="prev"' in second
    assert 'rel="next"' not in second


def _plan_of_size(slug: str, *, year: int, themes: int, objectives: int, priorities: int) -> Plan:
    plan = plan_create(
        by=None,
        slug=slug,
        title=f"Plan {slug}",
        area="Northmoor",
        force="northmoor",
        commissioner="Sam Okafor",
        starts=date(year, 4, 1),
        ends=date(year + 4, 3, 31),
        status=PlanStatus.PUBLISHED,
    )
    made = Theme.objects.bulk_create(
        Theme(plan=plan, order=n, name=f"Theme {n}", aim=f"Aim {n}") for n in range(themes)
    )
    Outcome.objects.bulk_create(
        Outcome(theme=theme, order=n, text=f"Outcome {n}") for theme in made for n in range(3)
    )
    made = Objective.objects.bulk_create(
        Objective(theme=theme, order=n, text=f"Objective {n}")
        for theme in made
        for n in range(objectives)
    )
    Priority.objects.bulk_create(
        Priority(objective=objective, order=n, text=f"Priority {n}")
        for objective in made
        for n in range(priorities)
    )
    return plan


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "officer"])
def test_the_plan_on_a_page_makes_as_many_queries_for_a_big_plan_as_a_small_one(
    signed_in, client, officer
):
    if signed_in:
        client.force_login(officer)
    small = _plan_of_size("small", year=2017, themes=1, objectives=1, priorities=1)
    small_counts = [_queries(client, small.get_absolute_url()), _queries(client, "/")]
    # The big Plan starts later, so it becomes the one the home page shows.
    big = _plan_of_size("big", year=2021, themes=12, objectives=10, priorities=5)
    assert "Theme 11" in client.get("/").content.decode()
    big_counts = [_queries(client, big.get_absolute_url()), _queries(client, "/")]

    assert small_counts == big_counts
    assert max(big_counts) <= MAX_PLAN_ON_A_PAGE_QUERIES


def test_the_theme_page_makes_as_many_queries_for_a_big_theme_as_a_small_one(db, client):
    small = _plan_of_size("small", year=2017, themes=1, objectives=1, priorities=1)
    big = _plan_of_size("big", year=2021, themes=1, objectives=30, priorities=10)
    counts = [
        _queries(client, f"/plans/{plan.slug}/themes/{plan.themes.get().pk}/")
        for plan in (small, big)
    ]
    assert counts[0] == counts[1] <= MAX_PLAN_ON_A_PAGE_QUERIES
