"""The update workflow through the test client: a Lead writes an update, an officer
reviews it, moves the quarter on, adds quarters and amends a published update."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from planwatch.delivery.models import PeriodState, ReportingPeriod, Update, UpdateState
from planwatch.plans.models import Plan
from tests.delivery import builders
from tests.delivery.pages import _text, _update_url, signed_in


def _error_summary(html: str) -> str:
    found = re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>\s*</div>', html, re.S)
    assert found, "No error summary on the page"
    return _text(found.group(0))


@pytest.fixture
def as_lead(client, lead) -> Client:
    return signed_in(lead, client)


@pytest.fixture
def as_officer(officer) -> Client:
    return signed_in(officer)


def test_a_red_update_without_commentary_is_refused_and_nothing_is_saved(
    as_lead, led_action, q2, rag
):
    response = as_lead.post(
        _update_url(led_action, q2), {"rag": rag["R"].pk, "commentary": "  ", "submit": "1"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "Explain why the action is Red" in _error_summary(html)
    assert '<a href="#id_commentary">Explain why the action is Red.</a>' in html
    assert '<p id="id_commentary-error" class="govuk-error-message">' in html
    assert not Update.objects.filter(action=led_action, period=q2).exists()


def test_a_change_of_status_needs_commentary_even_to_a_better_one(as_lead, led_action, q2, rag):
    response = as_lead.post(
        _update_url(led_action, q2), {"rag": rag["C"].pk, "commentary": "", "submit": "1"}
    )

    assert "Explain the change from Green to Complete" in _error_summary(response.content.decode())
    assert not Update.objects.filter(action=led_action, period=q2).exists()


def test_a_status_must_be_chosen(as_lead, led_action, q2):
    response = as_lead.post(_update_url(led_action, q2), {"commentary": "Done", "submit": "1"})

    assert "Choose a status" in _error_summary(response.content.decode())
    assert not Update.objects.filter(action=led_action, period=q2).exists()


def test_a_lead_saves_a_draft_then_submits_it(as_lead, lead, led_action, q2, rag):
    url = _update_url(led_action, q2)

    response = as_lead.post(url, {"rag": rag["A"].pk, "commentary": "", "draft": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/my-actions/"
    draft = Update.objects.get(action=led_action, period=q2)
    assert (draft.state, draft.rag, draft.submitted_at) == (UpdateState.DRAFT, rag["A"], None)
    my_actions = as_lead.get("/my-actions/").content.decode()
    assert "The update for V1.1 was saved as a draft." in my_actions
    assert "Revise the update" in my_actions

    form = as_lead.get(url).content.decode()
    assert re.search(rf'value="{rag["A"].pk}" checked', form)

    response = as_lead.post(
        url, {"rag": rag["A"].pk, "commentary": "Recruitment is behind plan.", "submit": "1"}
    )

    assert response["Location"] == "/my-actions/"
    submitted = Update.objects.get(pk=draft.pk)
    assert submitted.state == UpdateState.SUBMITTED
    assert submitted.commentary == "Recruitment is behind plan."
    assert submitted.submitted_by == lead
    assert (
        "The update for V1.1 was submitted for review."
        in as_lead.get("/my-actions/").content.decode()
    )
    locked = as_lead.get(url).content.decode()
    assert "This update is awaiting review; it cannot be changed now." in locked
    assert '<form method="post" novalidate>' not in locked


def test_an_officer_writing_an_update_is_led_back_to_the_action_not_to_my_actions(
    as_officer, led_action, q2
):
    html = as_officer.get(_update_url(led_action, q2)).content.decode()

    back = re.search(r'<a href="([^"]*)" class="govuk-back-link">([^<]*)</a>', html)
    assert back.groups() == (f"/plans/{led_action.plan.slug}/actions/V1.1/", "Back to the action")


def test_a_submitted_update_cannot_be_changed_by_posting_again(as_lead, led_action, q2, rag):
    builders.written(led_action, q2, "A", "Behind plan.")

    response = as_lead.post(
        _update_url(led_action, q2), {"rag": rag["G"].pk, "commentary": "Fine", "submit": "1"}
    )

    assert "awaiting review and cannot be changed now" in _error_summary(response.content.decode())
    assert Update.objects.get(action=led_action, period=q2).rag == rag["A"]


@pytest.fixture
def submitted(led_action, q2) -> Update:
    return builders.written(led_action, q2, "A", "Recruitment is behind plan.")


def test_the_review_queue_lists_a_submitted_update_with_its_old_and_new_status(
    as_officer, submitted
):
    html = as_officer.get("/review/").content.decode()

    assert "1 update awaits review." in html
    row = re.search(r'<tbody class="govuk-table__body">(.*?)</tbody>', html, re.S).group(1)
    assert f'href="/review/{submitted.pk}/"' in row
    assert re.search(r"^V1\.1 .* Green Amber .* by Lee$", _text(row))


def test_an_officer_approves_an_update(as_officer, officer, submitted):
    page = as_officer.get(f"/review/{submitted.pk}/").content.decode()
    assert f'action="/review/{submitted.pk}/approve/"' in page
    assert "Recruitment is behind plan." in page

    response = as_officer.post(f"/review/{submitted.pk}/approve/", follow=True)

    assert response.redirect_chain == [("/review/", 302)]
    assert "The update for V1.1 was approved." in response.content.decode()
    submitted.refresh_from_db()
    assert (submitted.state, submitted.reviewed_by) == (UpdateState.APPROVED, officer)


def test_approving_an_update_twice_shows_an_error_banner(as_officer, submitted):
    as_officer.post(f"/review/{submitted.pk}/approve/")

    response = as_officer.post(f"/review/{submitted.pk}/approve/", follow=True)

    assert "Only a submitted update can be reviewed; this one is approved." in _error_summary(
        response.content.decode()
    )


def test_an_officer_returns_an_update_with_a_reason_the_lead_then_sees(
    as_officer, officer, submitted, lead
):
    response = as_officer.post(
        f"/review/{submitted.pk}/", {"decision": "return", "reason": "Add this quarter's figures."}
    )

    assert response["Location"] == "/review/"
    submitted.refresh_from_db()
    assert submitted.state == UpdateState.RETURNED
    assert submitted.return_reason == "Add this quarter's figures."
    assert submitted.reviewed_by == officer

    as_lead = Client()
    as_lead.force_login(lead)
    my_actions = as_lead.get("/my-actions/").content.decode()
    assert "1 returned to you" in my_actions
    assert "Returned Reason: Add this quarter's figures." in _text(my_actions)
    assert "Revise the update" in my_actions
    form = as_lead.get(_update_url(submitted.action, submitted.period)).content.decode()
    assert "Returned for changes: Add this quarter's figures." in _text(form)


def test_returning_an_update_without_a_reason_is_refused(as_officer, submitted):
    response = as_officer.post(f"/review/{submitted.pk}/", {"decision": "return", "reason": " "})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the reason for returning it" in _error_summary(html)
    assert '<a href="#id_reason">' in html
    submitted.refresh_from_db()
    assert submitted.state == UpdateState.SUBMITTED


def _next_step(html: str, period: ReportingPeriod) -> tuple[str, str, str]:
    """The form that moves this period on: its address, its hidden "to" and its button text."""
    found = re.search(
        rf'<form method="post" action="([^"]*/periods/{period.slug}/advance/)">.*?'
        r'name="to" value="([a-z_]+)">.*?<button[^>]*>(.*?)</button>',
        html,
        re.S,
    )
    assert found, f"No button to move {period.slug} on"
    return found.group(1), found.group(2), _text(found.group(3))


def _press(client: Client, plan: Plan, period: ReportingPeriod, expected_button: str):
    page = client.get(f"/plans/{plan.slug}/periods/").content.decode()
    action, to, button = _next_step(page, period)
    assert button == f"{expected_button} {period.label}"
    return client.post(action, {"to": to}, follow=True)


def test_an_officer_moves_a_quarter_on_with_the_buttons_until_it_is_locked(
    as_officer, published_plan, make_period
):
    period = make_period("2018-19-q3", state=PeriodState.PLANNED)

    for button, state in [
        ("Open for updates", PeriodState.OPEN),
        ("Close for review", PeriodState.IN_REVIEW),
        ("Publish", PeriodState.PUBLISHED),
    ]:
        response = _press(as_officer, published_plan, period, button)
        period.refresh_from_db()
        assert period.state == state
        assert f"{period.label} is now {state.label.lower()}." in response.content.decode()

    assert period.published_at is not None
    row = re.search(
        rf"<tr[^>]*>\s*<td[^>]*><a[^>]*>{re.escape(period.label)}.*?</tr>",
        as_officer.get(f"/plans/{published_plan.slug}/periods/").content.decode(),
        re.S,
    )
    assert "Locked" in _text(row.group(0))


def test_publishing_is_refused_while_an_update_awaits_review(
    as_officer, published_plan, submitted, q2
):
    _press(as_officer, published_plan, q2, "Close for review")

    response = _press(as_officer, published_plan, q2, "Publish")

    assert "1 update(s) still await review" in _error_summary(response.content.decode())
    q2.refresh_from_db()
    assert (q2.state, q2.published_at) == (PeriodState.IN_REVIEW, None)

    as_officer.post(f"/review/{submitted.pk}/approve/")
    _press(as_officer, published_plan, q2, "Publish")
    q2.refresh_from_db()
    assert q2.state == PeriodState.PUBLISHED


def test_an_officer_adds_a_quarter_and_a_bad_one_is_refused(as_officer, published_plan, rag):
    url = f"/plans/{published_plan.slug}/periods/"

    bad = as_officer.post(url, {"quarter": "2018-q9", "update_deadline": ""})
    added = as_officer.post(url, {"quarter": "2019-20-q1", "update_deadline": ""}, follow=True)

    assert "is not a quarter written like 2018-19-q1" in _error_summary(bad.content.decode())
    assert "Q1 2019/20 (April to June 2019) was added." in added.content.decode()
    period = published_plan.periods.get()
    assert (period.slug, period.update_deadline) == ("2019-20-q1", dt.date(2019, 7, 14))


def test_amending_a_published_update_needs_a_reason_which_the_record_then_shows(
    as_officer, led_action, q1, rag
):
    url = f"/plans/{led_action.plan.slug}/actions/V1.1/updates/{q1.slug}/amend/"
    update = Update.objects.get(action=led_action, period=q1)
    versions = update.history.count()
    correction = {"rag": rag["A"].pk, "commentary": "Recruitment is behind plan."}

    refused = as_officer.post(url, {**correction, "reason": ""})

    assert "Enter the reason for changing a published update" in _error_summary(
        refused.content.decode()
    )
    update.refresh_from_db()
    assert (update.rag, update.history.count()) == (rag["G"], versions)

    response = as_officer.post(url, {**correction, "reason": "The lead sent the wrong status."})

    assert response["Location"] == f"/plans/{led_action.plan.slug}/actions/V1.1/"
    update.refresh_from_db()
    assert (update.rag, update.commentary) == (rag["A"], "Recruitment is behind plan.")
    record = as_officer.get(f"/plans/{led_action.plan.slug}/actions/V1.1/record/")
    newest = _text(
        re.search(r"<tbody[^>]*>\s*<tr[^>]*>(.*?)</tr>", record.content.decode(), re.S).group(1)
    )
    assert "Olu" in newest
    assert f"Changed the update for {q1.label}" in newest
    assert "Amended after publication: The lead sent the wrong status." in newest
    assert (
        "<strong>commentary</strong>: Work is progressing as planned. → Recruitment is behind plan."
        in record.content.decode()
    )


def test_only_a_published_update_can_be_amended(as_officer, led_action, q2, rag):
    update = builders.written(led_action, q2, "A", "Behind plan.")
    url = f"/plans/{led_action.plan.slug}/actions/V1.1/updates/{q2.slug}/amend/"

    assert as_officer.get(url).status_code == 404
    response = as_officer.post(url, {"rag": rag["G"].pk, "commentary": "Fine", "reason": "Why"})

    assert response.status_code == 404
    update.refresh_from_db()
    assert (update.rag, update.state) == (rag["A"], UpdateState.SUBMITTED)


def test_the_record_shows_a_changed_status_by_its_label(as_officer, led_action, q1, rag):
    url = f"/plans/{led_action.plan.slug}/actions/V1.1/updates/{q1.slug}/amend/"
    as_officer.post(url, {"rag": rag["A"].pk, "commentary": "Behind.", "reason": "Wrong status"})

    record = as_officer.get(f"/plans/{led_action.plan.slug}/actions/V1.1/record/")

    assert re.search(r"<strong>\w+</strong>: Green → Amber", record.content.decode())
