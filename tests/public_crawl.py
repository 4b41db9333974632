"""The public site as a visitor finds it: from a start page, every link to a page on the site is
followed (pages, CSV, JSON and calendar files, each address once without its query string; PDF,
Word and Excel files are printed from the same data and are left out to keep the crawl short)."""

from __future__ import annotations

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

HREF = re.compile(r'href="([^"]+)"')
TEXT_TYPES = ("text/html", "text/csv", "application/json", "text/calendar")
SKIP = ("/admin/", "/sign-in/", "/sign-out/", "/static/", "/cy/sign-in/", "/cy/sign-out/")
BINARY = (".pdf", ".docx", ".xlsx", ".zip")
MAX_PAGES = 1500
PER_ROUTE = 60  # an address pattern with endless pages (the calendar's months) is cut short


def route(url: str) -> str:
    """The URL pattern an address matches (the address itself when none does); a Welsh
    address's pattern begins with cy/."""
    try:
        with translation.override("cy" if language(url) == "cy" else "en-gb"):
            return resolve(url).route
    except Resolver404:
        return url


def is_page(text: str) -> bool:
    """Whether a crawled text is an HTML page (not CSV, JSON or a calendar)."""
    return text.startswith("<!DOCTYPE")


def language(url: str) -> str:
    """The language of the page at an address: Welsh under /cy/, otherwise English."""
    return "cy" if url.startswith("/cy/") else "en"


def crawl(
    client: Client, start: str = "/", *, languages: tuple[str, ...] = ("en", "cy")
) -> dict[str, str]:
    """Every same-site address reachable from `start` in one of `languages` (the header's
    language link leads from each English page to its Welsh one and back), with its text
    (when text)."""
    seen: dict[str, str] = {}
    visits: Counter[str] = Counter()
    queue = deque([start])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or visits[route(url)] >= PER_ROUTE:
            continue
        visits[route(url)] += 1
        response = client.get(url)
        assert response.status_code in (200, 302), f"{url}: {response.status_code}"
        content_type = response.get("Content-Type", "")
        text = response.content.decode() if content_type.startswith(TEXT_TYPES) else ""
        seen[url] = text
        if response.status_code == 302:
            queue.append(urlsplit(response["Location"]).path)
            continue
        if content_type.startswith("text/html"):
            for href in HREF.findall(text):
                if not href.startswith("/") or href.startswith("//"):  # another site
                    continue
                link = urlsplit(urldefrag(href.replace("&amp;", "&"))[0]).path
                if (
                    link.startswith("/")
                    and language(link) in languages
                    and not link.startswith(SKIP)
                    and not link.endswith(BINARY)
                    and link not in seen
                ):
                    queue.append(link)
    routes = Counter(route(url) for url in seen)
    assert len(seen) < MAX_PAGES, f"the crawl did not finish: {routes.most_common(8)}"
    return seen
