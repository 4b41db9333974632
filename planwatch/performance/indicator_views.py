"""Indicators: their definitions over time, series breaks and data notes; entering a figure."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planwatch.delivery.workflow_views import _form_errors
from planwatch.performance import indicator_services
from planwatch.performance.forms import (
    DataNoteForm,
    DefinitionForm,
    ObservationForm,
    SeriesBreakForm,
)
from planwatch.performance.indicator_selectors import indicator_for, indicators_visible_to
from planwatch.performance.observation_import import EXAMPLE
from planwatch.performance.services import Figure, observations_write
from planwatch.permissions import allow

PAGE_SIZE = 50
FORMS = {
    "definition": (DefinitionForm, indicator_services.definition_change, "The definition"),
    "break": (SeriesBreakForm, indicator_services.series_break_add, "The series break"),
    "note": (DataNoteForm, indicator_services.data_note_add, "The data note"),
}


@require_GET
@allow("performance.view")
def indicator_list(request: HttpRequest) -> HttpResponse:
    indicators = indicators_visible_to(request.user).order_by("name", "code")
    page = Paginator(indicators, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "performance/indicators.html", {"page": page})


@require_GET
@allow("performance.view")
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = indicator_for(request.user, code)
    forms = {name: spec[0](prefix=name) for name, spec in FORMS.items()}
    return render(request, "performance/indicator.html", {"indicator": indicator, "forms": forms})


@require_POST
@allow("performance.manage")
def indicator_change(request: HttpRequest, code: str, what: str) -> HttpResponse:
    if what not in FORMS:
        raise Http404("Nothing to change here")
    indicator = indicator_for(request.user, code)
    form_class, service, label = FORMS[what]
    form = form_class(request.POST, prefix=what)
    if form.is_valid():
        try:
            service(indicator=indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"{label} was saved.")
            return redirect("performance:indicator", code=indicator.code)
    forms = {name: spec[0](prefix=name) for name, spec in FORMS.items()}
    forms[what] = form
    return render(
        request,
        "performance/indicator.html",
        {"indicator": indicator, "forms": forms, "form": form},
    )


@require_http_methods(["GET", "POST"])
@allow("performance.manage")
def observation_new(request: HttpRequest) -> HttpResponse:
    form = ObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        observations_write(
            figures=[
                Figure(
                    data["indicator"].pk,
                    data["area"].pk,
                    data["period"],
                    data["value"],
                    data["numerator"],
                    data["denominator"],
                )
            ],
            kind="browser",
            sources=[],
            by=request.user,
        )
        messages.success(
            request,
            f"{data['indicator'].name} for {data['area']} in {data['period'].label} was saved.",
        )
        return redirect("performance:observation-new")
    return render(request, "performance/observation_form.html", {"form": form})


@require_GET
@allow("performance.view")
def observations_example(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(EXAMPLE.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="observations-example.csv"'
    return response
