"""A Plan's life: each version goes draft -> out for comment (partners, the Chief Constable) ->
with the Panel -> approved (the BCB's decision) -> published (from an effective date); a later
variation is a new version, and publishing it leaves the one before as "varied". Each step
records its date, who recorded it and a note. Writes check the rules, run in one transaction and
are recorded (django-simple-history for the version, PlanStep rows for the steps)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from planwatch.accounts.models import User
from planwatch.permissions import can
from planwatch.plans.document import PlanDoc, dump_plan_document, parse_plan_document
from planwatch.plans.models import Objective, Plan, PlanStatus, PlanStep, PlanVersion, Theme
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
        version.document, version.frozen_at = _frozen(plan), timezone.now()
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
        version.frozen_at = timezone.now()
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
    current.document, current.frozen_at = _frozen(plan), timezone.now()
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


def versions_compared(plan: Plan, old: PlanVersion, new: PlanVersion) -> list:
    """What changes from one version of the Plan to another (compare.compare_plans), each
    read as kept when published, or as the parts now for the newest version."""
    from planwatch.plans.compare import compare_plans

    latest = plan.versions.order_by("-number").values_list("number", flat=True).first()
    return compare_plans(
        version_document(old, latest=old.number == latest),
        version_document(new, latest=new.number == latest),
    )


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


@dataclass(frozen=True)
class Wording:
    """While a variation is in hand: the version in force, and the names of its themes and the
    wording of its objectives as published, by the id of the part now being changed."""

    version: PlanVersion
    themes: dict[int, str]
    objectives: dict[int, str]

    def theme(self, pk: int) -> str:
        return self.themes.get(pk, NEW_PART)

    def objective(self, pk: int | None) -> str | None:
        return None if pk is None else self.objectives.get(pk)


NEW_PART = "Other actions"


def published_wording(plan: Plan, user) -> Wording | None:
    """What someone who may not read the variation in hand must see instead of the parts as
    they are now; None when there is no variation in hand, or this user may read it."""
    from planwatch.permissions import visible_plan_statuses

    versions = list(plan.versions.all())
    if not versions or versions[-1].state in PUBLIC_STATES:
        return None
    statuses = visible_plan_statuses(user)
    if statuses is None or versions[-1].state in statuses:
        return None
    current = next((v for v in reversed(versions) if v.state == S.PUBLISHED), None)
    if current is None or current.frozen_at is None:
        return None
    themes = {t.pk: t.name for t in Theme.history.as_of(current.frozen_at).filter(plan_id=plan.pk)}
    objectives = {
        o.pk: o.text
        for o in Objective.history.as_of(current.frozen_at).filter(theme_id__in=list(themes))
    }
    return Wording(current, themes, objectives)
