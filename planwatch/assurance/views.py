"""The assurance pages: inspections with their s.55 response dates, and the two trackers
(agreed audit actions, inspection recommendations) with filters, counts and a spreadsheet."""

from __future__ import annotations

import io
from collections import Counter
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from planwatch.assurance.dates import days_left
from planwatch.assurance.models import Audit, Inspection, ScaleKind, ScaleLevel
from planwatch.assurance.selectors import (
    TRACKERS,
    Filters,
    TrackerRow,
    grade_history,
    tracker_rows,
)
from planwatch.assurance.states import Status
from planwatch.assurance.tracker_paper import build_tracker_paper
from planwatch.delivery.spreadsheet import defuse
from planwatch.papers.render import CONTENT_TYPES
from planwatch.papers.render import render as render_paper
from planwatch.permissions import allow

ROWS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _counts(rows: list[TrackerRow]) -> list[tuple[str, int]]:
    found = Counter(row.item.status for row in rows)
    return [(label, found[value]) for value, label in Status.choices]


@require_GET
@allow("assurance.read")
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    inspections = [
        (inspection, days_left(inspection.response_due, today))
        for inspection in Inspection.objects.all()
    ]
    trackers = [
        (slug, title, _counts(tracker_rows(slug, today))) for slug, title in TRACKERS.items()
    ]
    return render(
        request,
        "assurance/index.html",
        {
            "inspections": inspections,
            "audits": Audit.objects.select_related("assurance"),
            "grade_history": grade_history(),
            "trackers": trackers,
            "statuses": Status.choices,
        },
    )


def _filters(request: HttpRequest) -> Filters:
    status = request.GET.get("status") or None
    return Filters(
        priority=request.GET.get("priority") or None,
        status=status if status in Status.values else None,
        owner=(request.GET.get("owner") or "").strip() or None,
        overdue=request.GET.get("overdue") == "1",
    )


def _query(filters: Filters) -> str:
    values = {
        "priority": filters.priority,
        "status": filters.status,
        "owner": filters.owner,
        "overdue": "1" if filters.overdue else None,
    }
    return urlencode({key: value for key, value in values.items() if value})


@require_GET
@allow("assurance.read")
def tracker(request: HttpRequest, what: str) -> HttpResponse:
    if what not in TRACKERS:
        raise Http404("No such tracker")
    filters = _filters(request)
    rows = tracker_rows(what, timezone.localdate(), filters)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "assurance/tracker.html",
        {
            "what": what,
            "title": TRACKERS[what],
            "page": page,
            "counts": _counts(rows),
            "total": len(rows),
            "filters": filters,
            "query": _query(filters),
            "statuses": Status.choices,
            "priorities": ScaleLevel.objects.filter(kind=ScaleKind.PRIORITY),
        },
    )


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@require_GET
@allow("assurance.read")
def tracker_xlsx(request: HttpRequest, what: str) -> HttpResponse:
    """The tracker as filtered, as a workbook (text that looks like a formula stays text)."""
    if what not in TRACKERS:
        raise Http404("No such tracker")
    rows = tracker_rows(what, timezone.localdate(), _filters(request))
    book = Workbook()
    sheet = book.active
    sheet.title = TRACKERS[what][:31]
    sheet.append(
        [
            "Source",
            "Reference",
            "Priority or kind",
            "Recommendation",
            "Owner",
            "Status",
            "Original due",
            "Current due",
            "Slippage (days)",
            "Delivery Plan actions",
        ]
    )
    for row in rows:
        text = getattr(row.item, "recommendation", None) or getattr(row.item, "text", "")
        sheet.append(
            [
                defuse(row.source),
                defuse(row.item.reference),
                row.priority,
                defuse(text),
                defuse(row.owner),
                row.item.get_status_display(),
                _date(row.original_due),
                _date(row.current_due),
                row.slippage,
                "; ".join(row.links),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{what}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@allow("assurance.read")
def tracker_paper(request: HttpRequest, fmt: str) -> HttpResponse:
    """Both trackers as a paper for the Joint Audit Committee, as they are today."""
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    today = timezone.localdate()
    data = render_paper(build_tracker_paper(today), fmt, draft=True)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    name = f"{today.isoformat()}-audit-and-inspection-progress-draft.{fmt}"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
