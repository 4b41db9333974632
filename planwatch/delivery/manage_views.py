"""Officers' pages: reporting periods, actions and the RAG key."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planwatch.delivery import services
from planwatch.delivery.forms import ActionForm, PeriodForm, RagStatusForm
from planwatch.delivery.models import Action, PeriodState, RagStatus, ReportingPeriod
from planwatch.delivery.views import action_for
from planwatch.delivery.workflow_views import _form_errors
from planwatch.permissions import allow
from planwatch.plans.selectors import plan_for

ACTIONS_PER_PAGE = 50
NEXT_STEP = {
    PeriodState.PLANNED: (PeriodState.OPEN, "Open for updates"),
    PeriodState.OPEN: (PeriodState.IN_REVIEW, "Close for review"),
    PeriodState.IN_REVIEW: (PeriodState.PUBLISHED, "Publish"),
}


@require_http_methods(["GET", "POST"])
@allow("delivery.manage")
def periods_page(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_create(
                plan=plan,
                quarter=form.cleaned_data["quarter"],
                update_deadline=form.cleaned_data["update_deadline"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"{period.label} was added.")
            return redirect("delivery:periods", slug=plan.slug)
    periods = [(p, NEXT_STEP.get(p.state)) for p in plan.periods.all()]
    return render(
        request, "delivery/periods.html", {"plan": plan, "periods": periods, "form": form}
    )


@require_POST
@allow("delivery.manage")
def period_advance(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    found = ReportingPeriod.objects.filter(plan=plan, slug=period).first()
    if found is None:
        raise Http404("No such reporting period")
    try:
        found = services.period_advance(
            period=found, to=request.POST.get("to", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{found.label} is now {found.get_state_display().lower()}.")
    return redirect("delivery:periods", slug=plan.slug)


@require_http_methods(["GET", "POST"])
@allow("delivery.manage")
def action_edit(request: HttpRequest, slug: str, ref: str | None = None) -> HttpResponse:
    plan = plan_for(request.user, slug)
    action = action_for(request, slug, ref) if ref else Action(plan=plan)
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_save(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} was saved.")
            return redirect("delivery:action", slug=plan.slug, ref=action.reference)
    title = f"Change action {action.reference}" if ref else "Add an action"
    return render(
        request, "delivery/action_form.html", {"plan": plan, "form": form, "title": title}
    )


@require_http_methods(["GET", "POST"])
@allow("delivery.manage")
def rag_status_edit(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    plan = plan_for(request.user, slug)
    status = RagStatus(plan=plan)
    if code is not None:
        status = plan.rag_statuses.filter(code=code).first()
        if status is None:
            raise Http404("No such status")
    form = RagStatusForm(request.POST or None, instance=status)
    if request.method == "POST" and form.is_valid():
        try:
            services.rag_status_save(status=status, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "The RAG key was saved.")
            return redirect("delivery:rag-key", slug=plan.slug)
    title = f"Change the status {status.label}" if code else "Add a status to the RAG key"
    return render(
        request, "delivery/rag_status_form.html", {"plan": plan, "form": form, "title": title}
    )


@require_GET
@allow("delivery.manage")
def actions_page(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    actions = Action.objects.filter(plan=plan).select_related("theme", "lead")
    actions = actions.order_by("theme__order", "reference")
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "delivery/actions.html", {"plan": plan, "actions": page.object_list, "page": page}
    )
