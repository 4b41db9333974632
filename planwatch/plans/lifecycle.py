"""A Plan's life: each version goes draft -> out for comment (partners, the Chief Constable) ->
with the Panel -> approved (the BCB's decision) -> published (from an effective date); a later
variation is a new version, and publishing it leaves the one before as "varied". Each step
records its date, who recorded it and a note. Writes check the rules, run in one transaction and
are recorded (django-simple-history for the version, PlanStep rows for the steps)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from planwatch.accounts.models import User
from planwatch.permissions import can
from planwatch.plans.document import PlanDoc, dump_plan_document, parse_plan_document
from planwatch.plans.models import Plan, PlanStatus, PlanStep, PlanVersion
from planwatch.plans.statutory import missing_before_publication
from planwatch.recorded import save_recorded

S = PlanStatus
#: Where a version may go from each state; the steps are taken in order, and a version out
#: for comment or with the Panel may go back to draft (with a reason).
NEXT: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.OUT_FOR_COMMENT,),
    S.OUT_FOR_COMMENT: (S.WITH_PANEL, S.DRAFT),
    S.WITH_PANEL: (S.APPROVED, S.DRAFT),
    S.APPROVED: (S.PUBLISHED,),
    S.PUBLISHED: (S.SUPERSEDED,),
    S.VARIED: (),
    S.SUPERSEDED: (),
}
#: Steps that need a note: what the BCB decided, why it went back, what replaced it.
NOTE_NEEDED = {
    S.APPROVED: "Say what the Business Co-ordination Board decided (the decision's reference).",
    S.DRAFT: "Say why the draft goes back for changes.",
    S.SUPERSEDED: "Say which Plan replaces it.",
}
PUBLIC_STATES = frozenset({S.PUBLISHED, S.VARIED, S.SUPERSEDED})


def step_problem(state: str, to: str, note: str) -> str | None:
    """Why a version in `state` cannot move to `to` with this note; None when it can."""
    if to not in NEXT.get(state, ()):
        allowed = ", ".join(S(next_state).label.lower() for next_state in NEXT.get(state, ()))
        label = S(state).label.lower()
        return f"A version that is {label} can move only to: {allowed or 'nothing further'}."
    if to in NOTE_NEEDED and not note.strip():
        return NOTE_NEEDED[to]
    return None


def _require(by: User | None) -> None:
    if by is not None and not can(by, "plan.edit"):
        raise PermissionDenied("plan.edit")


def _frozen(plan: Plan) -> str:
    """The Plan's parts as they are now, as the text of a Plan document."""
    from planwatch.plans.selectors import plan_document  # selectors read through the rules

    return dump_plan_document(plan_document(plan))


def versions_ensure(*, plan: Plan, by: User | None) -> PlanVersion:
    """The version being worked on; a Plan made before versions were kept gets its first one
    now, in the Plan's own state (with its text kept if it is already public)."""
    latest = plan.versions.order_by("-number").first()
    if latest is not None:
        return latest
    version = PlanVersion(plan=plan, number=1, state=plan.status, created_by=by)
    if plan.status in PUBLIC_STATES:
        version.document = _frozen(plan)
        version.effective_from = plan.starts
    save_recorded(version, by, "First version")
    return version


@transaction.atomic
def plan_step(
    *, plan: Plan, to: str, on: dt.date, note: str = "", override: str = "", by: User | None
) -> PlanVersion:
    """Move the version being worked on to its next state; publishing keeps its whole text
    and leaves the version published before it as varied. Publishing with statutory
    requirements not met is refused unless `override` gives the reason, which is recorded."""
    _require(by)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    version = versions_ensure(plan=plan, by=by)
    problem = step_problem(version.state, to, note)
    if problem:
        raise ValidationError({"to": problem})
    if to == S.PUBLISHED:
        if not plan.themes.exists():
            raise ValidationError({"to": "A Plan without themes cannot be published."})
        missing = missing_before_publication(version)
        if missing and not override.strip():
            raise ValidationError(
                {
                    "override": f"{len(missing)} statutory requirement(s) are not met: "
                    + "; ".join(r.text for r in missing)
                    + ". Record what meets them, or give the reason for publishing anyway."
                }
            )
        if missing:
            unmet = ", ".join(r.code for r in missing)
            note = f"{note.strip()} Published with requirements not met ({unmet}): {override}"
        version.document, version.effective_from = _frozen(plan), on
        for earlier in plan.versions.filter(state=S.PUBLISHED).exclude(pk=version.pk):
            earlier.state = S.VARIED
            save_recorded(earlier, by, f"Varied by version {version.number}")
            PlanStep.objects.create(
                version=earlier, state=S.VARIED, on=on, by=by, note=f"Version {version.number}"
            )
    version.state = to
    save_recorded(version, by, S(to).label)
    PlanStep.objects.create(version=version, state=to, on=on, note=note.strip(), by=by)
    # The Plan's own status is what the public may know of it: once a version is published it
    # stays public while a variation is drafted.
    public = plan.versions.filter(state=S.PUBLISHED).exists()
    status = S.PUBLISHED if public and to not in PUBLIC_STATES else to
    if plan.status != status:
        plan.status = status
        save_recorded(plan, by, f"Version {version.number}: {S(to).label.lower()}")
    return version


@transaction.atomic
def variation_start(*, plan: Plan, reason: str, by: User | None) -> PlanVersion:
    """Start a variation of the published Plan: a new draft version. The published text stays
    as it is (kept whole) while the parts are changed for the variation."""
    _require(by)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    current = versions_ensure(plan=plan, by=by)
    if current.state != S.PUBLISHED:
        raise ValidationError(
            {"reason": "Only a published Plan can be varied; finish the version in hand first."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say what the variation changes and why."})
    # Corrections made to the published parts since publication are part of what the public
    # read, so the published text is kept again as it stands before the parts change.
    current.document = _frozen(plan)
    save_recorded(current, by, "Text kept as published before a variation")
    version = PlanVersion(
        plan=plan, number=current.number + 1, reason=reason.strip(), created_by=by
    )
    save_recorded(version, by, "Variation started")
    PlanStep.objects.create(
        version=version, state=S.DRAFT, on=timezone.localdate(), note=reason.strip(), by=by
    )
    return version


def version_document(version: PlanVersion, *, latest: bool) -> PlanDoc:
    """The whole text of a version: the parts as they are now for the newest version (a
    published Plan's corrections show at once), else the text kept when it was published."""
    if version.document and not latest:
        return parse_plan_document(version.document)
    from planwatch.plans.selectors import plan_document

    return plan_document(version.plan)


def document_for(plan: Plan, number: int | None = None) -> PlanDoc:
    """The text documents print: version `number`, or by default the version in force (the
    current published one, as the public reads it, not a variation in hand); a Plan with no
    published version yet gives its parts as they are. LookupError for an unknown version."""
    versions = list(plan.versions.all())
    if number is not None:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            known = ", ".join(str(v.number) for v in versions) or "none yet"
            raise LookupError(f"{plan.slug} has no version {number} (versions: {known}).")
    else:
        version = next((v for v in reversed(versions) if v.state == S.PUBLISHED), None)
    if version is None:
        from planwatch.plans.selectors import plan_document

        return plan_document(plan)
    return version_document(version, latest=version is versions[-1])
