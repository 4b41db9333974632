"""The performance data pack: a Plan's indicators for a month or quarter, theme by theme."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from planwatch.delivery.quarters import Quarter, parse_quarter, quarter_containing
from planwatch.performance.display import data_pack_view
from planwatch.performance.periods import Period, parse_period
from planwatch.performance.selectors import (
    DataPack,
    NoArea,
    area_for,
    data_pack,
    latest_month_with_data,
)
from planwatch.permissions import allow
from planwatch.plans.models import Plan
from planwatch.plans.selectors import plan_for
from planwatch.reporting.data_pack import CONTENT_TYPES, data_pack_filename, render_data_pack

STANDALONE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _period(slug: str) -> Period:
    try:
        period = parse_period(slug)
    except ValueError:
        raise Http404("No such period") from None
    if period.slug != slug:
        raise Http404("No such period")
    return period


def _pack(request: HttpRequest, plan: Plan, period: Period) -> DataPack | None:
    try:
        area, areas = area_for(plan, request.GET.get("area"))
    except NoArea:
        return None
    return data_pack(plan=plan, period=period, area=area, areas=areas)


def _neighbours(period: Period, plan: Plan) -> list[tuple[str, Period]]:
    """Links to the periods either side within the Plan's years, and from a month to its
    quarter."""
    if period.is_quarter:
        quarter = parse_quarter(period.slug)
        before = (
            Quarter(quarter.year - 1, 4)
            if quarter.number == 1
            else Quarter(quarter.year, quarter.number - 1)
        )
        candidates = [
            (_("Quarter before"), before.slug),
            (_("Quarter after"), quarter.next().slug),
        ]
    else:
        first = period.starts
        candidates = [
            (
                _("Month before"),
                f"{first.year - (first.month == 1)}-{(first.month - 2) % 12 + 1:02d}",
            ),
            (_("Month after"), f"{first.year + (first.month == 12)}-{first.month % 12 + 1:02d}"),
            (_("The whole quarter"), quarter_containing(first).slug),
        ]
    links = []
    for text, slug in candidates:
        try:
            other = parse_period(slug)
        except ValueError:  # beyond the years PlanWatch holds
            continue
        if plan.starts <= other.starts and other.ends <= plan.ends:
            links.append((text, other))
    return links


@require_GET
@allow("performance.view")
def data_pack_latest(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    latest = latest_month_with_data(plan)
    if latest is None:
        return render(request, "performance/no_data.html", {"plan": plan})
    return redirect("performance:data-pack", slug=plan.slug, period=latest.slug)


@require_GET
@allow("performance.view")
def data_pack_page(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    found = _period(period)
    pack = _pack(request, plan, found)
    if pack is None:
        return render(request, "performance/no_data.html", {"plan": plan, "period": found})
    query = "" if pack.area.is_force else "?" + urlencode({"area": pack.area.code})
    return render(
        request,
        "performance/data_pack.html",
        {
            "plan": plan,
            "view": data_pack_view(pack),
            "pack": pack,
            "query": query,
            "neighbours": _neighbours(found, plan),
            "formats": CONTENT_TYPES,
        },
    )


@require_GET
@allow("performance.view")
def data_pack_download(request: HttpRequest, slug: str, period: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    plan = plan_for(request.user, slug)
    pack = _pack(request, plan, _period(period))
    if pack is None:
        raise Http404("No area for this Plan's force")
    response = HttpResponse(render_data_pack(pack, fmt), content_type=CONTENT_TYPES[fmt])
    if fmt == "html":
        # The standalone document carries its own style sheet and no script.
        response["Content-Security-Policy"] = STANDALONE_POLICY
    else:
        response["Content-Disposition"] = f'attachment; filename="{data_pack_filename(pack, fmt)}"'
    return response
