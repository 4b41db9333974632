"""The forward plan: expected papers against meetings, what is due next, and the expectations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from planwatch.governance import services
from planwatch.governance.forms import ExpectationForm, put_errors
from planwatch.governance.models import Expectation
from planwatch.governance.selectors import forward_plan_for
from planwatch.permissions import allow


@require_GET
@allow("governance.plan")
def forward_plan_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plan, due = forward_plan_for(today)
    expectations = Expectation.objects.select_related("body")
    return render(
        request,
        "governance/forward_plan.html",
        {"plan": plan, "due": due, "today": today, "expectations": expectations},
    )


@require_http_methods(["GET", "POST"])
@allow("governance.manage")
def expectation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    expectation = Expectation()
    initial = None
    if pk is not None:
        expectation = Expectation.objects.filter(pk=pk).first()
        if expectation is None:
            raise Http404("No such paper in the forward plan")
        initial = {
            "body": expectation.body_id,
            "paper_kind": expectation.paper_kind,
            "title": expectation.title,
            "every_meeting": "yes" if expectation.every_meeting else "no",
            "months": [str(number) for number in sorted(expectation.month_numbers)],
            "is_active": expectation.is_active,
        }
    form = ExpectationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.expectation_save(expectation=expectation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, f"{expectation.title} was saved in the forward plan.")
            return redirect("governance:forward-plan")
    title = "Change a paper in the forward plan" if pk else "Add a paper to the forward plan"
    return render(request, "governance/expectation_form.html", {"form": form, "title": title})
