"""Import a Delivery Plan spreadsheet into a Plan.

Every row is checked before anything is written, and the import is one
transaction: a file with any problem changes nothing. Imported updates are
records of what was already agreed, so they arrive approved and their periods
end up published. Importing the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from planwatch.accounts.models import User
from planwatch.delivery.import_checks import ActionFields, UpdateFields, check_rows
from planwatch.delivery.models import Action, PeriodState, ReportingPeriod, Update, UpdateState
from planwatch.delivery.services import (
    NEXT_STATE,
    action_save,
    period_advance,
    period_create,
    rag_key_ensure,
    update_record_approved,
)
from planwatch.delivery.spreadsheet import SheetRow, SpreadsheetError, read_delivery_rows
from planwatch.permissions import can
from planwatch.plans.models import Plan


@dataclass
class ImportSummary:
    actions_created: int = 0
    actions_updated: int = 0
    actions_unchanged: int = 0
    updates_imported: int = 0
    updates_unchanged: int = 0
    periods_created: list[str] = field(default_factory=list)
    periods_published: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(
            [
                f"Actions: {self.actions_created} created, {self.actions_updated} updated, "
                f"{self.actions_unchanged} unchanged.",
                f"Updates: {self.updates_imported} imported, {self.updates_unchanged} unchanged.",
                f"Periods: {', '.join(self.periods) or 'none'} "
                f"({len(self.periods_created)} created, "
                f"{len(self.periods_published)} published).",
            ]
        )


def _action_changes(action: Action, fields: ActionFields) -> dict[str, Any]:
    """The fields to write; a Lead named again keeps the post recorded beside them."""
    values: dict[str, Any] = {
        "theme": fields.theme,
        "objective": fields.objective,
        "title": fields.title,
        "lead": fields.lead,
        "due": fields.due,
    }
    if not (fields.lead and action.lead_id == fields.lead.pk):
        values["lead_name"] = fields.lead_name
    if action.pk is None:
        return values
    current = {
        "theme": action.theme_id,
        "objective": action.objective_id,
        "title": action.title,
        "lead": action.lead_id,
        "lead_name": action.lead_name,
        "due": action.due,
    }
    wanted = {name: getattr(value, "pk", value) for name, value in values.items()}
    return values if any(current[name] != wanted[name] for name in wanted) else {}


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def _periods(
    plan: Plan, updates: list[UpdateFields], summary: ImportSummary, by: User | None
) -> dict[str, ReportingPeriod]:
    periods = {period.slug: period for period in plan.periods.all()}
    for update in updates:
        slug = update.quarter.slug
        if slug not in summary.periods:
            summary.periods.append(slug)
        if slug not in periods:
            periods[slug] = period_create(plan=plan, quarter=update.quarter, by=by)
            summary.periods_created.append(slug)
    return periods


def _actions(
    plan: Plan,
    actions: dict[str, ActionFields],
    summary: ImportSummary,
    errors: list[str],
    by: User | None,
) -> dict[str, Action]:
    saved = {action.reference: action for action in plan.actions.all()}
    for reference, fields in actions.items():
        action = saved.get(reference) or Action(plan=plan, reference=reference)
        changes = _action_changes(action, fields)
        if not changes:
            summary.actions_unchanged += 1
            continue
        created = action.pk is None
        try:
            saved[reference] = action_save(action=action, by=by, **changes)
        except ValidationError as error:
            errors.append(f"row {fields.row}: {reference} cannot be saved: {_messages(error)}")
            continue
        if created:
            summary.actions_created += 1
        else:
            summary.actions_updated += 1
    return saved


def _updates(
    plan: Plan,
    updates: list[UpdateFields],
    actions: dict[str, Action],
    periods: dict[str, ReportingPeriod],
    summary: ImportSummary,
    errors: list[str],
    by: User | None,
) -> None:
    statuses = {status.code: status for status in plan.rag_statuses.all()}
    existing = {
        (update.action_id, update.period_id): update
        for update in Update.objects.filter(period__in=[periods[slug] for slug in summary.periods])
    }
    for update in updates:
        action, period = actions.get(update.reference), periods[update.quarter.slug]
        if action is None or action.pk is None:
            continue  # the action could not be saved; that error is already listed
        rag = statuses[update.rag_code]
        current = existing.get((action.pk, period.pk))
        if (
            current is not None
            and current.state == UpdateState.APPROVED
            and current.rag_id == rag.pk
            and current.commentary == update.commentary
        ):
            summary.updates_unchanged += 1
            continue
        try:
            update_record_approved(
                action=action, period=period, rag=rag, commentary=update.commentary, by=by
            )
        except ValidationError as error:
            errors.append(f"row {update.row}: the update cannot be saved: {_messages(error)}")
            continue
        summary.updates_imported += 1


def _publish(
    periods: dict[str, ReportingPeriod], summary: ImportSummary, errors: list[str], by: User | None
) -> None:
    """Publish each period that received updates, so direction of travel can compare them."""
    for slug in summary.periods:
        period = periods[slug]
        if period.state == PeriodState.PUBLISHED:
            continue
        try:
            while period.state != PeriodState.PUBLISHED:
                period = period_advance(period=period, to=NEXT_STATE[period.state], by=by)
        except ValidationError as error:
            errors.append(f"{slug} cannot be published: {_messages(error)}")
            continue
        summary.periods_published.append(slug)


@transaction.atomic
def delivery_import(*, plan: Plan, rows: list[SheetRow], by: User | None) -> ImportSummary:
    """Create or update the Plan's actions and approved updates from spreadsheet rows.

    Actions are matched by reference within the Plan. Raises SpreadsheetError with
    every problem ("row N, column X: reason") and writes nothing when any row is wrong.
    """
    if by is not None and not can(by, "delivery.manage"):
        raise PermissionDenied("delivery.manage")
    if not rows:
        raise SpreadsheetError(["The file has no rows below the header row."])
    checked = check_rows(plan=plan, rows=rows)
    if checked.errors:
        raise SpreadsheetError(checked.errors)
    summary, errors = ImportSummary(), []
    rag_key_ensure(plan=plan, by=by)
    periods = _periods(plan, checked.updates, summary, by)
    actions = _actions(plan, checked.actions, summary, errors, by)
    _updates(plan, checked.updates, actions, periods, summary, errors, by)
    _publish(periods, summary, errors, by)
    if errors:
        # Rolls back everything written so far: the import is all or nothing.
        raise SpreadsheetError(errors)
    return summary


def delivery_import_file(*, plan: Plan, path: Path | str, by: User | None) -> ImportSummary:
    """Read a CSV or XLSX file and import it (see ``delivery_import``)."""
    return delivery_import(plan=plan, rows=read_delivery_rows(path), by=by)
