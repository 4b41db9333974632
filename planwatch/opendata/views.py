"""The open data page and the files: every public table as CSV and as JSON."""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from planwatch.delivery.spreadsheet import defuse
from planwatch.language import in_english
from planwatch.opendata.datasets import DATASETS
from planwatch.permissions import allow

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@require_GET
@allow("page.public")
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/index.html",
        {"datasets": DATASETS.values(), "licence": LICENCE, "licence_url": LICENCE_URL},
    )


@require_GET
@allow("page.public")
@in_english  # the files are the same at /cy/data/...
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    dataset = DATASETS.get(slug)
    if dataset is None or fmt not in ("csv", "json"):
        raise Http404("No such dataset")
    rows = list(dataset.rows())
    if fmt == "json":
        body = {
            "dataset": dataset.slug,
            "title": dataset.title,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "columns": list(dataset.columns),
            "rows": rows,
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json"
        )
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=dataset.columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: defuse(v) if isinstance(v, str) else v for k, v in row.items()})
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    return response
