"""Pages for work done in the background: ask for a draft PDF or a meeting's agenda pack, follow
the job's state, and take the file when it is ready; and the agenda pack as the meeting's page
offers it to everyone who may see the meeting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from planwatch.governance.selectors import body_for, meeting_for
from planwatch.papers import jobs
from planwatch.papers.downloads import file_response
from planwatch.papers.models import Job, PaperVersion
from planwatch.papers.render import CONTENT_TYPES
from planwatch.papers.selectors import job_for, latest_pack, paper_for
from planwatch.permissions import allow


def _job_page(job: Job) -> HttpResponse:
    return redirect("papers:job", pk=job.pk)


@require_POST
@allow("paper.manage")
def draft_job(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    paper = paper_for(pk)
    if fmt not in jobs.BACKGROUND_FORMATS:
        raise Http404("No such format")
    try:
        job = jobs.job_draft(paper=paper, by=request.user, fmt=fmt)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("papers:paper", pk=paper.pk)
    return _job_page(job)


@require_POST
@allow("paper.manage")
def pack_job(request: HttpRequest, body: str, pk: int) -> HttpResponse:
    meeting = meeting_for(request.user, body_for(body), pk)
    try:
        job = jobs.job_pack(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("governance:meeting", body=body, pk=pk)
    return _job_page(job)


def _done_message(job: Job) -> str:
    if job.state != Job.State.DONE or job.what != Job.What.PUBLISH:
        return ""
    number = PaperVersion.objects.filter(pk=job.version_id).values_list("number", flat=True)
    return f"Version {number[0]} was published." if number else "The paper was published."


def _state(job: Job) -> dict:
    return {
        "state": job.state,
        "message": _done_message(job),
        "label": job.get_state_display(),
        "finished": job.is_finished,
        "error": job.error,
        "file": reverse("papers:job-file", kwargs={"pk": job.pk})
        if job.state == Job.State.DONE and job.what != Job.What.PUBLISH
        else "",
    }


@require_GET
@allow("paper.manage")
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for(pk)
    return render(request, "papers/job.html", {"job": job, "state": _state(job)})


@require_GET
@allow("paper.manage")
def job_state(request: HttpRequest, pk: int) -> JsonResponse:
    """The job's state for the page's script, which polls it until the job is finished."""
    response = JsonResponse(_state(job_for(pk)))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@allow("paper.manage")
def job_file(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for(pk, with_file=True)
    if job.state != Job.State.DONE or job.result is None:
        raise Http404("The file is not ready")
    return _file(job)


def _file(job: Job) -> HttpResponse:
    data = bytes(job.result)
    if job.paper is not None:
        response = file_response(data, job.fmt, job.paper, version=None)
    else:
        response = HttpResponse(data, content_type=CONTENT_TYPES[job.fmt])
        response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


@require_GET
@allow("governance.view")
def pack_download(request: HttpRequest, body: str, pk: int) -> HttpResponse:
    """The meeting's latest agenda pack, for anyone who may see the meeting: it holds only
    papers published for it, which they may read."""
    meeting = meeting_for(request.user, body_for(body), pk)
    pack = latest_pack(meeting, with_file=True)
    if pack is None:
        raise Http404("The agenda pack has not been assembled")
    return _file(pack)
