"""The lead-and-review workflow: My actions, writing an update, the review queue, amendments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planwatch.delivery import services
from planwatch.delivery.forms import AmendForm, ReasonForm, UpdateForm
from planwatch.delivery.models import PeriodState, ReportingPeriod, Update, UpdateState
from planwatch.delivery.selectors import previous_approved_rag
from planwatch.delivery.views import action_for
from planwatch.delivery.work_lists import my_actions, review_queue
from planwatch.permissions import allow, require


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form so it shows in the GOV.UK error summary."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_GET
@allow("delivery.my_actions")
def my_actions_page(request: HttpRequest) -> HttpResponse:
    items = my_actions(user=request.user)
    return render(
        request,
        "delivery/my_actions.html",
        {
            "items": items,
            "to_do": [item for item in items if item.needs_work],
            "overdue": [item for item in items if item.overdue],
            "returned": [
                item for item in items if item.update and item.update.state == UpdateState.RETURNED
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@allow("update.write")
def update_edit(request: HttpRequest, slug: str, ref: str, period: str) -> HttpResponse:
    action = action_for(request, slug, ref)
    require(request, "update.write", action)
    found = ReportingPeriod.objects.filter(plan=action.plan, slug=period).first()
    if found is None:
        raise Http404("No such reporting period")
    update = Update.objects.filter(action=action, period=found).select_related("rag").first()
    initial = {"rag": update.rag_id, "commentary": update.commentary} if update else None
    form = UpdateForm(request.POST or None, initial=initial, plan=action.plan)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.update_save(
                action=action, period=found, by=request.user, submit=submit, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            verb = "submitted for review" if submit else "saved as a draft"
            messages.success(request, f"The update for {action.reference} was {verb}.")
            return redirect(
                "delivery:my-actions" if request.user.role == "lead" else "delivery:review"
            )
    return render(
        request,
        "delivery/update_form.html",
        {
            "plan": action.plan,
            "action": action,
            "period": found,
            "update": update,
            "form": form,
            "previous": previous_approved_rag(action=action, period=found),
            "locked": update is not None
            and update.state in (UpdateState.SUBMITTED, UpdateState.APPROVED),
        },
    )


@require_GET
@allow("delivery.review")
def review_queue_page(request: HttpRequest) -> HttpResponse:
    return render(request, "delivery/review_queue.html", {"rows": review_queue()})


@require_http_methods(["GET", "POST"])
@allow("delivery.review")
def review_update(request: HttpRequest, pk: int) -> HttpResponse:
    update = (
        Update.objects.filter(pk=pk)
        .select_related(
            "action__plan", "action__theme", "action__lead", "period", "rag", "submitted_by"
        )
        .first()
    )
    if update is None:
        raise Http404("No such update")
    form = ReasonForm(request.POST or None, label="Reason for returning it")
    if request.method == "POST" and request.POST.get("decision") == "return" and form.is_valid():
        try:
            services.update_return(
                update=update, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, f"The update for {update.action.reference} was returned to its lead."
            )
            return redirect("delivery:review")
    return render(
        request,
        "delivery/review_update.html",
        {
            "update": update,
            "form": form,
            "previous": previous_approved_rag(action=update.action, period=update.period),
        },
    )


@require_POST
@allow("delivery.review")
def approve_update(request: HttpRequest, pk: int) -> HttpResponse:
    update = Update.objects.filter(pk=pk).select_related("action").first()
    if update is None:
        raise Http404("No such update")
    try:
        services.update_approve(update=update, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The update for {update.action.reference} was approved.")
    return redirect("delivery:review")


@require_http_methods(["GET", "POST"])
@allow("delivery.review")
def amend_update(request: HttpRequest, slug: str, ref: str, period: str) -> HttpResponse:
    action = action_for(request, slug, ref)
    # Only a published (locked) quarter needs an amendment; earlier, the workflow applies.
    update = (
        Update.objects.filter(
            action=action, period__slug=period, period__state=PeriodState.PUBLISHED
        )
        .select_related("period", "rag")
        .first()
    )
    if update is None:
        raise Http404("No such published update")
    form = AmendForm(
        request.POST or None,
        initial={"rag": update.rag_id, "commentary": update.commentary},
        plan=action.plan,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_amend(update=update, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, f"The update for {action.reference} was changed; the reason is recorded."
            )
            return redirect("delivery:action", slug=action.plan.slug, ref=action.reference)
    return render(
        request,
        "delivery/amend_form.html",
        {"plan": action.plan, "action": action, "update": update, "form": form},
    )
