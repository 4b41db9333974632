"""Consultation pages: surveys (import, results by question and by group, free text with
theme tags), the priorities heard from the public and partners, and "You said, we did"."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planwatch.consultation import services
from planwatch.consultation.forms import PriorityForm, SurveyImportForm
from planwatch.consultation.models import Answer, HeardPriority, Survey
from planwatch.consultation.selectors import (
    GROUPS,
    by_group,
    results,
    text_answers,
    you_said_we_did,
)
from planwatch.delivery.spreadsheet import SpreadsheetError
from planwatch.governance.forms import put_errors
from planwatch.permissions import allow
from planwatch.plans.models import Theme
from planwatch.plans.selectors import newest_plan

PER_PAGE = 50


def _survey(slug: str) -> Survey:
    found = Survey.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("No such survey")
    return found


@require_GET
@allow("consultation.read")
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultation/index.html",
        {
            "surveys": Survey.objects.all(),
            "priorities": HeardPriority.objects.select_related("survey"),
        },
    )


@require_http_methods(["GET", "POST"])
@allow("consultation.manage")
def survey_import(request: HttpRequest) -> HttpResponse:
    form = SurveyImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(upload.read())
            try:
                survey, parsed = services.survey_import(
                    path=path,
                    name=form.cleaned_data["name"],
                    mapping=form.mapping(),
                    by=request.user,
                )
            except SpreadsheetError as error:
                problems = [e.replace("upload" + suffix, upload.name) for e in error.errors]
            else:
                dropped = ", ".join(parsed.dropped) or "none"
                messages.success(
                    request,
                    f"{survey.respondents} responses imported. Personal columns left out: "
                    f"{dropped}. Email addresses and phone numbers blanked in free text: "
                    f"{parsed.blanked}.",
                )
                return redirect("consultation:survey", slug=survey.slug)
    return render(request, "consultation/import.html", {"form": form, "problems": problems})


@require_GET
@allow("consultation.read")
def survey_page(request: HttpRequest, slug: str) -> HttpResponse:
    survey = _survey(slug)
    group = request.GET.get("by", "")
    question = request.GET.get("question", "")
    table = None
    if group in GROUPS and question.isdecimal():
        found = survey.questions.filter(pk=int(question)).exclude(kind="text").first()
        if found is None:
            raise Http404("No such question")
        table = by_group(found, group)
    return render(
        request,
        "consultation/survey.html",
        {
            "survey": survey,
            "results": results(survey),
            "texts": survey.questions.filter(kind="text"),
            "groups": GROUPS,
            "table": table,
            "group": GROUPS.get(group),
            "dropped": [d for d in survey.dropped_columns.splitlines() if d],
        },
    )


@require_GET
@allow("consultation.manage")
def text_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(slug)
    question = survey.questions.filter(pk=pk, kind="text").first()
    if question is None:
        raise Http404("No such question")
    search = request.GET.get("q", "").strip()
    theme = request.GET.get("theme", "")
    answers = text_answers(question, search=search, theme=int(theme) if theme.isdecimal() else None)
    page = Paginator(answers, PER_PAGE).get_page(request.GET.get("page"))
    plan = newest_plan()
    return render(
        request,
        "consultation/text.html",
        {
            "survey": survey,
            "question": question,
            "page": page,
            "search": search,
            "theme": theme,
            "themes": Theme.objects.filter(plan=plan) if plan else Theme.objects.none(),
            "page_query": urlencode({k: v for k, v in (("q", search), ("theme", theme)) if v}),
        },
    )


@require_POST
@allow("consultation.manage")
def answer_tag(request: HttpRequest, pk: int) -> HttpResponse:
    answer = (
        Answer.objects.select_related("question__survey")
        .filter(pk=pk, question__kind="text")
        .first()
    )
    if answer is None:
        raise Http404("No such answer")
    chosen = [t for t in request.POST.getlist("themes") if t.isdecimal()]
    themes = Theme.objects.filter(pk__in=chosen)
    services.answer_tag(answer=answer, themes=themes, by=request.user)
    messages.success(request, "The themes were saved.")
    question = answer.question
    target = reverse("consultation:text", args=[question.survey.slug, question.pk])
    back = request.POST.get("back", "")
    safe = back.startswith(target) and url_has_allowed_host_and_scheme(back, allowed_hosts=None)
    return redirect(back if safe else target)


@require_http_methods(["GET", "POST"])
@allow("consultation.manage")
def priority_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    priority = HeardPriority() if pk is None else HeardPriority.objects.filter(pk=pk).first()
    if priority is None:
        raise Http404("No such priority")
    form = PriorityForm(request.POST or None, instance=priority, plan=newest_plan())
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "objectives"}
        try:
            services.priority_save(
                priority=priority,
                by=request.user,
                objectives=form.cleaned_data["objectives"],
                **fields,
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The priority was saved.")
            return redirect("consultation:index")
    return render(request, "consultation/priority_form.html", {"form": form, "priority": priority})


@require_GET
@allow("page.public")
def we_did(request: HttpRequest) -> HttpResponse:
    return render(request, "consultation/we_did.html", {"rows": you_said_we_did(request.user)})
