"""Reads of papers and their published versions. Who sees what is decided here and in the
rules ``paper.manage`` (drafts, for OPCC staff) and ``paper.read`` (published versions: anyone
for a public meeting, OPCC staff and auditors for a private one).

Lists never load a version's content or files.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from planwatch.governance.models import Body, Meeting
from planwatch.papers.content import BulletList, PaperContent, Paragraph, Section
from planwatch.papers.kinds import build
from planwatch.papers.models import Job, Paper, PaperVersion
from planwatch.papers.render.layout import section_title
from planwatch.permissions import can


def papers_list() -> QuerySet[Paper]:
    """Every paper, newest first, with what its list row shows, for OPCC staff."""
    return Paper.objects.select_related("plan", "body", "meeting", "agenda_item").prefetch_related(
        Prefetch("versions", queryset=PaperVersion.objects.without_files().order_by("number"))
    )


def paper_for(pk: int) -> Paper:
    paper = (
        Paper.objects.select_related("plan", "body", "meeting__body", "agenda_item", "theme")
        .filter(pk=pk)
        .first()
    )
    if paper is None:
        raise Http404("No such paper")
    return paper


def job_for(pk: int, *, with_file: bool = False) -> Job:
    """A background job (OPCC staff follow any of them, as they share the work)."""
    jobs = Job.objects.select_related("paper__body", "paper__meeting", "meeting__body")
    job = (jobs if with_file else jobs.defer("result")).filter(pk=pk).first()
    if job is None:
        raise Http404("No such job")
    return job


def latest_pack(meeting: Meeting, *, with_file: bool = False) -> Job | None:
    """The meeting's most recently assembled agenda pack, if any."""
    packs = Job.objects.filter(meeting=meeting, what=Job.What.PACK, state=Job.State.DONE)
    return (packs if with_file else packs.defer("result")).order_by("-finished_at").first()


def pack_in_hand(meeting: Meeting) -> Job | None:
    """An agenda pack being assembled for the meeting, if one is."""
    return (
        Job.objects.filter(
            meeting=meeting,
            what=Job.What.PACK,
            state__in=[Job.State.QUEUED, Job.State.RUNNING],
        )
        .defer("result")
        .first()
    )


def versions_of(paper: Paper) -> list[PaperVersion]:
    """The published versions, newest first, without their files."""
    return list(paper.versions.without_files().select_related("published_by").order_by("-number"))


def version_for(user: Any, paper_pk: int, number: int) -> PaperVersion:
    """A published version with its files, if the user may read it; 404 otherwise, so papers
    of private meetings do not leak."""
    version = (
        PaperVersion.objects.select_related("paper__meeting", "paper__body")
        .filter(paper_id=paper_pk, number=number)
        .first()
    )
    if version is None or not can(user, "paper.read", version.paper):
        raise Http404("No such paper")
    return version


@dataclass(frozen=True)
class OnAgenda:
    """A paper as a meeting's page lists it: its latest version, if published."""

    paper: Paper
    versions: list[PaperVersion]  # newest first

    @property
    def latest(self) -> PaperVersion | None:
        return self.versions[0] if self.versions else None


def papers_at_meeting(user: Any, meeting: Meeting) -> dict[int | None, list[OnAgenda]]:
    """The meeting's papers by agenda item id (None for papers on no item). Others than OPCC
    staff see only published papers, and only those the rule lets them read."""
    papers = (
        Paper.objects.filter(meeting=meeting)
        .select_related("meeting")
        .prefetch_related(
            Prefetch("versions", queryset=PaperVersion.objects.without_files().order_by("-number"))
        )
    )
    staff = can(user, "paper.manage")
    found: dict[int | None, list[OnAgenda]] = {}
    for paper in papers.order_by("created_at", "pk"):
        versions = list(paper.versions.all())
        if not staff and not (versions and can(user, "paper.read", paper)):
            continue
        found.setdefault(paper.agenda_item_id, []).append(OnAgenda(paper, versions))
    return found


def earlier_papers(
    *,
    plan: Any,
    kind: str,
    body: Body | None = None,
    before: dt.datetime | None = None,
    exclude: int | None = None,
) -> list[tuple[Paper, PaperVersion]]:
    """Published papers of this kind on the Plan (to the body, at meetings before ``before``),
    each with its latest version, the most recent meeting first."""
    papers = Paper.objects.filter(plan=plan, kind=kind, versions__isnull=False).distinct()
    if body is not None:
        papers = papers.filter(body=body)
    if before is not None:
        papers = papers.filter(meeting__starts__lt=before)
    if exclude is not None:
        papers = papers.exclude(pk=exclude)
    papers = papers.select_related("meeting", "body").prefetch_related(
        Prefetch("versions", queryset=PaperVersion.objects.without_files().order_by("-number"))
    )
    found = [(paper, next(iter(paper.versions.all()))) for paper in papers]
    return sorted(
        found,
        key=lambda pair: pair[0].meeting.starts if pair[0].meeting else pair[1].published_at,
        reverse=True,
    )


def draft_content(paper: Paper, *, narrative: dict[str, str] | None = None) -> PaperContent:
    """The paper built from the current data (with ``narrative`` instead of its own, when
    given). ValueError when its parameters do not fit the data; BuilderUnavailable when its
    kind cannot be built."""
    if narrative is not None:
        paper = copy.copy(paper)
        paper.narrative = narrative
    return build(
        paper.kind,
        paper.plan,
        period=paper.period or None,
        theme=paper.theme,
        year=paper.year or None,
        paper=paper,
    )


@dataclass(frozen=True)
class EditablePart:
    key: str
    section: str
    default: str
    current: str
    is_list: bool


def _editable_texts(content: PaperContent) -> dict[str, tuple[str, str, bool]]:
    """key -> (section title, text, is a list) for every editable block, in reading order."""
    found: dict[str, tuple[str, list[str], bool]] = {}

    def walk(section: Section, title: str) -> None:
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.editable:
                found.setdefault(block.editable, (title, [], False))[1].append(block.text)
            elif isinstance(block, BulletList) and block.editable:
                found.setdefault(block.editable, (title, [], True))[1].extend(block.items)
        for sub in section.subsections:
            walk(sub, title)

    for section in content.sections:
        walk(section, section_title(section, appendix=False, top=True))
    for section in content.appendices:
        walk(section, section_title(section, appendix=True, top=True))
    return {
        key: (title, ("\n" if is_list else "\n\n").join(texts), is_list)
        for key, (title, texts, is_list) in found.items()
    }


def editable_parts(paper: Paper) -> list[EditablePart]:
    """Each part of the paper officers may edit: the wording the data give, and the text the
    paper has now (the same unless an officer changed it)."""
    defaults = _editable_texts(draft_content(paper, narrative={}))
    current = _editable_texts(draft_content(paper))
    return [
        EditablePart(
            key=key,
            section=title,
            default=text,
            current=current.get(key, (title, text, is_list))[1],
            is_list=is_list,
        )
        for key, (title, text, is_list) in defaults.items()
    ]
