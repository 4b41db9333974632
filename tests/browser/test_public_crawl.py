"""The public site, crawled as a visitor: from the home page, every link to a page on the site
is followed (pages, CSV, JSON and calendar files, each address once without its query string;
PDF, Word and Excel files are printed from the same data and are left out to keep the crawl
short). Nothing unpublished appears anywhere: a draft Plan, a variation in hand, a draft
update's commentary, a quarter not yet published, a private meeting, an unpublished audit or
grant, survey answers, in English or in Welsh (the header's language link leads to each page
under /cy/). Then one English page of every kind (each URL pattern), the Welsh home page and a
Welsh Delivery Plan pass axe in Chromium."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page

from planwatch.consultation.services import survey_import
from planwatch.delivery.models import PeriodState, RagStatus
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import period_create, update_save
from planwatch.plans import lifecycle
from planwatch.plans.models import Plan
from planwatch.plans.services import part_update, plan_create
from tests.browser.pages import assert_accessible
from tests.consultation.exports import rows, write_csv
from tests.public_crawl import crawl, is_page, language, route

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
DELIVERY_PLAN = "plans/<slug:slug>/delivery/<slug:period>/"


def _unpublished(tmp: Path) -> list[str]:
    """Put unpublished material of every kind beside the demo; the texts that must not show."""
    plan = Plan.objects.get(status="published")
    plan_create(
        by=None,
        slug="secret-draft",
        title="Secret draft Plan 2030",
        area="Northmoor",
        force="northmoor",
        commissioner="Someone",
        starts=dt.date(2030, 4, 1),
        ends=dt.date(2034, 3, 31),
    )
    lifecycle.variation_start(plan=plan, reason="Unpublished variation reason", by=None)
    objective = plan.themes.first().objectives.first()
    part_update(part=objective, by=None, text="Secret variation objective text")

    open_period = plan.periods.get(state=PeriodState.OPEN)
    action = plan.actions.order_by("reference").first()
    update_save(
        action=action,
        period=open_period,
        rag=RagStatus.objects.filter(plan=plan).first(),
        commentary="Secret draft commentary not yet reviewed",
        by=None,
        submit=False,
    )
    future = plan.periods.filter(state=PeriodState.PLANNED).first()
    if future is None:  # the first quarter of the Plan without a period yet
        have = set(plan.periods.values_list("slug", flat=True))
        slug = next(
            f"{year}-{(year + 1) % 100:02d}-q{q}"
            for year in range(plan.starts.year, plan.ends.year)
            for q in (1, 2, 3, 4)
            if f"{year}-{(year + 1) % 100:02d}-q{q}" not in have
        )
        future = period_create(plan=plan, quarter=parse_quarter(slug), by=None)
    survey_import(path=write_csv(tmp / "s.csv", rows(50)), name="Secret survey", by=None)
    return [
        "Secret draft Plan 2030",
        "Secret variation objective text",
        "Unpublished variation reason",
        "Secret draft commentary not yet reviewed",
        f"/delivery/{open_period.slug}/",
        f"/delivery/{future.slug}/",  # a quarter not yet published
        "Private meeting with the auditors",
        "IA-2018-03",  # the demo's audits are not published
        "Moorside Community Safety Partnership",  # the demo's unpublished grant
        "Secret survey",
        "The 101 service takes too long",  # a free-text answer
    ]


def test_a_visitor_finds_nothing_unpublished_and_every_page_is_accessible(
    page: Page, live_server, tmp_path
):
    call_command("demo", "--data", str(DATA), stdout=io.StringIO())
    secrets = _unpublished(tmp_path)
    pages = crawl(Client())  # in English and, through the language link, in Welsh

    assert len(pages) > 50  # the crawl reached the site, not just the home page
    assert any(language(url) == "cy" for url in pages)
    for url, text in pages.items():
        for secret in secrets:
            assert secret not in url and secret not in text, f"{secret!r} shows at {url}"
    assert any("/grants/register" in url for url in pages)
    assert any("/consultation/you-said-we-did/" in url for url in pages)

    kinds: dict[str, str] = {}  # one English address of each URL pattern
    for url, text in sorted(pages.items()):
        if is_page(text) and language(url) == "en":
            kinds.setdefault(route(url), url)
    welsh = [  # the Welsh pages share their templates: the home page and a Delivery Plan
        "/cy/",
        next(url for url in sorted(pages) if route(url) == f"cy/{DELIVERY_PLAN}"),
    ]
    for path in [*sorted(kinds.values()), *welsh]:
        page.goto(live_server.url + path)
        assert_accessible(page)
