"""Papers as files: a published version's stored bytes, exactly as published, for anyone who
may read it; and the response every paper file (draft or published) is sent in."""

from __future__ import annotations

import base64
import hashlib

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from planwatch.papers.models import Paper, PaperVersion
from planwatch.papers.render import CONTENT_TYPES, standalone_policy
from planwatch.papers.selectors import version_for
from planwatch.permissions import allow


def filename(paper: Paper, fmt: str, version: PaperVersion | None) -> str:
    """For example 2018-09-12-police-and-crime-panel-item-7-monitoring-the-delivery-v1.pdf."""
    when = timezone.localtime(paper.meeting.starts).date().isoformat() if paper.meeting else ""
    item = f"item-{paper.agenda_number}" if paper.agenda_number else ""
    title = version.title if version else str(paper)
    parts = [when, paper.body.slug, item, slugify(title)[:60].strip("-")]
    suffix = f"v{version.number}" if version else "draft"
    return "-".join(part for part in (*parts, suffix) if part) + f".{fmt}"


def file_response(
    data: bytes, fmt: str, paper: Paper, version: PaperVersion | None
) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(paper, fmt, version)}"'
    digest = hashlib.sha256(data).digest()
    response["Repr-Digest"] = f"sha-256=:{base64.b64encode(digest).decode('ascii')}:"
    if fmt == "html":
        # The standalone document carries its own style sheet and no script.
        response["Content-Security-Policy"] = standalone_policy(data.decode("utf-8"))
    if version is not None:
        response["ETag"] = f'"{version.file_sha256(fmt)}"'
        response["Cache-Control"] = "public, max-age=3600"
    else:
        response["Cache-Control"] = "no-store"
    return response


@require_GET
@allow("paper.read")
def version_download(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    """A published version's file: the bytes stored when it was published, never made again."""
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    version = version_for(request.user, pk, number)
    return file_response(version.file(fmt), fmt, version.paper, version)
