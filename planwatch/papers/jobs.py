"""Work that takes seconds runs in the background: a paper printed as PDF, its publication
(which prints it in every format), and a meeting's agenda pack.

A request records a Job (who asked, when, for what) and queues it through Django's tasks
framework (django-tasks, database backend); `planwatch worker` runs it and stores the file or
the published version on the Job; the job's page shows its state and offers the file when it
is done. Checks that can be made at once (may this user publish, does the paper need a reason)
are made when the job is asked for, so a refusal comes back on the form, not later.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from planwatch.accounts.models import User
from planwatch.governance.models import Meeting
from planwatch.papers import services
from planwatch.papers.downloads import filename
from planwatch.papers.kinds import BuilderUnavailable
from planwatch.papers.models import Job, Paper, sha256
from planwatch.papers.pack import agenda_pack_pdf, pack_filename, pack_versions
from planwatch.papers.render import render
from planwatch.papers.selectors import draft_content
from planwatch.permissions import can

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "Something went wrong while making the file. Ask for it again; if it fails again, tell "
    "the system's administrator."
)
# Formats slow enough to print in the background; Word and HTML take a fraction of a second.
BACKGROUND_FORMATS = frozenset({"pdf"})
UNFINISHED = (Job.State.QUEUED, Job.State.RUNNING)


def _require(by: User | None, rule: str) -> None:
    if by is not None and not can(by, rule):
        raise PermissionDenied(rule)


def _queue(job: Job) -> Job:
    """The job, queued; or the same job already waiting or running (a second click)."""
    same = Job.objects.filter(
        what=job.what, paper=job.paper, meeting=job.meeting, fmt=job.fmt, state__in=UNFINISHED
    ).first()
    if same is not None:
        return same
    job.requested_at = timezone.now()
    job.full_clean()
    job.save()
    result = run_job.enqueue(job.pk)
    job.task_id = str(result.id)
    job.save(update_fields=["task_id"])
    return job


@transaction.atomic
def job_draft(*, paper: Paper, by: User | None, fmt: str = "pdf") -> Job:
    """Print the draft paper from the current data in the background."""
    _require(by, "paper.manage")
    if fmt not in BACKGROUND_FORMATS:
        raise ValidationError(f"{fmt} files are made at once; download them directly.")
    try:
        draft_content(paper)
    except (ValueError, BuilderUnavailable) as error:
        raise ValidationError(str(error)) from None
    return _queue(Job(what=Job.What.DRAFT, paper=paper, fmt=fmt, requested_by=by))


@transaction.atomic
def job_publish(*, paper: Paper, by: User | None, reason: str = "") -> Job:
    """Publish the paper in the background; refused at once when it may not be published."""
    _require(by, "paper.manage")
    services.publishable_content(paper, reason)
    return _queue(Job(what=Job.What.PUBLISH, paper=paper, reason=reason.strip(), requested_by=by))


@transaction.atomic
def job_pack(*, meeting: Meeting, by: User | None) -> Job:
    """Assemble the meeting's agenda pack from its published papers in the background."""
    _require(by, "paper.manage")
    if not pack_versions(meeting):
        raise ValidationError("No paper at this meeting is published yet: publish them first.")
    return _queue(Job(what=Job.What.PACK, meeting=meeting, requested_by=by))


def _finish(job: Job, **fields) -> None:
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now(), **fields)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, PermissionDenied):
        return "You may no longer do this."
    return str(error)


def _make(job: Job) -> None:
    if job.what == Job.What.PUBLISH:
        version = services.paper_publish(paper=job.paper, by=job.requested_by, reason=job.reason)
        _finish(job, state=Job.State.DONE, version=version)
        return
    if job.what == Job.What.DRAFT:
        _require(job.requested_by, "paper.manage")
        data = render(draft_content(job.paper), job.fmt, draft=True)
        name = filename(job.paper, job.fmt, None)
    else:
        _require(job.requested_by, "paper.manage")
        data = agenda_pack_pdf(job.meeting, pack_versions(job.meeting))
        name = pack_filename(job.meeting)
    _finish(job, state=Job.State.DONE, result=data, result_sha256=sha256(data), filename=name)


@task()
def run_job(job_id: int) -> str:
    """Run a queued job once: its state says how it went; a refusal is kept as its message."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "not queued"
    job = Job.objects.select_related("paper__body", "paper__meeting", "meeting__body").get(
        pk=job_id
    )
    try:
        _make(job)
    except (ValidationError, ValueError, BuilderUnavailable, PermissionDenied) as error:
        _finish(job, state=Job.State.FAILED, error=_message(error))
        return Job.State.FAILED
    except Exception:
        logger.exception("Job %s failed", job_id)
        _finish(job, state=Job.State.FAILED, error=UNEXPECTED)
        raise
    return Job.State.DONE
