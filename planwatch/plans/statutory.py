"""The statutory checklist for a version of a Plan (Police Reform and Social Responsibility Act
2011): what s.7 says a Plan must set out, the s.5 steps in making it, and the matters to have
regard to. A requirement is met by what PlanWatch already records (the version's steps, its
themes and objectives, the performance framework) or by the Plan section, document, date or
decision an officer points to (ChecklistEntry)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from planwatch.accounts.models import User
from planwatch.permissions import can
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import ChecklistEntry, Objective, PlanStatus, PlanVersion
from planwatch.recorded import save_recorded


@dataclass(frozen=True)
class Requirement:
    code: str
    group: str
    text: str
    #: Met by the step that reaches this state, when one is recorded for the version.
    step: str | None = None
    #: Can only be met once the version is published, so publishing does not wait for it.
    after_publication: bool = False


CONTENTS, STEPS, REGARD = (
    "What the Plan must set out (s.7)",
    "Steps in making the Plan (s.5)",
    "Matters to have regard to",
)
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("s7-1-a", CONTENTS, "s.7(1)(a): the Commissioner's police and crime objectives"),
    Requirement("s7-1-b", CONTENTS, "s.7(1)(b): the policing the Chief Constable is to provide"),
    Requirement(
        "s7-1-c",
        CONTENTS,
        "s.7(1)(c): the financial and other resources given to the Chief Constable",
    ),
    Requirement(
        "s7-1-d", CONTENTS, "s.7(1)(d): how the Chief Constable reports to the Commissioner"
    ),
    Requirement("s7-1-e", CONTENTS, "s.7(1)(e): how the Chief Constable's performance is measured"),
    Requirement(
        "s7-1-f",
        CONTENTS,
        "s.7(1)(f): the services the Commissioner provides or arranges (crime and disorder "
        "reduction, support for victims and witnesses)",
    ),
    Requirement(
        "s7-2", CONTENTS, "s.7(2): the grants the Commissioner is to make, and their conditions"
    ),
    Requirement(
        "s5-chief-constable",
        STEPS,
        "Consult the Chief Constable on the draft",
        PlanStatus.OUT_FOR_COMMENT,
    ),
    Requirement(
        "s5-panel", STEPS, "Send the draft to the Police and Crime Panel", PlanStatus.WITH_PANEL
    ),
    Requirement(
        "s5-panel-response", STEPS, "Have regard to the Panel's report and publish a response"
    ),
    Requirement(
        "s5-publish", STEPS, "Publish the Plan", PlanStatus.PUBLISHED, after_publication=True
    ),
    Requirement("s5-send", STEPS, "Send the Plan to the Chief Constable", after_publication=True),
    Requirement("s5-financial-year", STEPS, "Issue it within the financial year of the election"),
    Requirement("regard-spr", REGARD, "The Strategic Policing Requirement"),
    Requirement("regard-partners", REGARD, "The priorities of each responsible authority"),
    Requirement("regard-community", REGARD, "The views of the community, including victims"),
    Requirement("regard-children", REGARD, "Safeguarding and promoting the welfare of children"),
    Requirement("regard-equality", REGARD, "Equality duties"),
    Requirement("regard-guidance", REGARD, "Home Office guidance and codes of practice"),
)
BY_CODE = {r.code: r for r in REQUIREMENTS}


@dataclass(frozen=True)
class Check:
    requirement: Requirement
    met: bool
    #: What meets it, in words: each recorded entry, step or part of the Plan.
    evidence: tuple[str, ...]


def _date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def checklist(version: PlanVersion) -> list[Check]:
    """Each requirement for this version, met or not, with what meets it."""
    found: dict[str, list[str]] = {r.code: [] for r in REQUIREMENTS}
    for entry in version.evidence.all():
        when = f" ({_date(entry.on)})" if entry.on else ""
        found.setdefault(entry.requirement, []).append(
            f"{entry.get_kind_display()}: {entry.reference}{when}"
        )
    steps = {step.state: step for step in version.steps.all()}
    for requirement in REQUIREMENTS:
        step = steps.get(requirement.step) if requirement.step else None
        if step is not None:
            note = f": {step.note}" if step.note else ""
            label = PlanStatus(step.state).label
            found[requirement.code].append(f"Step recorded: {label} on {_date(step.on)}{note}")
    objectives = _objective_count(version)
    if objectives:
        found["s7-1-a"].append(f"The Plan's themes: {objectives} objective(s)")
    measures = _indicator_count(version)
    if measures:
        found["s7-1-e"].append(f"The performance framework: {measures} indicator(s)")
    return [Check(r, bool(found[r.code]), tuple(found[r.code])) for r in REQUIREMENTS]


def _objective_count(version: PlanVersion) -> int:
    """The version's objectives: as kept when it was published, once a later version exists."""
    if version.document and version.plan.versions.filter(number__gt=version.number).exists():
        document = parse_plan_document(version.document)
        return sum(len(theme.objectives) for theme in document.themes)
    return Objective.objects.filter(theme__plan=version.plan).count()


def _indicator_count(version: PlanVersion) -> int:
    from planwatch.performance.models import Indicator  # performance builds on plans

    return Indicator.objects.filter(themes__plan=version.plan).distinct().count()


def missing_before_publication(version: PlanVersion) -> list[Requirement]:
    """The requirements not yet met that publishing the version should have met."""
    return [
        check.requirement
        for check in checklist(version)
        if not check.met and not check.requirement.after_publication
    ]


@transaction.atomic
def evidence_add(
    *,
    version: PlanVersion,
    requirement: str,
    kind: str,
    reference: str,
    on: dt.date | None,
    by: User | None,
) -> ChecklistEntry:
    """Record what meets a requirement."""
    if by is not None and not can(by, "plan.edit"):
        raise PermissionDenied("plan.edit")
    if requirement not in BY_CODE:
        raise ValidationError({"requirement": "Choose a requirement from the list."})
    if version.state in (PlanStatus.VARIED, PlanStatus.SUPERSEDED):
        raise ValidationError({"requirement": "This version is no longer in force."})
    entry = ChecklistEntry(
        version=version,
        requirement=requirement,
        kind=kind,
        reference=reference.strip(),
        on=on,
        by=by,
    )
    save_recorded(entry, by, f"Checklist: {BY_CODE[requirement].text}")
    return entry
