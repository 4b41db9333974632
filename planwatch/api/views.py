"""The JSON API, version 1 (django-ninja; its OpenAPI 3 document is /api/v1/openapi.json).

Anyone reads public data without a key; with a key (`Authorization: Bearer pw_...`) a user
reads what their role may see, and a Lead submits quarterly updates through the same service
and rules as the web form. Errors are JSON: 400 (bad input, with each field's problem), 401
(a key that is wrong), 403, 404."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer

from planwatch.api.schemas import (
    ActionRow,
    Error,
    GrantOut,
    ObjectiveOut,
    PeriodOut,
    PlanDetail,
    PlanOut,
    Problems,
    ThemeOut,
    UpdateIn,
    UpdateOut,
)
from planwatch.api.tokens import token_user
from planwatch.delivery.models import Action, RagStatus
from planwatch.delivery.selectors import Filters, delivery_plan, period_for, periods_visible_to
from planwatch.delivery.services import update_save
from planwatch.grants.models import Grant
from planwatch.permissions import can, visible_plan_statuses
from planwatch.plans.lifecycle import document_for
from planwatch.plans.models import Plan
from planwatch.plans.selectors import plan_document, plan_for, plans_visible_to


class Key(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return token_user(token)


def anonymous(request: HttpRequest):
    """No key at all: the public. (A key that is wrong is refused, not read as the public.)"""
    return None if "HTTP_AUTHORIZATION" in request.META else AnonymousUser()


api = NinjaAPI(
    title="PlanWatch API",
    version="1",
    description=__doc__,
    urls_namespace="api-v1",
    docs_url=None,  # the interactive page loads scripts from elsewhere; the JSON is enough
    auth=[Key(), anonymous],
)
OPEN = {400: Problems, 401: Error, 403: Error, 404: Error}


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": "You may not do this."}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return api.create_response(request, {"detail": "The API key is not valid."}, status=401)


@api.exception_handler(SchemaError)
def bad_request(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        where = ".".join(
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "payload", "query", "path")
        )
        errors.setdefault(where or "request", []).append(error.get("msg", "Invalid"))
    body = {"detail": "The request is not valid.", "errors": errors}
    return api.create_response(request, body, status=400)


@api.exception_handler(ValidationError)
def refused(request, exc: ValidationError):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"request": exc.messages}
    body = {"detail": " ".join(m for ms in errors.values() for m in ms), "errors": errors}
    return api.create_response(request, body, status=400)


def _plan_out(plan: Plan) -> dict:
    return {
        "slug": plan.slug,
        "title": plan.title,
        "area": plan.area,
        "commissioner": plan.commissioner,
        "starts": plan.starts.isoformat(),
        "ends": plan.ends.isoformat(),
        "status": plan.status,
    }


@api.get("/plans", response={200: list[PlanOut], **OPEN}, tags=["Plans"])
@paginate(PageNumberPagination, page_size=50)
def plans(request):
    """The Plans the caller may read (the public: published ones)."""
    return [_plan_out(plan) for plan in plans_visible_to(request.auth)]


@api.get("/plans/{slug}", response={200: PlanDetail, **OPEN}, tags=["Plans"])
def plan(request, slug: str):
    """A Plan with its themes and objectives: for the public, the version in force."""
    found = plan_for(request.auth, slug)
    document = plan_document(found) if visible_plan_statuses(request.auth) is None else None
    document = document or document_for(found)
    themes = [
        ThemeOut(
            name=t.name,
            aim=t.aim,
            outcomes=list(t.outcomes),
            objectives=[
                ObjectiveOut(text=o.text, priorities=list(o.priorities)) for o in t.objectives
            ],
        )
        for t in document.themes
    ]
    return {**_plan_out(found), "themes": themes}


@api.get("/plans/{slug}/periods", response={200: list[PeriodOut], **OPEN}, tags=["Delivery"])
def periods(request, slug: str):
    """The reporting quarters the caller may read (the public: published ones)."""
    found = plan_for(request.auth, slug)
    return [
        {
            "slug": p.slug,
            "label": p.label,
            "starts": p.starts.isoformat(),
            "ends": p.ends.isoformat(),
            "state": p.state,
        }
        for p in periods_visible_to(request.auth, found).order_by("starts")
    ]


@api.get(
    "/plans/{slug}/periods/{period}/actions",
    response={200: list[ActionRow], **OPEN},
    tags=["Delivery"],
)
@paginate(PageNumberPagination, page_size=100)
def actions(
    request,
    slug: str,
    period: str,
    theme: Query[str | None] = None,
    status: Query[str | None] = None,
):
    """The Delivery Plan for a quarter: each action with its status, direction of travel and
    commentary; filter by theme name and status code."""
    found = plan_for(request.auth, slug)
    quarter = period_for(request.auth, found, period)
    report = delivery_plan(
        user=request.auth, plan=found, period=quarter, filters=Filters(status=status)
    )
    out = []
    for group in report.themes:
        if theme and group.name.casefold() != theme.casefold():
            continue
        for objective in group.groups:
            for row in objective.rows:
                direction = row.direction
                out.append(
                    {
                        "reference": row.action.reference,
                        "title": row.action.title,
                        "theme": group.name,
                        "objective": objective.text,
                        "lead": row.action.lead_display,
                        "due": row.action.due.isoformat() if row.action.due else None,
                        "status": row.rag.code if row.rag else None,
                        "direction": direction.value if direction else None,
                        "commentary": row.update.commentary if row.update else None,
                        "update_state": row.update.state if row.update else None,
                    }
                )
    return out


@api.post(
    "/plans/{slug}/periods/{period}/actions/{ref}/update",
    response={200: UpdateOut, **OPEN},
    auth=Key(),
    tags=["Delivery"],
)
def update(request, slug: str, period: str, ref: str, payload: UpdateIn):
    """A Lead saves (or, with `submit`, submits for review) the update for an action they
    lead: the same service and rules as the web form."""
    found = plan_for(request.auth, slug)
    # A Lead writes for a quarter open for updates, which only staff may read: the service
    # checks the quarter's state and the Lead's right to the action.
    quarter = found.periods.filter(slug=period).first()
    action = Action.objects.filter(plan=found, reference=ref).first()
    if action is None or quarter is None:
        raise Http404
    if not can(request.auth, "update.write", action):
        raise PermissionDenied
    rag = RagStatus.objects.filter(plan=found, code=payload.status).first()
    if rag is None:
        raise ValidationError({"status": ["Not a status of this Plan's key."]})
    saved = update_save(
        action=action,
        period=quarter,
        rag=rag,
        commentary=payload.commentary,
        by=request.auth,
        submit=payload.submit,
    )
    return {
        "action": action.reference,
        "period": quarter.slug,
        "status": saved.rag.code,
        "commentary": saved.commentary,
        "state": saved.state,
    }


@api.get("/grants", response={200: list[GrantOut], **OPEN}, tags=["Grants"])
@paginate(PageNumberPagination, page_size=100)
def grants(request):
    """The grants register: published grants."""
    return [
        {
            "reference": g.reference,
            "recipient": g.recipient,
            "amount_gbp": f"{g.amount:.2f}",
            "purpose": g.purpose,
            "conditions": g.conditions,
            "scheme": g.scheme.name,
            "starts": g.starts.isoformat(),
            "ends": g.ends.isoformat(),
        }
        for g in Grant.objects.filter(published=True).select_related("scheme")
    ]


def urls():
    """The API's URL patterns, each marked with the rule that admits it: anyone; the
    endpoints check what the caller may see and do themselves."""
    patterns, app, namespace = api.urls
    for pattern in patterns:
        pattern.callback.planwatch_rule = "page.public"
    return patterns, app, namespace
