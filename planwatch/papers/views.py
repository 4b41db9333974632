"""Officers' pages for papers: make one for an agenda item, change its heading, edit its
narrative, preview it and download drafts from the current data, publish it (in the
background: job_views), and see its versions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from planwatch.governance.forms import put_errors
from planwatch.governance.models import AgendaItem
from planwatch.papers import jobs, services
from planwatch.papers.downloads import file_response
from planwatch.papers.forms import NarrativeForm, PaperForm, PublishForm
from planwatch.papers.kinds import BuilderUnavailable, kind_for_agenda
from planwatch.papers.models import Paper
from planwatch.papers.render import CONTENT_TYPES
from planwatch.papers.render import render as render_paper
from planwatch.papers.render.layout import DRAFT_NOTE, layout
from planwatch.papers.selectors import (
    draft_content,
    editable_parts,
    paper_for,
    papers_list,
    versions_of,
)
from planwatch.permissions import allow
from planwatch.plans.models import Plan


def _posted(request: HttpRequest):
    """The posted data, even when empty (a confirmation has no fields); None for a GET."""
    return request.POST if request.method == "POST" else None


@require_GET
@allow("paper.manage")
def paper_list(request: HttpRequest) -> HttpResponse:
    return render(request, "papers/list.html", {"papers": papers_list()})


@require_http_methods(["GET", "POST"])
@allow("paper.manage")
def paper_add(request: HttpRequest, item: int) -> HttpResponse:
    agenda_item = AgendaItem.objects.select_related("meeting__body").filter(pk=item).first()
    if agenda_item is None:
        raise Http404("No such agenda item")
    meeting = agenda_item.meeting
    plan = Plan.objects.first()
    form = PaperForm(
        _posted(request),
        initial={
            "kind": kind_for_agenda(agenda_item.paper_kind),
            "plan": plan,
            "title": agenda_item.paper_title,
            "report_of": f"Police and Crime Commissioner for {plan.area}" if plan else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.paper_create(
                plan=form.cleaned_data["plan"],
                kind=form.cleaned_data["kind"],
                body=meeting.body,
                agenda_item=agenda_item,
                by=request.user,
                **form.paper_fields(),
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The paper was made. Check its narrative, then publish it.")
            return redirect("papers:paper", pk=paper.pk)
    return render(
        request,
        "papers/paper_form.html",
        {"form": form, "item": agenda_item, "meeting": meeting, "title": "Prepare the paper"},
    )


@require_http_methods(["GET", "POST"])
@allow("paper.manage")
def paper_edit(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_for(pk)
    form = PaperForm(_posted(request), paper=paper)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_edit(paper=paper, by=request.user, **form.paper_fields())
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The paper's heading and parameters were saved.")
            return redirect("papers:paper", pk=paper.pk)
    return render(
        request,
        "papers/paper_form.html",
        {
            "form": form,
            "paper": paper,
            "item": paper.agenda_item,
            "meeting": paper.meeting,
            "title": "Change the paper's heading and parameters",
        },
    )


def _unbuildable(request: HttpRequest, paper: Paper, error: Exception) -> HttpResponse:
    return render(
        request, "papers/unbuildable.html", {"paper": paper, "error": str(error)}, status=409
    )


@require_GET
@allow("paper.manage")
def paper_page(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_for(pk)
    versions = versions_of(paper)
    return render(
        request,
        "papers/paper.html",
        {"paper": paper, "versions": versions, "formats": CONTENT_TYPES},
    )


@require_http_methods(["GET", "POST"])
@allow("paper.manage")
def paper_narrative(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_for(pk)
    try:
        parts = editable_parts(paper)
    except (ValueError, BuilderUnavailable) as error:
        return _unbuildable(request, paper, error)
    form = NarrativeForm(_posted(request), parts=parts)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_edit_narrative(paper=paper, by=request.user, texts=form.texts())
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The narrative was saved.")
            return redirect("papers:paper", pk=paper.pk)
    return render(request, "papers/narrative_form.html", {"paper": paper, "form": form})


@require_GET
@allow("paper.manage")
def paper_preview(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_for(pk)
    try:
        content = draft_content(paper)
    except (ValueError, BuilderUnavailable) as error:
        return _unbuildable(request, paper, error)
    return render(
        request,
        "papers/preview.html",
        {"paper": paper, "shown": layout(content, draft=True), "draft_note": DRAFT_NOTE},
    )


@require_GET
@allow("paper.manage")
def paper_draft_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES or fmt in jobs.BACKGROUND_FORMATS:
        raise Http404("No such format")  # a PDF is printed in the background: see job_views
    paper = paper_for(pk)
    try:
        content = draft_content(paper)
    except (ValueError, BuilderUnavailable) as error:
        return _unbuildable(request, paper, error)
    return file_response(render_paper(content, fmt, draft=True), fmt, paper, version=None)


@require_http_methods(["GET", "POST"])
@allow("paper.manage")
def paper_publish(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_for(pk)
    latest = next(iter(versions_of(paper)), None)
    form = PublishForm(_posted(request), replaces=latest.number if latest else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = jobs.job_publish(
                paper=paper, by=request.user, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            return redirect("papers:job", pk=job.pk)
    return render(request, "papers/publish.html", {"paper": paper, "latest": latest, "form": form})
