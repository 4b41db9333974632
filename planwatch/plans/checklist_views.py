"""The statutory checklist of a version of a Plan: each requirement, met or not, with what
meets it; officers record the Plan section, document, date or decision that meets one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from planwatch.forms import GovukForm, UKDateInput
from planwatch.governance.forms import put_errors
from planwatch.permissions import allow, can
from planwatch.plans.models import EvidenceKind, Plan, PlanVersion
from planwatch.plans.selectors import numbered, plan_for, versions_visible_to
from planwatch.plans.statutory import REQUIREMENTS, checklist, evidence_add


class EvidenceForm(GovukForm):
    requirement = forms.ChoiceField(
        label="Requirement", choices=[(r.code, r.text) for r in REQUIREMENTS]
    )
    kind = forms.ChoiceField(
        label="What meets it", choices=EvidenceKind.choices, widget=forms.RadioSelect
    )
    reference = forms.CharField(
        label="Where or what",
        max_length=300,
        help_text="For example: section 5, Finances; the Panel's report of 3 February 2021; "
        "BCB decision 2021/04",
    )
    on = forms.DateField(
        label="Date (optional)",
        required=False,
        widget=UKDateInput(),
        help_text="For example, 31/03/2021",
    )


def _version(request: HttpRequest, plan: Plan, number: int) -> PlanVersion:
    return numbered(versions_visible_to(request.user, list(plan.versions.all())), number)


def _page(request: HttpRequest, plan: Plan, version: PlanVersion, form=None) -> HttpResponse:
    checks = checklist(version)
    groups: dict[str, list] = {}
    for check in checks:
        groups.setdefault(check.requirement.group, []).append(check)
    if form is None and can(request.user, "plan.edit"):
        wanted = request.GET.get("requirement")
        form = EvidenceForm(initial={"requirement": wanted} if wanted else None)
    return render(
        request,
        "plans/checklist.html",
        {
            "plan": plan,
            "version": version,
            "groups": groups,
            "missing": sum(not c.met for c in checks),
            "form": form,
        },
    )


@require_GET
@allow("plan.history")
def checklist_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = plan_for(request.user, slug)
    return _page(request, plan, _version(request, plan, number))


@require_POST
@allow("plan.edit")
def evidence_record(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = plan_for(request.user, slug)
    version = _version(request, plan, number)
    form = EvidenceForm(request.POST)
    if form.is_valid():
        try:
            evidence_add(version=version, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "Recorded.")
            return redirect("plans:checklist", slug=plan.slug, number=version.number)
    return _page(request, plan, version, form)
