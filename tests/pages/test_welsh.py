"""The site in Welsh at /cy/: the interface is translated, the data is not, and every page has
a link to the same page in the other language."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from lxml import html

from tests.pages.summaries import summary_of
from tests.public_crawl import crawl, is_page, route

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
WELSH_MENU = ("Cynllun ar Dudalen", "Cynlluniau", "Cyfarfodydd", "Archwiliadau ac arolygiadau")
WELSH_FOOTER = ("Datganiad hygyrchedd", "Data agored", "Hysbysiad preifatrwydd")


def _language_link(page: str):
    (link,) = html.fromstring(page).xpath("//a[contains(@class, 'pw-header__language')]")
    return link


def _texts(page: str, path: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in html.fromstring(page).xpath(path)]


def test_the_welsh_home_page_has_a_welsh_menu_footer_and_summary(published_plan):
    page = Client().get("/cy/").content.decode()

    assert '<html lang="cy"' in page
    assert _texts(page, "//nav[@aria-label='Dewislen']//li")[:4] == list(WELSH_MENU)
    assert set(WELSH_FOOTER) <= set(_texts(page, "//footer//li"))
    assert "Neidio i’r prif gynnwys" in page
    assert summary_of(page).startswith("Dyma gynllun y Comisiynydd ar gyfer plismona")
    assert published_plan.title in page  # the Plan's own words stay as written


def test_an_english_page_stays_english(published_plan):
    page = Client().get("/").content.decode()

    assert '<html lang="en-GB"' in page
    assert summary_of(page).startswith("This is the Commissioner's plan for policing")


def test_the_language_link_leads_to_the_same_page_in_welsh_and_back(published_plan):
    client = Client()
    english = client.get("/plans/?page=1").content.decode()
    to_welsh = _language_link(english)
    assert to_welsh.get("href") == "/cy/plans/?page=1"
    assert (to_welsh.get("lang"), to_welsh.get("hreflang"), to_welsh.text) == (
        "cy",
        "cy",
        "Cymraeg",
    )

    welsh = client.get(to_welsh.get("href")).content.decode()
    to_english = _language_link(welsh)
    assert to_english.get("href") == "/plans/?page=1"
    assert (to_english.get("lang"), to_english.get("hreflang")) == ("en", "en")
    assert to_english.text == "English"


@pytest.mark.django_db
def test_every_public_page_answers_in_welsh():
    call_command("demo", "--data", str(DATA), stdout=io.StringIO())
    client = Client()
    english = {route(url) for url in crawl(client, languages=("en",))}
    welsh = crawl(client, "/cy/", languages=("cy",))

    assert {route(url) for url in welsh} == {f"cy/{pattern}" for pattern in english}
    for url, text in welsh.items():
        if is_page(text) and "<str:fmt>" not in route(url):  # printed documents stay English
            assert '<html lang="cy"' in text, url
            assert "Datganiad hygyrchedd" in text, url
            summary_of(text)
        elif url.endswith((".csv", ".json")):  # open data keeps its stable English
            assert text == client.get(url.removeprefix("/cy")).content.decode(), url
