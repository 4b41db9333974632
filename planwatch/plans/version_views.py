"""A Plan's versions: its life from draft to publication and variation, each version's Plan on
a Page, and the comparison of two versions as a page and a document."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from planwatch.forms import GovukForm, UKDateInput
from planwatch.governance.forms import put_errors
from planwatch.papers.render import CONTENT_TYPES
from planwatch.papers.render import render as render_paper
from planwatch.permissions import allow, can
from planwatch.plans import lifecycle
from planwatch.plans.comparison_paper import build_comparison
from planwatch.plans.models import Plan, PlanStatus, PlanVersion
from planwatch.plans.selectors import plan_for, plan_on_a_page, versions_visible_to


class StepForm(GovukForm):
    to = forms.ChoiceField(label="The step", widget=forms.RadioSelect)
    on = forms.DateField(label="Date", widget=UKDateInput(), help_text="For example, 15/02/2021")
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the Panel's report and the Commissioner's published response, "
        "or the Board's decision",
    )

    override = forms.CharField(
        label="Publishing with requirements not met: why (recorded)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only when publishing while the statutory checklist shows something missing",
    )

    def __init__(self, *args, version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (state, PlanStatus(state).label) for state in lifecycle.NEXT[version.state]
        ]
        if PlanStatus.PUBLISHED not in lifecycle.NEXT[version.state]:
            del self.fields["override"]


class VariationForm(GovukForm):
    reason = forms.CharField(
        label="What the variation changes and why",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def _working(plan: Plan) -> PlanVersion:
    """The version in hand, or an unsaved first version in the Plan's own state."""
    return plan.versions.order_by("-number").first() or PlanVersion(
        plan=plan, number=1, state=plan.status
    )


def _page(request: HttpRequest, plan: Plan, step_form=None, vary_form=None) -> HttpResponse:
    working = _working(plan)
    if can(request.user, "plan.edit"):
        step_form = step_form or StepForm(version=working, initial={"on": timezone.localdate()})
        vary_form = vary_form or VariationForm()
    return render(
        request,
        "plans/versions.html",
        {
            "plan": plan,
            "versions": versions_visible_to(
                request.user, list(plan.versions.prefetch_related("steps__by"))
            ),
            "working": working,
            "step_form": step_form if lifecycle.NEXT.get(working.state) else None,
            "vary_form": vary_form if working.state == PlanStatus.PUBLISHED else None,
        },
    )


@require_GET
@allow("plan.view")
def versions(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, plan_for(request.user, slug))


@require_POST
@allow("plan.edit")
def versions_record(request: HttpRequest, slug: str) -> HttpResponse:
    """Take the next step of the version in hand, or start a variation."""
    plan = plan_for(request.user, slug)
    working = _working(plan)
    if "reason" in request.POST:
        vary_form = VariationForm(request.POST)
        if _record(request, plan, vary_form):
            return redirect("plans:versions", slug=plan.slug)
        return _page(request, plan, vary_form=vary_form)
    step_form = StepForm(request.POST, version=working)
    if _record(request, plan, step_form):
        return redirect("plans:versions", slug=plan.slug)
    return _page(request, plan, step_form=step_form)


def _record(request: HttpRequest, plan: Plan, form: StepForm | VariationForm) -> bool:
    """Take the step or start the variation that was posted; False with errors on the form."""
    if not form.is_valid():
        return False
    try:
        if isinstance(form, VariationForm):
            version = lifecycle.variation_start(
                plan=plan, reason=form.cleaned_data["reason"], by=request.user
            )
            done = f"Version {version.number} was started as a draft. Change the Plan's parts now."
        else:
            version = lifecycle.plan_step(plan=plan, by=request.user, **form.cleaned_data)
            done = f"Version {version.number} is now {version.get_state_display().lower()}."
    except ValidationError as error:
        put_errors(form, error)
        return False
    messages.success(request, done)
    return True


@require_GET
@allow("plan.view")
def version_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = plan_for(request.user, slug)
    return render(request, "plans/plan_on_a_page.html", plan_on_a_page(request.user, plan, number))


def _pair(request: HttpRequest, plan: Plan) -> tuple[PlanVersion, PlanVersion, list[PlanVersion]]:
    """The two versions to compare (default: the last two this user may read)."""
    visible = versions_visible_to(request.user, list(plan.versions.all()))
    if len(visible) < 2:
        raise Http404("There is only one version to read")
    by_number = {v.number: v for v in visible}

    def asked(name: str, default: PlanVersion) -> PlanVersion:
        value = request.GET.get(name, "")
        if not value:
            return default
        if not value.isdecimal() or int(value) not in by_number:
            raise Http404("No such version")
        return by_number[int(value)]

    return asked("from", visible[-2]), asked("to", visible[-1]), visible


@require_GET
@allow("plan.view")
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_for(request.user, slug)
    old, new, visible = _pair(request, plan)
    return render(
        request,
        "plans/compare.html",
        {
            "plan": plan,
            "old": old,
            "new": new,
            "versions": visible,
            "changes": lifecycle.versions_compared(plan, old, new),
            "formats": [("docx", "Word"), ("pdf", "PDF"), ("html", "web page")],
        },
    )


@require_GET
@allow("plan.view")
def compare_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    plan = plan_for(request.user, slug)
    old, new, _ = _pair(request, plan)
    content = build_comparison(plan, old, new, lifecycle.versions_compared(plan, old, new))
    response = HttpResponse(
        render_paper(content, fmt, draft=False), content_type=CONTENT_TYPES[fmt]
    )
    name = f"{slugify(plan.slug)}-v{old.number}-to-v{new.number}.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
