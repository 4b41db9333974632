"""An action's page lists its updates by quarter with the direction of travel of each."""

from __future__ import annotations

from django.test import Client

from planwatch.delivery.models import PeriodState
from planwatch.delivery.selectors import action_updates


def _publish(period):
    from planwatch.delivery.services import period_advance

    period_advance(period=period, to=PeriodState.IN_REVIEW, by=None)
    period_advance(period=period, to=PeriodState.PUBLISHED, by=None)


def test_each_published_update_shows_its_direction_against_the_quarter_before(
    q1, q2, led_action, make_update, make_period
):
    make_update(led_action, q2, "R", commentary="Supplier failed.")
    _publish(q2)
    q3 = make_period("2018-19-q3")
    make_update(led_action, q3, "G", commentary="Recovered.")
    _publish(q3)

    directions = [
        (u.period.slug, u.rag.code, d.value if d else None)
        for u, d in action_updates(action=led_action, include_unapproved=False)
    ]

    assert directions == [
        ("2018-19-q3", "G", "improving"),
        ("2018-19-q2", "R", "deteriorating"),
        ("2018-19-q1", "G", "new"),
    ]
    page = Client().get(f"/plans/{led_action.plan.slug}/actions/{led_action.reference}/")
    text = page.content.decode()
    assert "Improving" in text and "Deteriorating" in text
    assert text.index("Recovered.") < text.index("Supplier failed.")


def test_a_missed_quarter_makes_the_next_status_new(q1, q2, other_action, make_period, make_update):
    _publish(q2)  # other_action has no update in q2
    q3 = make_period("2018-19-q3")
    make_update(other_action, q3, "A", commentary="Still behind.")
    _publish(q3)

    newest, _ = action_updates(action=other_action, include_unapproved=False)

    assert newest[0].period.slug == "2018-19-q3"
    assert newest[1].value == "new"


def test_the_public_does_not_see_an_update_awaiting_review(q1, q2, led_action, make_update):
    make_update(led_action, q2, "A", state="submitted", commentary="Secret draft words")

    page = Client().get(f"/plans/{led_action.plan.slug}/actions/{led_action.reference}/")

    assert "Secret draft words" not in page.content.decode()
    assert [u.period.slug for u, _ in action_updates(action=led_action, include_unapproved=True)][
        0
    ] == "2018-19-q2"


def test_the_officers_list_of_actions_is_paginated(published_plan, make_action, officer):
    for number in range(1, 56):
        make_action(f"X{number}")
    client = Client()
    client.force_login(officer)

    first = client.get(f"/plans/{published_plan.slug}/actions/").content.decode()
    second = client.get(f"/plans/{published_plan.slug}/actions/?page=2").content.decode()

    assert first.count('class="govuk-table__row"') == 51  # the header row and 50 actions
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert second.count('class="govuk-table__row"') == 6
