"""Every public page says in plain English, under its heading, what it is and what the reader
can do with it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import textstat
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client, RequestFactory

from planwatch.pages.views import forbidden, server_error
from tests.pages.summaries import summary_of
from tests.public_crawl import crawl, is_page, route

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
PLAIN = 60  # Flesch reading ease: plain English


def _error_pages(client: Client) -> dict[str, str]:
    """The pages a visitor sees when something goes wrong, and the sign-in page."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return {
        "404": client.get("/no-such-page/").content.decode(),
        "403": forbidden(request).content.decode(),
        "500": server_error(request).content.decode(),
        "sign-in": client.get("/sign-in/").content.decode(),
    }


@pytest.mark.django_db
def test_every_public_page_has_one_plain_summary_under_its_heading():
    call_command("demo", "--data", str(DATA), stdout=io.StringIO())
    client = Client()
    pages = {
        url: text
        for url, text in crawl(client, languages=("en",)).items()
        # the printed Appendix 1 and data pack are documents, not pages of the site
        if is_page(text) and "<str:fmt>" not in route(url)
    }
    assert len(pages) > 30
    pages |= _error_pages(client)

    for url, text in pages.items():
        summary = summary_of(text)
        score = textstat.flesch_reading_ease(summary)
        assert score >= PLAIN, f"{url}: {summary!r} reads at {score}"
