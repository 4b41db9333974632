"""An officer records a grant and imports a survey in the browser; every grants and
consultation page they pass, and the public's register and "You said, we did", pass axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from planwatch.grants.services import schemes_ensure_default
from tests.browser.pages import assert_accessible, sign_in
from tests.consultation.exports import HEADER, rows, write_csv

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_grants_and_consultation_pages_in_the_browser(
    page: Page, browser, live_server, officer, published_plan, tmp_path
):
    schemes_ensure_default(by=None)  # a browser test's database starts empty
    base = live_server.url
    sign_in(page, base, officer)
    page.goto(base + "/grants/")
    assert_accessible(page)
    page.get_by_role("link", name="Record a grant").click()
    page.get_by_label("Scheme").select_option(label="Victims' services")
    page.get_by_label("Reference").fill("VS-2018-01")
    page.get_by_label("Recipient").fill("Northmoor Victim Care")
    page.get_by_label("Purpose").fill("Independent domestic violence advisers")
    page.get_by_label("Amount (£)").fill("118500")
    page.get_by_label("Start date").fill("01/04/2018")
    page.get_by_label("End date").fill("31/03/2019")
    page.locator(".govuk-checkboxes__input[name=objectives]").first.check()
    page.get_by_label("Show in the public grants register").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the grant").click()
    expect(page.get_by_text("Grant VS-2018-01 was saved.")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "/consultation/surveys/import/")
    assert_accessible(page)
    page.get_by_label("Name of the survey").fill("Plan survey")
    page.get_by_label("The export (CSV or XLSX)").set_input_files(
        str(write_csv(tmp_path / "export.csv", rows(300)))
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("300 responses imported.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=HEADER[7]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADER[7])
    assert_accessible(page)

    visitor = browser.new_context()
    try:
        public = visitor.new_page()
        public.goto(base + "/")
        public.get_by_role("link", name="Grants register").click()
        expect(public.get_by_role("table")).to_contain_text("Northmoor Victim Care")
        assert_accessible(public)
        public.get_by_role("link", name="You said, we did").click()
        expect(public.get_by_role("heading", level=1)).to_have_text("You said, we did")
        assert_accessible(public)
    finally:
        visitor.close()
