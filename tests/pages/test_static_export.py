"""`planwatch export-static`: the public site as files that `python -m http.server` serves with
no broken link and the same content as the live pages; a re-run changes only what changed."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from planwatch.assurance.models import Inspection
from planwatch.assurance.services import publish_set
from planwatch.pages.static_site import ExportError, export_static, file_for
from tests.unpublished import unpublished_beside_the_demo

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
LIVE = "https://plan.example.org"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _live_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "plan.example.org"]


class _Page(HTMLParser):
    """The links of a page, and the text of its <main> (what a reader reads)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._in_main = 0

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
        if tag == "main" or self._in_main:
            self._in_main += 1

    def handle_endtag(self, tag):
        if self._in_main:
            self._in_main -= 1

    def handle_data(self, data):
        if self._in_main and data.strip():
            self.text.append(data.strip())


def _read(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """The export folder served by Python's own web server; yields (folder, base address)."""
    folder = tmp_path / "site"
    port = _free_port()
    folder.mkdir()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1).close()  # noqa: S310
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    yield folder, base
    server.terminate()
    server.wait()


def _link_check(base: str) -> tuple[set[str], list[str]]:
    """Follow every link on the served copy from its home page: the addresses read, the broken."""
    seen: set[str] = set()
    broken: list[str] = []
    queue = deque([(base + "index.html", "start")])
    while queue:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310
                kind = answer.headers.get("Content-Type", "")
                body = answer.read()
        except urllib.error.HTTPError as error:
            broken.append(f"{url} (from {source}): {error.code}")
            continue
        if kind.startswith("text/html"):
            for link in _read(body.decode()).links:
                target = urldefrag(urljoin(url, link))[0]
                if target.startswith(base):
                    queue.append((target, url))
    return seen, broken


def test_the_copy_has_no_broken_link_and_says_what_the_live_site_says(served):
    folder, base = served
    call_command("demo", "--data", str(DATA), stdout=io.StringIO())
    secrets = unpublished_beside_the_demo(folder.parent)
    report = export_static(folder, base_url=LIVE, on_page=lambda url: None)
    for path in folder.rglob("*"):  # nothing unpublished in any file's name or text
        text = path.read_text() if path.suffix in (".html", ".csv", ".json", ".ics") else ""
        name = "/" + path.relative_to(folder).as_posix()
        assert not [secret for secret in secrets if secret in text or secret in name], name

    read, broken = _link_check(base)
    assert broken == []
    assert len(read) > 100  # pages, documents and data files, in English and Welsh
    assert base + "cy/index.html" in read
    assert any(url.endswith(".csv") for url in read) and any(url.endswith(".pdf") for url in read)

    client = Client(HTTP_HOST="plan.example.org", secure=True)
    compared = 0
    for url, relative in report.addresses.items():
        if not relative.endswith((".html", ".csv", ".json")):
            continue  # Word, Excel and PDF files are made from the same data as the pages
        live = client.get(url)
        if live.status_code != 200:  # a redirect: the copy holds a page that forwards
            continue
        copy = (folder / relative).read_bytes()
        if relative.endswith(".html"):
            assert _read(copy.decode()).text == _read(live.content.decode()).text, url
        else:
            assert copy == live.content, url
        compared += 1
    assert compared > 100
    for home in ("index.html", "cy/index.html"):  # signing in is on the live site
        assert re.search(f'href="{LIVE}(/cy)?/sign-in/', (folder / home).read_text())


def test_a_second_run_rewrites_nothing_and_a_withdrawn_report_leaves_the_copy(tmp_path):
    call_command("demo", "--data", str(DATA), stdout=io.StringIO())
    folder = tmp_path / "site"
    first = export_static(folder, base_url=LIVE, on_page=lambda url: None)
    assert first.written == len(first.files) and first.unchanged == 0
    inspection = Inspection.objects.get(published=True)
    page = file_for(reverse("assurance:inspection", args=[inspection.reference]))
    assert (folder / page).exists()
    listing = folder / file_for("/assurance/published/")
    before = {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}

    again = export_static(folder, base_url=LIVE, on_page=lambda url: None)
    assert (again.written, again.removed) == (0, 0)
    assert again.unchanged == len(first.files)

    publish_set(record=inspection, published=False, by=None)
    third = export_static(folder, base_url=LIVE, on_page=lambda url: None)
    assert not (folder / page).exists()
    assert inspection.reference not in listing.read_text()
    assert third.removed >= 1 and 0 < third.written < len(first.files) / 4
    after = {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}
    untouched = [path for path in after if path in before and after[path] == before[path]]
    assert len(untouched) >= len(after) - third.written - 1  # only the manifest besides


def test_a_folder_not_made_by_the_export_is_refused_and_left_as_it_was(tmp_path, published_plan):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    with pytest.raises(ExportError, match="not empty"):
        export_static(folder, base_url=LIVE, on_page=lambda url: None)
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]

    with pytest.raises(CommandError, match="left as it was"):
        call_command("export_static", str(folder / "notes.txt"), "--no-progress")


def test_a_live_address_the_site_would_refuse_is_explained(tmp_path, published_plan):
    with pytest.raises(ExportError, match="PLANWATCH_ALLOWED_HOSTS"):
        export_static(tmp_path / "site", base_url="https://elsewhere.example", on_page=print)
    assert not (tmp_path / "site").exists()


def test_the_command_reports_what_it_wrote(tmp_path, published_plan):
    out = io.StringIO()
    call_command(
        "export_static", str(tmp_path / "site"), "--no-progress", f"--base-url={LIVE}", stdout=out
    )
    assert "written" in out.getvalue() and "0 removed" in out.getvalue()
    assert (tmp_path / "site" / "index.html").read_text().startswith("<!DOCTYPE html>")
    assert (tmp_path / "site" / "static" / "planwatch" / "planwatch.css").exists()
    assert not (tmp_path / "site" / "static" / "admin").exists()


@pytest.mark.parametrize(
    ("url", "relative"),
    [
        ("/", "index.html"),
        ("/plans/x/", "plans/x/index.html"),
        ("/plans/x/?page=2", "plans/x/index_page-2.html"),
        ("/data/plans.csv", "data/plans.csv"),
        ("/cy/plans/x/", "cy/plans/x/index.html"),
    ],
)
def test_each_address_has_its_own_file(url, relative):
    assert file_for(url) == relative


def test_an_address_cannot_climb_out_of_the_folder():
    assert file_for("/../../etc/passwd") == "etc/passwd.html"


def test_the_links_of_a_page_are_relative(tmp_path, published_plan):
    folder = tmp_path / "site"
    export_static(folder, base_url=LIVE, on_page=lambda url: None)
    home = (folder / "index.html").read_text()
    assert 'href="static/planwatch/planwatch.css"' in home
    assert 'href="cy/index.html"' in home
    accessibility = (folder / "accessibility" / "index.html").read_text()
    assert 'href="../index.html"' in accessibility
    assert urlsplit(LIVE).netloc in accessibility  # the sign-in link
