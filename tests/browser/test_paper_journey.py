"""An officer prepares the Panel's paper on the delivery of the Plan from its agenda item,
edits its purpose paragraph, previews it and publishes it (the worker prints it in the background)
and assembles the agenda pack; a signed-out visitor then downloads the paper and the pack from
the meeting's page. Every page on the way is accessible, the coloured RAG cells too."""

from __future__ import annotations

import subprocess

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from planwatch.papers.models import PaperVersion
from tests.browser.pages import assert_accessible, sign_in
from tests.papers.conftest import agenda_item, panel_meeting, reported_plan  # noqa: F401
from tests.papers.monitoring import CURRENT


def _run_worker() -> None:
    """`planwatch worker --batch`: runs what the pages queued, then stops."""
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _pdf_text(path) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PURPOSE = (
    "To tell the Panel how the Plan's actions stood at the end of September, and why V1.2 is Red."
)


def test_an_officer_prepares_and_publishes_the_paper_and_the_public_downloads_it(
    page: Page,
    browser,
    live_server,
    officer,
    reported_plan,  # noqa: F811 (the fixture of tests/papers/conftest.py)
    agenda_item,  # noqa: F811
):
    base = live_server.url
    meeting = (
        f"{base}/governance/{agenda_item.meeting.body.slug}/meetings/{agenda_item.meeting.pk}/"
    )

    sign_in(page, base, officer)
    page.goto(meeting)
    page.get_by_role("link", name="Prepare the paper for item 7").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prepare the paper")
    assert_accessible(page)
    page.get_by_label("Period", exact=True).fill(CURRENT)
    page.get_by_label("Contact officer").fill("Dana Grey")
    page.get_by_role("button", name="Save the paper").click()
    expect(page.get_by_text("The paper was made.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Edit the narrative").click()
    purpose = page.get_by_label("1. Purpose")
    expect(purpose).not_to_have_value("")
    assert_accessible(page)
    purpose.fill(PURPOSE)
    page.get_by_role("button", name="Save the narrative").click()
    expect(page.get_by_text("The narrative was saved.")).to_be_visible()

    page.get_by_role("link", name="Preview the draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Monitoring the delivery")
    expect(page.get_by_text(PURPOSE)).to_be_visible()
    expect(page.locator("td.rag-red").first).to_have_text("Red")
    assert_accessible(page)

    page.get_by_role("link", name="Back to the paper").click()
    page.get_by_role("link", name="Publish the paper").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish").click()
    # Publishing prints the paper in the background: the page follows the job until the
    # worker has done it, then says so without being reloaded.
    expect(page.locator("[data-job-label]")).to_have_text("Waiting to start…")
    assert_accessible(page)
    _run_worker()
    expect(page.get_by_text("Version 1 was published.")).to_be_visible()
    expect(page.locator("[data-job-label]")).to_have_text("Ready")
    assert_accessible(page)

    page.goto(meeting)
    page.get_by_role("button", name="Assemble the agenda pack").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The agenda pack")
    _run_worker()
    expect(page.get_by_role("link", name="Download the agenda pack")).to_be_visible()

    visitor = browser.new_context()
    try:
        public = visitor.new_page()
        public.goto(meeting)
        expect(public.get_by_role("link", name="Open the paper")).to_have_count(0)
        assert_accessible(public)
        with public.expect_download() as download:
            public.get_by_role("link", name="PDF version 1").click()
        stored = PaperVersion.objects.get().file("pdf")
        with open(download.value.path(), "rb") as handle:
            assert handle.read() == stored
        assert download.value.suggested_filename.endswith("-v1.pdf")
        with public.expect_download() as download:
            public.get_by_role("link", name="Download the agenda pack (PDF)").click()
        pack = _pdf_text(download.value.path())
        assert pack.index("Agenda pack") < pack.index(PURPOSE[:40])
    finally:
        visitor.close()
