"""Writes to papers. Each checks the permission rules itself, runs in one transaction and
records who made the change (django-simple-history).

Publishing renders the paper from the current data in every format and stores the files with
the content they were made from, each with its SHA-256. A published version is never changed:
publishing again makes the next version, which names the version it replaces and says why.

``by=None`` is the system (a command run by the server's operator).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from planwatch.accounts.models import User
from planwatch.delivery.models import ReportingPeriod
from planwatch.governance.models import AgendaItem, Body, Meeting
from planwatch.papers.content import PaperContent
from planwatch.papers.kinds import BuilderUnavailable, spec_for
from planwatch.papers.models import Kind, Paper, PaperVersion, sha256
from planwatch.papers.render import render_all
from planwatch.papers.selectors import draft_content, editable_parts
from planwatch.permissions import can
from planwatch.plans.models import Plan
from planwatch.recorded import save_recorded

HEADING_FIELDS = frozenset(
    {"title", "report_of", "author", "contact_officer", "contact_details", "agenda_number"}
)
PARAMETER_FIELDS = frozenset({"period", "theme", "year"})
PLACE_FIELDS = frozenset({"meeting", "agenda_item"})


def _require(by: User | None, rule: str = "paper.manage") -> None:
    if by is not None and not can(by, rule):
        raise PermissionDenied(rule)


def _check_builds(paper: Paper) -> None:
    """Build the paper once from the current data, so that a paper that cannot be made (a
    period the Plan does not have, say) is refused when it is saved, not when it is read."""
    try:
        draft_content(paper)
    except BuilderUnavailable as error:
        raise ValidationError({"kind": str(error)}) from None
    except ValueError as error:
        needs = spec_for(paper.kind).needs or spec_for(paper.kind).uses
        raise ValidationError({needs[0] if needs else "kind": str(error)}) from None


def _set(paper: Paper, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(paper, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def paper_create(
    *,
    plan: Plan,
    kind: str,
    body: Body,
    by: User | None,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    **fields: Any,
) -> Paper:
    """A new draft paper of a kind, to a body (at a meeting, for an agenda item)."""
    _require(by)
    if kind not in Kind.values:
        raise ValidationError({"kind": f"Choose a kind of paper: {', '.join(Kind.values)}."})
    if agenda_item is not None:
        meeting = meeting or agenda_item.meeting
        fields.setdefault("agenda_number", agenda_item.number)
        fields.setdefault("title", agenda_item.paper_title)
    paper = Paper(
        kind=kind,
        plan=plan,
        body=body,
        meeting=meeting,
        agenda_item=agenda_item,
        created_by=by,
        report_of=f"Police and Crime Commissioner for {plan.area}",
    )
    if not fields.get("title"):
        fields["title"] = spec_for(kind).default_title
    _set(paper, fields, HEADING_FIELDS | PARAMETER_FIELDS)
    paper.full_clean()
    _check_builds(paper)
    save_recorded(paper, by, "Created")
    return paper


@transaction.atomic
def paper_edit(*, paper: Paper, by: User | None, **fields: Any) -> Paper:
    """Change a draft paper's heading, its parameters or its place on an agenda."""
    _require(by)
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    _set(paper, fields, HEADING_FIELDS | PARAMETER_FIELDS | PLACE_FIELDS)
    if "agenda_item" in fields and paper.agenda_item is not None:
        paper.meeting = paper.agenda_item.meeting
        if "agenda_number" not in fields:
            paper.agenda_number = paper.agenda_item.number
    paper.full_clean()
    _check_builds(paper)
    save_recorded(paper, by, "Changed the heading or parameters")
    return paper


@transaction.atomic
def paper_edit_narrative(*, paper: Paper, by: User | None, texts: dict[str, str]) -> Paper:
    """Set the officers' text of editable parts, by key. Text that is empty, or the same as
    the wording the data give, is not kept: that part follows the data again."""
    _require(by)
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    parts = {part.key: part for part in editable_parts(paper)}
    unknown = set(texts) - set(parts)
    if unknown:
        raise ValidationError(f"The paper has no part to edit called {', '.join(sorted(unknown))}.")
    narrative = dict(paper.narrative)
    for key, text in texts.items():
        text = text.replace("\r\n", "\n").strip()
        if not text or text == parts[key].default.strip():
            narrative.pop(key, None)
        else:
            narrative[key] = text
    paper.narrative = narrative
    save_recorded(paper, by, "Edited the narrative")
    return paper


def _check_publishable(paper: Paper) -> None:
    if paper.kind == Kind.DELIVERY_MONITORING and paper.period:
        period = ReportingPeriod.objects.filter(plan=paper.plan, slug=paper.period).first()
        if period is not None and not period.is_published:
            raise ValidationError(
                f"{period.label} is not published yet: publish the quarter first, so that the "
                "paper shows only approved updates."
            )


def publishable_content(paper: Paper, reason: str) -> tuple[PaperVersion | None, PaperContent]:
    """The version the next one would replace, and the content it would publish; a
    ValidationError saying why when it may not be published now."""
    previous = paper.versions.without_files().order_by("-number").first()
    if previous is not None and not reason.strip():
        raise ValidationError(
            {"reason": f"Say what this version corrects in version {previous.number}."}
        )
    _check_publishable(paper)
    try:
        content = draft_content(paper)
    except (ValueError, BuilderUnavailable) as error:
        raise ValidationError(str(error)) from None
    if previous is not None and previous.content_hash == content.digest():
        raise ValidationError(
            f"Nothing has changed since version {previous.number}: it says exactly this."
        )
    return previous, content


@transaction.atomic
def paper_publish(*, paper: Paper, by: User | None, reason: str = "") -> PaperVersion:
    """Render the paper from the current data and store it, frozen, as its next version.

    A second or later version replaces the one before and must say what it corrects; a
    version identical in content to the one before is refused.
    """
    _require(by)
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    previous, content = publishable_content(paper, reason)
    reason = reason.strip()
    files = render_all(content)
    version = PaperVersion(
        paper=paper,
        number=previous.number + 1 if previous else 1,
        published_at=timezone.now(),
        published_by=by,
        replaces=previous,
        reason=reason,
        title=content.title,
        content_json=content.to_json(),
        content_hash=content.digest(),
        **{fmt: data for fmt, data in files.items()},
        **{f"{fmt}_sha256": sha256(data) for fmt, data in files.items()},
    )
    version.full_clean()
    version.save()
    save_recorded(
        paper, by, f"Published version {version.number}" + (f": {reason}" if reason else "")
    )
    return version
