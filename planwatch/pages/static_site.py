"""The public site as static files (`planwatch export-static DIR`).

The site is read as a signed-out visitor reads it: from the home page, every link to a public
page, document or data file is followed, in English and in Welsh. Each address becomes a file
(``/plans/x/`` -> ``plans/x/index.html``, ``?page=2`` -> ``index_page-2.html``) and links
between them become relative, so any web server, a CDN or a folder on disk can serve the copy.
Links to what a static copy cannot hold (signing in, the API, search forms) point at the live
site (``PLANWATCH_BASE_URL``).

The copy is made in a staging folder beside the target and only then moved in, file by file,
where the content differs; files an earlier export wrote that the site no longer has (a
withdrawn report, say) are removed. An export that fails leaves the target as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import os
import posixpath
import re
import shutil
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.db.models import Max, Min
from django.http.request import validate_host
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from planwatch.governance.months import Month
from planwatch.governance.selectors import meetings_visible_to

MANIFEST = ".planwatch-export.json"
STAGING = ".planwatch-export-staging"
LINK = re.compile(r'(\s(?:href|src|action)=")(/[^"]*)(")')
CSS_URL = re.compile(r'url\((["\']?)(/static/[^)"\']+)\1\)')
DOCUMENT = (".pdf", ".docx", ".xlsx", ".csv", ".json", ".ics", ".zip")
NOT_EXPORTED = {"accounts", "admin"}  # signing in and out: only the live site can
WELSH = "/cy/"
OFFICE = (".docx", ".xlsx")


class ExportError(Exception):
    """The public site could not be copied; the target folder was left as it was."""


@dataclass
class ExportReport:
    pages: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    files: dict[str, str] = field(default_factory=dict)  # relative path -> fingerprint
    addresses: dict[str, str] = field(default_factory=dict)  # address read -> relative path


def file_for(url: str) -> str:
    """The file (relative to the export folder) that holds the page at ``url``."""
    parts = urlsplit(url)
    path = posixpath.normpath(unquote(parts.path))
    if parts.path.endswith("/"):
        path = posixpath.join(path, "index.html")
    stem, ext = posixpath.splitext(path)
    if parts.query:
        stem = f"{stem}_{re.sub(r'[^A-Za-z0-9.]+', '-', unquote(parts.query)).strip('-')}"
    relative = (stem + (ext or ".html")).lstrip("/")
    if relative.startswith("..") or relative.startswith(".planwatch"):
        raise ExportError(f"{url}: not an address the copy can hold")
    return relative


def canonical(url: str) -> str:
    """Documents and data files are not translated: the Welsh pages link to the English ones."""
    if url.startswith(WELSH) and urlsplit(url).path.endswith(DOCUMENT):
        return url[len(WELSH) - 1 :]
    return url


class _Scope:
    """Which of the site's addresses the copy holds."""

    def __init__(self) -> None:
        public = meetings_visible_to(AnonymousUser()).aggregate(
            first=Min("starts"), last=Max("starts")
        )
        today = Month.of(timezone.localdate())
        first = Month.of(timezone.localtime(public["first"]).date()) if public["first"] else today
        last = Month.of(timezone.localtime(public["last"]).date()) if public["last"] else today
        self.months = (min(first, today), max(last, today))

    def __contains__(self, url: str) -> bool:
        path = urlsplit(url).path
        try:
            with translation.override(translation.get_language_from_path(path)):
                match = resolve(path)
        except Resolver404:
            return False
        if match.namespace in NOT_EXPORTED or path.startswith(("/api/", "/admin/", "/static/")):
            return False
        if match.url_name == "calendar-month":  # the calendar runs for ever both ways
            try:
                month = Month(match.kwargs["year"], match.kwargs["month"])
            except ValueError:
                return False
            return self.months[0] <= month <= self.months[1]
        return True


def _relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


