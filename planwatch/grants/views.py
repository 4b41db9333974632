"""Grants: the officers' list with totals, a grant's page with its monitoring returns, and
the public register (page, CSV, XLSX) of what the Specified Information Order asks for."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import Workbook

from planwatch.delivery.spreadsheet import defuse
from planwatch.governance.forms import put_errors
from planwatch.grants import services
from planwatch.grants.forms import GrantForm, ReturnForm, ReturnStateForm, SchemeForm
from planwatch.grants.models import Grant, MonitoringReturn, Scheme
from planwatch.grants.selectors import grants, totals
from planwatch.permissions import allow
from planwatch.plans.selectors import newest_plan

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGISTER = ("Recipient", "Amount (£)", "Purpose", "Conditions", "Scheme", "From", "To")


def _grant(pk: int) -> Grant:
    found = Grant.objects.select_related("scheme").filter(pk=pk).first()
    if found is None:
        raise Http404("No such grant")
    return found


@require_GET
@allow("grants.read")
def index(request: HttpRequest) -> HttpResponse:
    scheme = request.GET.get("scheme", "")
    year = request.GET.get("year", "") or None
    rows = grants(scheme=int(scheme) if scheme.isdecimal() else None, year=year)
    every_year = sorted(
        {
            Grant(starts=day).financial_year
            for day in Grant.objects.values_list("starts", flat=True)
        },
        reverse=True,
    )
    return render(
        request,
        "grants/index.html",
        {
            "page": Paginator(rows, PER_PAGE).get_page(request.GET.get("page")),
            "totals": totals(rows),
            "schemes": Scheme.objects.all(),
            "years": every_year,
            "chosen": {"scheme": scheme, "year": year or ""},
            "query": urlencode({k: v for k, v in (("scheme", scheme), ("year", year)) if v}),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@allow("grants.manage")
def grant_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    grant = Grant() if pk is None else _grant(pk)
    form = GrantForm(request.POST or None, instance=grant, plan=newest_plan())
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data[name] for name in form.Meta.fields if name != "objectives"
        }
        try:
            grant = services.grant_save(
                grant=grant, by=request.user, objectives=form.cleaned_data["objectives"], **fields
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, f"Grant {grant.reference} was saved.")
            return redirect("grants:grant", pk=grant.pk)
    return render(request, "grants/grant_form.html", {"form": form, "grant": grant})


def _grant_page(request: HttpRequest, grant: Grant, form: ReturnForm) -> HttpResponse:
    return render(
        request,
        "grants/grant.html",
        {
            "grant": grant,
            "objectives": grant.objectives.select_related("theme"),
            "returns": grant.returns.all(),
            "today": timezone.localdate(),
            "return_form": form,
        },
    )


@require_GET
@allow("grants.read")
def grant_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _grant_page(request, _grant(pk), ReturnForm())


@require_POST
@allow("grants.manage")
def return_add(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        services.return_add(grant=grant, by=request.user, **form.cleaned_data)
        messages.success(request, "The return was added.")
        return redirect("grants:grant", pk=grant.pk)
    return _grant_page(request, grant, form)


@require_http_methods(["GET", "POST"])
@allow("grants.manage")
def return_state(request: HttpRequest, pk: int) -> HttpResponse:
    item = MonitoringReturn.objects.select_related("grant").filter(pk=pk).first()
    if item is None:
        raise Http404("No such return")
    initial = {"state": item.state, "on": item.received_on, "note": item.note}
    form = ReturnStateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_set_state(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, f"{item.title} is now {item.get_state_display().lower()}.")
            return redirect("grants:grant", pk=item.grant_id)
    return render(request, "grants/return_form.html", {"form": form, "item": item})


@require_http_methods(["GET", "POST"])
@allow("grants.manage")
def scheme_add(request: HttpRequest) -> HttpResponse:
    form = SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.scheme_save(scheme=Scheme(), by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The scheme was added.")
            return redirect("grants:index")
    return render(request, "grants/scheme_form.html", {"form": form})


def _register() -> list[Grant]:
    return list(Grant.objects.filter(published=True).select_related("scheme"))


def _register_row(grant: Grant) -> list[str]:
    return [
        defuse(grant.recipient),
        f"{grant.amount:.2f}",
        defuse(grant.purpose),
        defuse(grant.conditions),
        defuse(grant.scheme.name),
        f"{grant.starts:%d/%m/%Y}",
        f"{grant.ends:%d/%m/%Y}",
    ]


@require_GET
@allow("page.public")
def register(request: HttpRequest) -> HttpResponse:
    rows = _register()
    return render(
        request,
        "grants/register.html",
        {"page": Paginator(rows, PER_PAGE).get_page(request.GET.get("page")), "count": len(rows)},
    )


@require_GET
@allow("page.public")
def register_file(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = [_register_row(g) for g in _register()]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(REGISTER)
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "Grants register"
        sheet.append(REGISTER)
        for row in rows:
            sheet.append([*row[:1], float(row[1]), *row[2:]])
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(data.getvalue(), content_type=XLSX)
    else:
        raise Http404("No such format")
    response["Content-Disposition"] = f'attachment; filename="grants-register.{fmt}"'
    return response
