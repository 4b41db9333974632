"""Adding, changing and removing the parts of a Plan (officers only)."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from planwatch.permissions import allow
from planwatch.plans.document import parse_plan_document
from planwatch.plans.lifecycle import Wording, published_wording
from planwatch.plans.parts import PART_KINDS, PartKind
from planwatch.plans.selectors import plan_for
from planwatch.plans.services import part_delete, part_update


def _kind(kind: str) -> PartKind:
    if kind not in PART_KINDS:
        raise Http404("No such part of a Plan")
    return PART_KINDS[kind]


def _a(label: str) -> str:
    """The label with its indefinite article: "a theme", "an objective"."""
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


def _found(item):
    if item is None:
        raise Http404("Not part of this Plan")
    return item


@require_http_methods(["GET", "POST"])
@allow("plan.edit")
def part_add(request: HttpRequest, slug: str, kind: str, parent: int | None = None) -> HttpResponse:
    spec = _kind(kind)
    plan = plan_for(request.user, slug)
    if (spec.parent_model is None) != (parent is None):
        raise Http404("Wrong place to add this")
    parent_obj = _found(spec.find_parent(plan, parent)) if parent is not None else None
    form = spec.form(plan, request.POST or None)
    if request.method == "POST" and form.is_valid():
        spec.create(parent_obj, plan, request.user, **form.cleaned_data)
        messages.success(request, f"The {spec.label} was added.")
        return redirect("plans:contents", slug=plan.slug)
    return render(
        request,
        "plans/part_form.html",
        {"form": form, "plan": plan, "title": f"Add {_a(spec.label)}", "parent": parent_obj},
    )


@require_http_methods(["GET", "POST"])
@allow("plan.edit")
def part_edit(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    spec = _kind(kind)
    plan = plan_for(request.user, slug)
    part = _found(spec.find(plan, pk))
    form = spec.form(plan, request.POST or None, instance=part)
    if request.method == "POST" and form.is_valid():
        part_update(part=part, by=request.user, **form.cleaned_data)
        messages.success(request, f"The {spec.label} was saved.")
        return redirect("plans:contents", slug=plan.slug)
    return render(
        request,
        "plans/part_form.html",
        {"form": form, "plan": plan, "title": f"Change the {spec.label}"},
    )


@require_http_methods(["GET", "POST"])
@allow("plan.edit")
def part_remove(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    spec = _kind(kind)
    plan = plan_for(request.user, slug)
    part = _found(spec.find(plan, pk))
    if request.method == "POST":
        try:
            part_delete(part=part, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"The {spec.label} was removed.")
        return redirect("plans:contents", slug=plan.slug)
    return render(request, "plans/part_remove.html", {"plan": plan, "spec": spec, "part": part})


@require_GET
@allow("plan.view")
def theme_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_for(request.user, slug)
    wording = published_wording(plan, request.user)
    if wording is not None:  # a variation is in hand that this user may not read
        return render(
            request, "plans/theme.html", {"plan": plan, "theme": _published_theme(wording, pk)}
        )
    theme = _found(
        PART_KINDS["themes"]
        .model.objects.filter(plan=plan, pk=pk)
        .prefetch_related("outcomes", "objectives__priorities")
        .first()
    )
    return render(request, "plans/theme.html", {"plan": plan, "theme": theme})


class _Listed(list):
    """A list a template reads like a related manager (``.all``)."""

    def all(self) -> _Listed:
        return self


def _published_theme(wording: Wording, pk: int) -> SimpleNamespace:
    """The theme as the version in force has it; 404 for a theme the variation added."""
    name = wording.themes.get(pk)
    document = parse_plan_document(wording.version.document)
    theme = next((t for t in document.themes if t.name == name), None)
    if theme is None:
        raise Http404("No such theme")
    return SimpleNamespace(
        name=theme.name,
        aim=theme.aim,
        outcomes=_Listed(SimpleNamespace(text=text) for text in theme.outcomes),
        objectives=_Listed(
            SimpleNamespace(
                text=o.text, priorities=_Listed(SimpleNamespace(text=p) for p in o.priorities)
            )
            for o in theme.objectives
        ),
    )
