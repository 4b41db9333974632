"""The public site, crawled as a visitor: from the home page, every link to a page on the site
is followed (pages, CSV, JSON and calendar files, each address once without its query string;
PDF, Word and Excel files are printed from the same data and are left out to keep the crawl
short). Nothing unpublished appears anywhere: a draft Plan, a variation in hand, a draft
update's commentary, a quarter not yet published, a private meeting, an unpublished audit or
grant, survey answers, in English or in Welsh (the header's language link leads to each page
under /cy/). Then one English page of every kind (each URL pattern), the Welsh home page and a
Welsh Delivery Plan pass axe in Chromium."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page

from tests.browser.pages import assert_accessible
from tests.public_crawl import crawl, is_page, language, route
from tests.unpublished import unpublished_beside_the_demo

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
DELIVERY_PLAN = "plans/<slug:slug>/delivery/<slug:period>/"


def test_a_visitor_finds_nothing_unpublished_and_every_page_is_accessible(
    page: Page, live_server, tmp_path
):
    call_command("demo", "--data", str(DATA), stdout=io.StringIO())
    secrets = unpublished_beside_the_demo(tmp_path)
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
