"""Pages for a Plan as a whole: the list, the Plan on a Page, details and history."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from planwatch.permissions import allow, require
from planwatch.plans import history
from planwatch.plans.forms import PlanForm
from planwatch.plans.selectors import (
    plan_document,
    plan_for,
    plan_on_a_page,
    plan_with_contents,
    plans_visible_to,
    shown_version,
)
from planwatch.plans.services import plan_create, plan_update
from planwatch.reporting.plan_on_a_page import plan_on_a_page_pdf

PAGE_SIZE = 25


@require_GET
@allow("plan.list")
def plan_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(plans_visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@allow("plan.create")
def plan_new(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = plan_create(by=request.user, **form.cleaned_data)
        messages.success(request, f"{plan.title} was created. Now add its themes.")
        return redirect("plans:contents", slug=plan.slug)
    return render(request, "plans/plan_form.html", {"form": form, "title": "Start a new Plan"})


@require_GET
@allow("plan.view")
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    return render(request, "plans/plan_on_a_page.html", plan_on_a_page(request.user, plan))


@require_GET
@allow("plan.view")
def plan_on_a_page_download(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    asked = request.GET.get("version", "")
    shown = shown_version(request.user, plan, int(asked) if asked.isdecimal() else None)
    document = shown.document or plan_document(plan)
    response = HttpResponse(plan_on_a_page_pdf(document), content_type="application/pdf")
    name = f"{plan.slug}-v{shown.version.number}" if shown.version else plan.slug
    response["Content-Disposition"] = f'attachment; filename="{name}-plan-on-a-page.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@allow("plan.edit")
def plan_edit(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan = plan_update(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, "The Plan's details were saved.")
        return redirect("plans:contents", slug=plan.slug)
    return render(
        request,
        "plans/plan_form.html",
        {"form": form, "plan": plan, "title": "Change the Plan's details"},
    )


@require_GET
@allow("plan.edit")
def plan_contents(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    return render(request, "plans/contents.html", {"plan": plan_with_contents(plan.pk)})


@require_GET
@allow("plan.history")
def plan_history(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    require(request, "plan.history", plan)
    page = Paginator(history.plan_changes(plan), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/history.html",
        {"plan": plan, "page": page, "changes": history.describe(page.object_list)},
    )
