"""`planwatch assurance-import FILE`: an audit-action and recommendation tracker kept in a
spreadsheet (CSV or XLSX) brought into PlanWatch, all or nothing.

One row per agreed action or recommendation, with the audit or inspection it belongs to:

| column | what |
|---|---|
| type | `audit` or `inspection` |
| source | the audit's or inspection report's reference, e.g. IA-2018-03 (made when new) |
| title | the audit's or report's title |
| date | the date the audit was reported, or the report published (2018-07-12 or 12/07/2018) |
| level | an audit's assurance level (e.g. Reasonable); a report's type (PEEL, thematic, national) |
| auditor | for an audit: who audited (default: Internal audit) |
| reference | the agreed action's or recommendation's reference, e.g. 1 or R2 |
| kind | for a report: recommendation (the default), area for improvement or cause of concern |
| finding | for an audit: what the auditors found |
| recommendation | what they recommended |
| priority | for an audit: High, Medium or Low (the priority scale's labels) |
| owner | a PlanWatch user name, or the owner's post in words |
| due | the date first agreed (required for an audit's actions) |
| status | open (the default), in progress, implemented, closed or not accepted |
| evidence | what shows it is done (required to be closed) |
| response | the management response, or for a report the action taken or why none |
| actions | Delivery Plan action references it answers, separated by `;` (needs `--plan`) |

Every problem is reported as "row N, column X: reason" and nothing is written. Importing the
same file again changes nothing; a changed row updates its item, never duplicates it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from planwatch.accounts.models import User
from planwatch.assurance.models import (
    Audit,
    AuditAction,
    Inspection,
    InspectionKind,
    Recommendation,
    RecommendationKind,
    ScaleKind,
    ScaleLevel,
)
from planwatch.assurance.states import FINISHED, Status
from planwatch.delivery.models import Action
from planwatch.delivery.spreadsheet import (
    SheetRow,
    SpreadsheetError,
    named_rows,
    parse_due,
    read_records,
)
from planwatch.permissions import can
from planwatch.plans.models import Plan
from planwatch.recorded import save_recorded

COLUMNS = (
    "type",
    "source",
    "title",
    "date",
    "level",
    "auditor",
    "reference",
    "kind",
    "finding",
    "recommendation",
    "priority",
    "owner",
    "due",
    "status",
    "evidence",
    "response",
    "actions",
)
STATUSES = {label.lower(): value for value, label in Status.choices} | {
    "in progress": Status.IN_PROGRESS,
    "implemented": Status.IMPLEMENTED,
    "not accepted": Status.NOT_ACCEPTED,
    **{value.replace("_", " "): value for value in Status.values},
}
# The column each model field comes from, to name it in an error.
FIELD_COLUMNS = {
    "text": "recommendation",
    "management_response": "response",
    "original_due": "due",
    "reported_on": "date",
    "published_on": "date",
    "assurance": "level",
    "owner_post": "owner",
}
DEFAULT_AUDITOR = "Internal audit"
KINDS = {label.lower(): value for value, label in RecommendationKind.choices}
REPORT_TYPES = {label.lower(): value for value, label in InspectionKind.choices}


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    sources: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Row:
    number: int
    type: str
    source: str
    source_fields: dict[str, Any]
    reference: str
    fields: dict[str, Any]
    action_refs: tuple[str, ...]


class _Problems:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, row: SheetRow | int, column: str, reason: str) -> None:
        number = row if isinstance(row, int) else row.number
        self.errors.append(f"row {number}, column {column}: {reason}")


def _date(row: SheetRow, column: str, problems: _Problems, *, required: bool) -> dt.date | None:
    try:
        value = parse_due(row.cells.get(column, ""))
    except ValueError as error:
        problems.add(row, column, f"{error}.")
        return None
    if value is None and required:
        problems.add(row, column, "a date is needed.")
    return value


def _level(kind: str, text: str) -> ScaleLevel | None:
    return ScaleLevel.objects.filter(kind=kind, label__iexact=text).first()


def _owner(text: str) -> dict[str, Any]:
    user = User.objects.filter(username=text).first() if text else None
    return {"owner": user, "owner_post": ""} if user else {"owner": None, "owner_post": text}


def _parse(row: SheetRow, problems: _Problems) -> _Row | None:
    before = len(problems.errors)
    kind = row.text("type").lower()
    if kind not in ("audit", "inspection"):
        problems.add(row, "type", "write audit or inspection.")
        return None
    for column in ("source", "title", "reference", "recommendation"):
        if not row.text(column):
            problems.add(row, column, "this cannot be empty.")
    when = _date(row, "date", problems, required=True)
    due = _date(row, "due", problems, required=kind == "audit")
    status = STATUSES.get(row.text("status").lower() or "open")
    if status is None:
        problems.add(row, "status", f"{row.text('status')!r} is not a status.")
    elif status == Status.CLOSED and not row.text("evidence"):
        problems.add(row, "evidence", "say what shows it is done before it is closed.")
    elif status == Status.NOT_ACCEPTED and not row.text("response"):
        problems.add(row, "response", "say why it is not accepted.")
    common = {
        "recommendation" if kind == "audit" else "text": row.text("recommendation"),
        **_owner(row.text("owner")),
        "status": status,
        "evidence": row.text("evidence"),
    }
    if kind == "audit":
        level = _level(ScaleKind.ASSURANCE, row.text("level"))
        priority = _level(ScaleKind.PRIORITY, row.text("priority"))
        if level is None:
            problems.add(row, "level", f"{row.text('level')!r} is not an assurance level.")
        if priority is None:
            problems.add(row, "priority", f"{row.text('priority')!r} is not a priority.")
        if not row.text("finding"):
            problems.add(row, "finding", "this cannot be empty.")
        source_fields = {
            "title": row.text("title"),
            "reported_on": when,
            "assurance": level,
            "auditor": row.text("auditor") or DEFAULT_AUDITOR,
        }
        fields = {
            **common,
            "finding": row.text("finding"),
            "priority": priority,
            "management_response": row.text("response"),
            "original_due": due,
        }
    else:
        report_type = REPORT_TYPES.get(row.text("level").lower())
        item_kind = KINDS.get(row.text("kind").lower() or "recommendation")
        if report_type is None:
            problems.add(row, "level", "write PEEL, thematic or national.")
        if item_kind is None:
            problems.add(
                row, "kind", "write recommendation, area for improvement or cause of concern."
            )
        source_fields = {"title": row.text("title"), "published_on": when, "kind": report_type}
        fields = {**common, "kind": item_kind, "response": row.text("response")}
    if len(problems.errors) > before:
        return None
    refs = tuple(ref.strip() for ref in row.text("actions").split(";") if ref.strip())
    return _Row(
        row.number, kind, row.text("source"), source_fields, row.text("reference"), fields, refs
    )


def _source(parsed: _Row, by: User | None, summary: Summary) -> Audit | Inspection:
    model = Audit if parsed.type == "audit" else Inspection
    source = model.objects.filter(reference=parsed.source).first() or model(reference=parsed.source)
    changed = _assign(source, parsed.source_fields)
    if changed:
        save_recorded(source, by, "Imported")
    summary.sources.add(parsed.source)
    return source


def _assign(obj: Any, fields: dict[str, Any]) -> bool:
    """Set the fields; whether anything differs (a new object always does)."""
    changed = obj._state.adding
    for name, value in fields.items():
        try:
            current = getattr(obj, name)
        except ObjectDoesNotExist:  # a foreign key not set yet
            current = None
        if current != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _item(parsed: _Row, source: Audit | Inspection, plan: Plan | None, by, summary: Summary):
    if parsed.type == "audit":
        model, parent = AuditAction, {"audit": source}
    else:
        model, parent = Recommendation, {"inspection": source}
    item = model.objects.filter(reference=parsed.reference, **parent).first()
    new = item is None
    item = item or model(reference=parsed.reference, **parent)
    fields = dict(parsed.fields)
    if fields["status"] in FINISHED:
        fields["finished_on"] = item.finished_on or timezone.localdate()
    else:
        fields["finished_on"] = None
    changed = _assign(item, fields)
    if changed:
        save_recorded(item, by, "Imported")
    actions = list(Action.objects.filter(plan=plan, reference__in=parsed.action_refs))
    if {a.pk for a in item.actions.all()} != {a.pk for a in actions}:
        item.actions.set(actions)
        changed = True
    if new:
        summary.created += 1
    elif changed:
        summary.updated += 1
    else:
        summary.unchanged += 1


def assurance_import(*, rows: list[SheetRow], by: User | None, plan: Plan | None = None) -> Summary:
    """Bring the rows in, all or nothing; SpreadsheetError lists every problem."""
    if by is not None and not can(by, "assurance.manage"):
        raise PermissionDenied("assurance.manage")
    problems = _Problems()
    parsed = [p for row in rows if (p := _parse(row, problems))]
    seen: dict[tuple[str, str, str], int] = {}
    known = set(Action.objects.filter(plan=plan).values_list("reference", flat=True))
    for item in parsed:
        key = (item.type, item.source, item.reference)
        if key in seen:
            problems.add(item.number, "reference", f"repeats row {seen[key]}.")
        seen[key] = item.number
        missing = [ref for ref in item.action_refs if ref not in known]
        if missing and plan is None:
            problems.add(item.number, "actions", "name the Plan with --plan to link actions.")
        elif missing:
            problems.add(item.number, "actions", f"{', '.join(missing)}: no such action.")
    if problems.errors:
        raise SpreadsheetError(problems.errors)
    summary = Summary()
    with transaction.atomic():
        for item in parsed:
            try:
                with transaction.atomic():
                    _item(item, _source(item, by, summary), plan, by, summary)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    column = FIELD_COLUMNS.get(name, name if name in COLUMNS else "reference")
                    problems.add(item.number, column, " ".join(messages))
        if problems.errors:
            raise SpreadsheetError(problems.errors)  # leaves the transaction: nothing is kept
    return summary


def assurance_import_file(*, path: Path | str, by: User | None, plan: Plan | None = None):
    return assurance_import(rows=named_rows(read_records(path), COLUMNS), by=by, plan=plan)
