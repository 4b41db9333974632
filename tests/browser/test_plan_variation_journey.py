"""An officer varies the published Plan: starts a variation, changes an objective, compares
the versions, completes the statutory checklist and publishes; the public then reads the new
text and the old version stays readable. axe finds nothing on any page passed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from planwatch.plans.models import PlanVersion
from tests.browser.pages import assert_accessible, sign_in
from tests.plans.fixtures import publish
from tests.plans.test_checklist import record_all_but_steps

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]
OLD = "Improve support for victims"
NEW = "Improve support for victims and witnesses of crime"


def test_an_officer_varies_the_plan_and_the_public_reads_the_new_version(
    page: Page,
    browser,
    live_server,
    officer,
    draft,
):
    publish(draft, officer)
    base = live_server.url
    sign_in(page, base, officer)
    page.goto(base + "/plans/northmoor-2021/")
    page.get_by_role("link", name="Versions of this Plan").click()
    assert_accessible(page)
    page.get_by_label("What the variation changes and why").fill("Witnesses join the victims theme")
    page.get_by_role("button", name="Start a variation").click()
    expect(page.get_by_text("Version 2 was started as a draft.")).to_be_visible()

    objective = draft.themes.get().objectives.get()
    page.goto(f"{base}/plans/northmoor-2021/objectives/{objective.pk}/edit/")
    page.get_by_label("Objective").fill(NEW)
    page.get_by_role("button", name="Save").click()

    page.goto(base + "/plans/northmoor-2021/versions/")
    page.get_by_role("link", name="Compare two versions").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text(OLD)
    expect(table).to_contain_text(NEW)
    assert_accessible(page)

    # Most of the checklist was recorded as the variation was prepared; the last entry and the
    # steps are recorded here.
    version = PlanVersion.objects.get(plan=draft, number=2)
    record_all_but_steps(version, officer)
    version.evidence.filter(requirement="regard-spr").delete()
    page.goto(base + "/plans/northmoor-2021/versions/2/checklist/")
    expect(page.get_by_text("5 requirements not met yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Requirement").select_option("regard-spr")
    page.get_by_label("A document").check()
    page.get_by_label("Where or what").fill("Strategic Policing Requirement 2015, section 2")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_text("Recorded.")).to_be_visible()

    page.goto(base + "/plans/northmoor-2021/versions/")
    for step, note in (
        ("Out for comment", "Sent to the Chief Constable and partners"),
        ("With the Panel", "Panel, 3 February 2022"),
        ("Approved", "BCB decision 2022/02"),
    ):
        page.get_by_label(step, exact=True).check()
        page.get_by_label("Date").fill("01/02/2022")
        page.get_by_label("Note").fill(note)
        page.get_by_role("button", name="Record the step").click()
        expect(page.get_by_text(f"Version 2 is now {step.lower()}.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Published", exact=True).check()
    page.get_by_label("Date").fill("01/03/2022")
    page.get_by_role("button", name="Record the step").click()
    expect(page.get_by_text("Version 2 is now published.")).to_be_visible()

    visitor = browser.new_context()
    try:
        public = visitor.new_page()
        public.goto(base + "/plans/northmoor-2021/")
        expect(public.locator(".pw-plan-on-a-page")).to_contain_text(NEW)
        expect(public.get_by_text("Version 2, in force from 1 March 2022")).to_be_visible()
        assert_accessible(public)
        public.goto(base + "/plans/northmoor-2021/versions/1/")
        expect(public.locator(".pw-plan-on-a-page")).to_contain_text(OLD)
        expect(public.locator(".pw-plan-on-a-page")).not_to_contain_text(NEW)
        expect(public.get_by_text("This version has been varied.")).to_be_visible()
        assert_accessible(public)
    finally:
        visitor.close()
