"""The home page and the pages every public-sector service must have."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from planwatch.assurance.selectors import responses_due
from planwatch.permissions import allow, can
from planwatch.plans.selectors import current_plan_for, plan_on_a_page


@require_GET
@allow("page.public")
def home(request: HttpRequest) -> HttpResponse:
    """The current Plan on a Page, or an explanation when there is none to show."""
    plan = current_plan_for(request.user)
    due = _responses_due(request)
    if plan is None:
        return render(request, "pages/no_plan.html", {"responses_due": due})
    return render(
        request,
        "plans/plan_on_a_page.html",
        {**plan_on_a_page(request.user, plan), "is_home": True, "responses_due": due},
    )


def _responses_due(request: HttpRequest) -> list:
    """For OPCC staff: inspection responses overdue or due within 14 days (s.55)."""
    if not can(request.user, "assurance.manage"):
        return []
    return responses_due(timezone.localdate())


@require_GET
@allow("page.public")
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@require_GET
@allow("page.public")
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@require_GET
@allow("page.public")
def health(request: HttpRequest) -> HttpResponse:
    """For a load balancer's health check: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "pages/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "pages/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/500.html", status=500)
