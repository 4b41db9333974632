"""Officers configure the scales: audit assurance levels, priorities and inspection grades."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from planwatch.assurance import services
from planwatch.assurance.models import ScaleKind, ScaleLevel
from planwatch.forms import GovukForm
from planwatch.governance.forms import put_errors
from planwatch.permissions import allow


class LevelForm(GovukForm):
    label = forms.CharField(label="Name", max_length=80)
    rank = forms.IntegerField(
        label="Place in the scale",
        min_value=1,
        max_value=99,
        help_text="1 is the best assurance or grade, and the highest priority",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )


class NewLevelForm(LevelForm):
    kind = forms.ChoiceField(label="Scale", choices=ScaleKind.choices, widget=forms.RadioSelect)
    field_order = ["kind", "label", "rank"]


def _level(pk: int) -> ScaleLevel:
    found = ScaleLevel.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such level")
    return found


def _save(request: HttpRequest, form: LevelForm, level: ScaleLevel, done: str):
    try:
        services.scale_level_save(
            level=level,
            by=request.user,
            label=form.cleaned_data["label"],
            rank=form.cleaned_data["rank"],
        )
    except ValidationError as error:
        put_errors(form, error)
        return None
    messages.success(request, done.format(label=level.label, scale=level.get_kind_display()))
    return redirect("assurance:scales")


@require_GET
@allow("assurance.manage")
def scales(request: HttpRequest) -> HttpResponse:
    levels = list(ScaleLevel.objects.all())
    table = [(label, [lv for lv in levels if lv.kind == kind]) for kind, label in ScaleKind.choices]
    return render(request, "assurance/scales.html", {"scales": table})


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def level_add(request: HttpRequest) -> HttpResponse:
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in ScaleKind else {}
    form = NewLevelForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        level = ScaleLevel(kind=form.cleaned_data["kind"])
        done = _save(request, form, level, "“{label}” was added to the scale: {scale}.")
        if done:
            return done
    return render(request, "assurance/scale_form.html", {"form": form, "level": None})


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def level_edit(request: HttpRequest, pk: int) -> HttpResponse:
    level = _level(pk)
    form = LevelForm(
        request.POST if request.method == "POST" else None,
        initial={"label": level.label, "rank": level.rank},
    )
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, level, "“{label}” was saved.")
        if done:
            return done
    return render(request, "assurance/scale_form.html", {"form": form, "level": level})


@require_http_methods(["GET", "POST"])
@allow("assurance.manage")
def level_remove(request: HttpRequest, pk: int) -> HttpResponse:
    level = _level(pk)
    problem = None
    if request.method == "POST":
        try:
            services.scale_level_remove(level=level, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, f"“{level.label}” was removed.")
            return redirect("assurance:scales")
    return render(request, "assurance/scale_remove.html", {"level": level, "problem": problem})