class _Copier:
    def __init__(self, staging: Path, base_url: str, on_page: Callable[[str], None]) -> None:
        self.staging = staging
        self.base_url = base_url.rstrip("/")
        self.on_page = on_page
        host = urlsplit(self.base_url)
        if not validate_host(host.hostname or "", settings.ALLOWED_HOSTS):
            raise ExportError(
                f"the live site's address {self.base_url} is not one of PLANWATCH_ALLOWED_HOSTS "
                "(the copy's pages are read as if from it): add its host name or pass --base-url"
            )
        self.client = Client(HTTP_HOST=host.netloc or "localhost", secure=host.scheme == "https")
        self.scope = _Scope()
        self.report = ExportReport()
        self.linked_from: dict[str, str] = {}

    def copy(self) -> ExportReport:
        queue = deque(["/"])
        seen: set[str] = set()
        while queue:
            url = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            for link in self._fetch(url):
                if link not in seen:
                    self.linked_from.setdefault(link, url)
                    queue.append(link)
        for relative, source in _static_files():
            content = source.read_bytes()
            if relative.endswith(".css"):
                content = self._rewrite_css(f"static/{relative}", content)
            self._write(f"static/{relative}", content)
        return self.report

    def _fetch(self, url: str) -> list[str]:
        response = self.client.get(url)
        translation.deactivate()  # the next address chooses its own language
        self.report.pages += 1
        self.on_page(url)
        relative = file_for(url)
        self.report.addresses[url] = relative
        if response.status_code in (301, 302):
            target = canonical(urldefrag(response["Location"])[0])
            if target not in self.scope:
                raise ExportError(f"{url} sends visitors to {target}, which is not public")
            self._write(relative, _redirect_page(_relative(relative, file_for(target))))
            return [target]
        if response.status_code != 200:
            raise ExportError(
                f"{url} (linked from {self.linked_from.get(url, 'the home page')}) "
                f"answered {response.status_code}"
            )
        kind = response.get("Content-Type", "")
        if relative.endswith(".html") != kind.startswith("text/html"):
            raise ExportError(f"{url} is {kind}, which the copy cannot name")
        if not kind.startswith("text/html"):
            self._write(relative, response.content)
            return []
        page, links = self._rewrite_html(relative, response.content.decode())
        self._write(relative, page.encode())
        return links

    def _rewrite_html(self, relative: str, text: str) -> tuple[str, list[str]]:
        links: list[str] = []

        def swap(match: re.Match[str]) -> str:
            attribute, raw, end = match.groups()
            address, fragment = urldefrag(html.unescape(raw))
            suffix = f"#{fragment}" if fragment else ""
            if raw.startswith("//"):
                return match.group(0)
            if address.startswith("/static/"):
                target = address.split("?")[0].lstrip("/")
            elif ' action="' not in attribute and canonical(address) in self.scope:
                address = canonical(address)
                links.append(address)
                target = file_for(address)
            else:  # signing in, forms, the API: only the live site can answer
                return f"{attribute}{html.escape(self.base_url + address + suffix)}{end}"
            return f"{attribute}{html.escape(_relative(relative, target) + suffix)}{end}"

        return LINK.sub(swap, text), links

    def _rewrite_css(self, relative: str, content: bytes) -> bytes:
        def swap(match: re.Match[str]) -> str:
            quote, address = match.groups()
            return f"url({quote}{_relative(relative, address.lstrip('/'))}{quote})"

        return CSS_URL.sub(swap, content.decode()).encode()

    def _write(self, relative: str, content: bytes) -> None:
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.report.files[relative] = fingerprint(relative, content)


def _redirect_page(target: str) -> bytes:
    link = html.escape(target)
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={link}"><title>Moved</title></head>'
        f'<body><p><a href="{link}">This page has moved.</a></p></body></html>'
    ).encode()


def _static_files() -> Iterator[tuple[str, Path]]:
    seen: set[str] = set()
    for finder in finders.get_finders():
        for relative, storage in finder.list(["README*", "VERSION", "*.map"]):
            if relative not in seen and not relative.startswith("admin"):  # not for visitors
                seen.add(relative)
                yield relative.replace(os.sep, "/"), Path(storage.path(relative))


def fingerprint(relative: str, content: bytes) -> str:
    """What a file says: Word and Excel files also carry the moment they were made (in their
    properties and zip entries), which is not a change."""
    digest = hashlib.sha256()
    if relative.endswith(OFFICE):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in sorted(archive.namelist()):
                if name != "docProps/core.xml":
                    digest.update(name.encode() + b"\0" + archive.read(name))
    else:
        digest.update(content)
    return digest.hexdigest()


def export_static(
    target: Path, *, base_url: str | None = None, on_page: Callable[[str], None] = print
) -> ExportReport:
    """Copy the public site into ``target``, changing only the files whose content changed."""
    target = Path(target)
    manifest_path = target / MANIFEST
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not manifest_path.exists():
        raise ExportError(
            f"{target} is not empty and was not made by export-static: choose an empty folder, "
            "so that nothing of yours is overwritten or removed"
        )
    earlier = json.loads(manifest_path.read_text())["files"] if manifest_path.exists() else {}
    made_here = not target.exists()
    staging = target / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            report = _Copier(staging, base_url or settings.BASE_URL, on_page).copy()
        for relative, digest in report.files.items():
            if earlier.get(relative) == digest and (target / relative).is_file():
                report.unchanged += 1
                continue
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, target / relative)
            report.written += 1
        for relative in sorted(set(earlier) - set(report.files)):
            gone = target / relative
            gone.unlink(missing_ok=True)
            report.removed += 1
            _remove_empty_folders(gone.parent, target)
        manifest = {"made": dt.datetime.now(dt.UTC).isoformat(), "files": report.files}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        os.replace(staging / MANIFEST, manifest_path)
    except ExportError:
        if made_here:
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _remove_empty_folders(folder: Path, top: Path) -> None:
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
