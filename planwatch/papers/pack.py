"""A meeting's agenda pack: one tagged PDF of its published papers in agenda order, after a
cover page that lists them with the page each starts on.

Each paper goes in exactly as it was published (its stored web page, printed again), so the
pack says what the published papers say, even when PlanWatch's data have changed since.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from planwatch.governance.models import Meeting
from planwatch.language import in_english
from planwatch.papers.models import Paper, PaperVersion
from planwatch.reporting.pdf import quiet_svg_warnings

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PackEntry:
    number: str  # the agenda item number as printed ("" for a paper on no item)
    title: str
    version: PaperVersion
    first_page: int = 0


def pack_versions(meeting: Meeting) -> list[PackEntry]:
    """The latest published version of each paper at the meeting, in agenda order; papers on
    no agenda item come last, oldest first."""
    papers = (
        Paper.objects.filter(meeting=meeting, versions__isnull=False)
        .distinct()
        .select_related("agenda_item")
        .prefetch_related(Prefetch("versions", queryset=PaperVersion.objects.order_by("-number")))
    )

    def place(paper: Paper) -> tuple:
        item = paper.agenda_item
        return (item is None, item.position if item else 0, item.pk if item else 0, paper.pk)

    entries = []
    for paper in sorted(papers, key=place):
        latest = paper.versions.all()[0]
        number = paper.agenda_item.number if paper.agenda_item else paper.agenda_number
        entries.append(PackEntry(number=number, title=latest.title, version=latest))
    return entries


def _cover(meeting: Meeting, entries: list[PackEntry]) -> str:
    return render_to_string(
        "papers/pack_cover.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "entries": entries,
            "made_at": timezone.localtime(),
        },
    )


@in_english
def agenda_pack_pdf(meeting: Meeting, entries: list[PackEntry]) -> bytes:
    """The pack as one PDF/UA file. ValueError when no paper is published."""
    if not entries:
        raise ValueError("No paper at this meeting is published yet: publish them first.")
    from weasyprint import HTML  # imported late: loading pango costs time on start-up

    with quiet_svg_warnings():
        papers = [
            HTML(string=entry.version.file("html").decode("utf-8")).render(pdf_variant=PDF_VARIANT)
            for entry in entries
        ]
        # The contents give each paper's first page, which depends on the cover's length:
        # lay the cover out, number the papers after it, and lay it out again.
        cover = HTML(string=_cover(meeting, entries)).render(pdf_variant=PDF_VARIANT)
        for _ in range(3):
            page = len(cover.pages) + 1
            numbered = []
            for entry, paper in zip(entries, papers, strict=True):
                numbered.append(
                    PackEntry(entry.number, entry.title, entry.version, first_page=page)
                )
                page += len(paper.pages)
            again = HTML(string=_cover(meeting, numbered)).render(pdf_variant=PDF_VARIANT)
            settled = len(again.pages) == len(cover.pages)
            cover = again
            if settled:
                break
        pages = [page for document in (cover, *papers) for page in document.pages]
        return cover.copy(pages).write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)


def pack_filename(meeting: Meeting) -> str:
    """For example 2018-09-12-police-and-crime-panel-agenda-pack.pdf."""
    when = timezone.localtime(meeting.starts).date().isoformat()
    return f"{when}-{meeting.body.slug}-agenda-pack.pdf"
