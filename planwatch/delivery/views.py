"""Reading the Delivery Plan: the period page, an action and its record, the RAG key."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from planwatch.assurance.selectors import answered_by
from planwatch.delivery import record
from planwatch.delivery.direction import DIRECTION_TEXT
from planwatch.delivery.models import Action
from planwatch.delivery.selectors import (
    Filters,
    action_updates,
    delivery_plan,
    objective_wording,
    period_for,
    periods_visible_to,
)
from planwatch.permissions import allow, can, require
from planwatch.plans.lifecycle import published_wording
from planwatch.plans.selectors import plan_for
from planwatch.reporting.delivery_plan import CONTENT_TYPES, render_delivery_plan


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@require_GET
@allow("delivery.view")
def delivery_latest(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    periods = periods_visible_to(request.user, plan).order_by("-starts")
    latest = periods.filter(state="published").first() or periods.first()
    if latest is None:
        return render(request, "delivery/no_period.html", {"plan": plan})
    return redirect("delivery:period", slug=plan.slug, period=latest.slug)


@require_GET
@allow("delivery.view")
def delivery_period(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    found = period_for(request.user, plan, period)
    filters = Filters(
        theme=_int_or_none(request.GET.get("theme")),
        status=request.GET.get("status") or None,
        lead=request.GET.get("lead") or None,
        overdue=request.GET.get("overdue") == "1",
    )
    data = delivery_plan(user=request.user, plan=plan, period=found, filters=filters)
    return render(
        request,
        "delivery/period.html",
        {
            "plan": plan,
            "period": found,
            "data": data,
            "filters": filters,
            "filtered": filters != Filters(),
            "periods": periods_visible_to(request.user, plan),
            "themes": plan.themes.all(),
            "directions": DIRECTION_TEXT.items(),
            "formats": CONTENT_TYPES,
        },
    )


@require_GET
@allow("delivery.view")
def delivery_download(request: HttpRequest, slug: str, period: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    plan = plan_for(request.user, slug)
    found = period_for(request.user, plan, period)
    data = delivery_plan(user=request.user, plan=plan, period=found)
    response = HttpResponse(render_delivery_plan(data, fmt), content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        name = f"{plan.slug}-{found.slug}-appendix-1-delivery-plan.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def action_for(request: HttpRequest, slug: str, ref: str) -> Action:
    plan = plan_for(request.user, slug)
    action = (
        Action.objects.filter(plan=plan, reference=ref)
        .select_related("plan", "theme", "objective", "lead")
        .first()
    )
    if action is None:
        raise Http404("No such action")
    return action


@require_GET
@allow("delivery.view")
def action_detail(request: HttpRequest, slug: str, ref: str) -> HttpResponse:
    action = action_for(request, slug, ref)
    # The same readers as the action's record: OPCC staff, auditors and the action's own Lead.
    sees_all = can(request.user, "action.record", action)
    updates = action_updates(action=action, include_unapproved=sees_all)
    # What audits and inspections asked for that this action answers, for those who read them.
    answers = answered_by(action) if can(request.user, "assurance.read") else []
    wording = published_wording(action.plan, request.user)  # a variation this user may not read
    return render(
        request,
        "delivery/action.html",
        {
            "plan": action.plan,
            "action": action,
            "theme_name": wording.theme(action.theme_id) if wording else action.theme.name,
            "objective_text": objective_wording(action, wording),
            "updates": updates,
            "sees_all": sees_all,
            "answers": answers,
        },
    )


@require_GET
@allow("action.record")
def action_record(request: HttpRequest, slug: str, ref: str) -> HttpResponse:
    action = action_for(request, slug, ref)
    require(request, "action.record", action)
    return render(
        request,
        "delivery/record.html",
        {"plan": action.plan, "action": action, "entries": record.action_record(action)},
    )


@require_GET
@allow("plan.view")
def rag_key(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    return render(
        request,
        "delivery/rag_key.html",
        {"plan": plan, "key": plan.rag_statuses.all(), "directions": DIRECTION_TEXT.items()},
    )
