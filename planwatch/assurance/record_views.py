"""Recording audits with their agreed actions and inspection reports with their
recommendations, reading them, and drafting the Commissioner's s.55 response."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from planwatch.assurance import services
from planwatch.assurance.dates import days_left
from planwatch.assurance.forms import (
    AgreedActionForm,
    AuditForm,
    GradeForm,
    InspectionForm,
    RecommendationForm,
)
from planwatch.assurance.models import (
    Audit,
    AuditAction,
    Inspection,
    InspectionGrade,
    Recommendation,
    ResponseState,
)
from planwatch.assurance.public_views import visible_or_404
from planwatch.assurance.response import build_response
from planwatch.forms import GovukForm, UKDateInput
from planwatch.governance.forms import put_errors
from planwatch.papers.render import CONTENT_TYPES
from planwatch.papers.render import render as render_paper
from planwatch.permissions import allow
from planwatch.plans.selectors import newest_plan


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _inspection(reference: str) -> Inspection:
    found = Inspection.objects.filter(reference=reference).first()
    if found is None:
        raise Http404("No such inspection report")
    return found


def _record_item(request: HttpRequest, form, save, new):
    """Save a new agreed action or recommendation from its form, with the Delivery Plan actions
    it answers, in one transaction; None (the errors on the form) when a service refuses."""
    fields = dict(form.cleaned_data)
    actions = fields.pop("actions")
    try:
        with transaction.atomic():
            item = save(item=new, by=request.user, **fields)
            if actions:
                services.item_link(item=item, by=request.user, actions=actions)
    except ValidationError as error:
        put_errors(form, error)
        return None
    return item


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def inspection_add(request: HttpRequest) -> HttpResponse:
    form = InspectionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_save(
                inspection=Inspection(), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(
                request,
                f"The report was recorded. The response is due by "
                f"{inspection.response_due:%d/%m/%Y}.",
            )
            return redirect("assurance:inspection", reference=inspection.reference)
    return render(request, "assurance/inspection_form.html", {"form": form})


@require_GET
@allow("assurance.view")
def inspection_page(request: HttpRequest, reference: str) -> HttpResponse:
    inspection = visible_or_404(request, Inspection.objects.filter(reference=reference).first())
    return render(
        request,
        "assurance/inspection.html",
        {
            "inspection": inspection,
            "left": days_left(inspection.response_due, timezone.localdate()),
            "grades": inspection.grades.select_related("grade"),
            "items": inspection.recommendations.select_related("owner").prefetch_related("actions"),
        },
    )


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def recommendation_add(request: HttpRequest, reference: str) -> HttpResponse:
    inspection = _inspection(reference)
    form = RecommendationForm(_posted(request), plan=newest_plan())
    if request.method == "POST" and form.is_valid():
        item = _record_item(
            request, form, services.recommendation_save, Recommendation(inspection=inspection)
        )
        if item is not None:
            messages.success(request, f"{item.get_kind_display()} {item.reference} was recorded.")
            return redirect("assurance:inspection", reference=inspection.reference)
    return render(
        request, "assurance/recommendation_form.html", {"form": form, "inspection": inspection}
    )


@require_GET
@allow("assurance.manage")
def response_download(request: HttpRequest, reference: str, fmt: str) -> HttpResponse:
    """The draft s.55 response from the entries as they are now."""
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    inspection = _inspection(reference)
    plan = newest_plan()
    content = build_response(inspection, commissioner_of=plan.area if plan else "the area")
    response = HttpResponse(render_paper(content, fmt, draft=True), content_type=CONTENT_TYPES[fmt])
    name = f"{slugify(inspection.reference)}-response-draft.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


class ResponseStateForm(GovukForm):
    state = forms.ChoiceField(
        label="The response", choices=ResponseState.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(
        label="Date it was published (when published)",
        required=False,
        widget=UKDateInput(),
        help_text="For example, 01/09/2018; left empty, today",
    )


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def response_state(request: HttpRequest, reference: str) -> HttpResponse:
    inspection = _inspection(reference)
    form = ResponseStateForm(_posted(request), initial={"state": inspection.response_state})
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_response(
                inspection=inspection,
                state=form.cleaned_data["state"],
                by=request.user,
                on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The state of the response was saved.")
            return redirect("assurance:inspection", reference=inspection.reference)
    return render(request, "assurance/response_form.html", {"form": form, "inspection": inspection})


def _audit(reference: str) -> Audit:
    found = Audit.objects.filter(reference=reference).select_related("assurance").first()
    if found is None:
        raise Http404("No such audit")
    return found


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def audit_add(request: HttpRequest) -> HttpResponse:
    form = AuditForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            audit = services.audit_save(audit=Audit(), by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The audit was recorded.")
            return redirect("assurance:audit", reference=audit.reference)
    return render(request, "assurance/audit_form.html", {"form": form})


@require_GET
@allow("assurance.view")
def audit_page(request: HttpRequest, reference: str) -> HttpResponse:
    audit = visible_or_404(
        request, Audit.objects.filter(reference=reference).select_related("assurance").first()
    )
    today = timezone.localdate()
    items = [
        (item, item.slippage(today))
        for item in audit.agreed_actions.select_related("priority", "owner").prefetch_related(
            "revisions", "actions"
        )
    ]
    return render(request, "assurance/audit.html", {"audit": audit, "items": items})


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def agreed_action_add(request: HttpRequest, reference: str) -> HttpResponse:
    audit = _audit(reference)
    form = AgreedActionForm(_posted(request), plan=newest_plan())
    if request.method == "POST" and form.is_valid():
        item = _record_item(request, form, services.audit_action_save, AuditAction(audit=audit))
        if item is not None:
            messages.success(request, f"Agreed action {item.reference} was recorded.")
            return redirect("assurance:audit", reference=audit.reference)
    return render(request, "assurance/agreed_action_form.html", {"form": form, "audit": audit})


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def grade_add(request: HttpRequest, reference: str) -> HttpResponse:
    inspection = _inspection(reference)
    latest = InspectionGrade.objects.order_by("-pk").values_list("scheme", flat=True).first()
    form = GradeForm(_posted(request), initial={"scheme": latest or ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_grade_save(
                record=InspectionGrade(inspection=inspection), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The grade was recorded.")
            return redirect("assurance:inspection", reference=inspection.reference)
    return render(request, "assurance/grade_form.html", {"form": form, "inspection": inspection})
