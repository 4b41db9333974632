"""Check Delivery Plan spreadsheet rows against a Plan, reading only.

Each problem is one message, "row N, column X: reason", with rows numbered as a
spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from planwatch.accounts.models import Role, User
from planwatch.delivery.models import REFERENCE_VALIDATOR, Action, Update, UpdateState
from planwatch.delivery.quarters import Quarter, parse_quarter
from planwatch.delivery.services import DEFAULT_RAG_KEY
from planwatch.delivery.spreadsheet import SheetRow, parse_due
from planwatch.plans.models import Objective, Plan, Theme

REFERENCE_LENGTH = Action._meta.get_field("reference").max_length
TITLE_LENGTH = Action._meta.get_field("title").max_length
LEAD_NAME_LENGTH = Action._meta.get_field("lead_name").max_length
ACTION_COLUMNS = ("theme", "objective", "action", "lead", "due")


@dataclass(frozen=True)
class ActionFields:
    """An action as a row of the file describes it."""

    row: int
    reference: str
    theme: Theme
    objective: Objective | None
    title: str
    lead: User | None
    lead_name: str
    due: dt.date | None

    def by_column(self) -> dict[str, Any]:
        return {
            "theme": self.theme.pk,
            "objective": self.objective.pk if self.objective else None,
            "action": self.title,
            "lead": (self.lead.pk if self.lead else None, self.lead_name),
            "due": self.due,
        }


@dataclass(frozen=True)
class UpdateFields:
    row: int
    reference: str
    quarter: Quarter
    rag_code: str
    commentary: str


@dataclass(frozen=True)
class CheckedRows:
    """The file's actions by reference and its updates in period order, or its errors."""

    actions: dict[str, ActionFields]
    updates: list[UpdateFields]
    errors: list[str]


class _Lookups:
    """What a row's cells may name in the Plan, read once for the whole file."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.themes = {theme.name.strip().lower(): theme for theme in plan.themes.all()}
        self.objectives = {
            (objective.theme_id, objective.text.strip().lower()): objective
            for objective in Objective.objects.filter(theme__plan=plan)
        }
        # A Plan with no key yet gets the default key when the import writes.
        key = [(s.code, s.label) for s in plan.rag_statuses.all()] or [
            (entry[0], entry[1]) for entry in DEFAULT_RAG_KEY
        ]
        self.rag_names = ", ".join(label for _, label in key)
        self.rag_codes = {name.lower(): code for code, label in key for name in (code, label)}
        self.starts = dict(plan.actions.exclude(starts=None).values_list("reference", "starts"))
        self.leads: dict[str, list[User]] = defaultdict(list)
        for user in User.objects.filter(role=Role.LEAD):
            self.leads[user.username.lower()].append(user)
            if user.email and user.email.lower() != user.username.lower():
                self.leads[user.email.lower()].append(user)


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _check_row(
    row: SheetRow, lookups: _Lookups, errors: list[str]
) -> tuple[ActionFields | None, UpdateFields | None]:
    found_errors = len(errors)

    def error(column: str, reason: str) -> None:
        errors.append(f"row {row.number}, column {column}: {reason}")

    reference = row.text("ref")
    if not reference:
        error("ref", "give the action's reference, for example V1.1.")
    elif len(reference) > REFERENCE_LENGTH:
        error("ref", f"a reference has at most {REFERENCE_LENGTH} characters.")
    elif not REFERENCE_VALIDATOR.regex.match(reference):
        error("ref", f"{reference!r}: use letters, digits, full stops, hyphens or underscores.")
    theme = lookups.themes.get(row.text("theme").lower())
    if theme is None:
        names = ", ".join(t.name for t in lookups.themes.values())
        given = row.text("theme")
        reason = f"{given!r} is not a theme of this Plan" if given else "give the theme"
        error("theme", f"{reason} ({names}).")
    objective = None
    if row.text("objective") and theme is not None:
        objective = lookups.objectives.get((theme.pk, row.text("objective").lower()))
        if objective is None:
            error("objective", f"{row.text('objective')!r} is not an objective of {theme.name}.")
    title = row.text("action")
    if not title:
        error("action", "give the action.")
    elif len(title) > TITLE_LENGTH:
        error("action", f"an action has at most {TITLE_LENGTH} characters.")
    lead_text, lead = row.text("lead"), None
    matches = lookups.leads.get(lead_text.lower(), [])
    if len(matches) > 1:
        error("lead", f"more than one Lead has the email {lead_text!r}.")
    elif matches:
        lead = matches[0]
    elif len(lead_text) > LEAD_NAME_LENGTH:
        error("lead", f"a lead's name has at most {LEAD_NAME_LENGTH} characters.")
    due = None
    try:
        due = parse_due(row.cells.get("due", ""))
    except ValueError as problem:
        error("due", f"{problem}.")
    starts = lookups.starts.get(reference)
    if due and starts and due < starts:
        error("due", f"{reference} starts on {_long_date(starts)}; it cannot be due before then.")
    action_ok = len(errors) == found_errors

    period_text, rag_text, commentary = row.text("period"), row.text("rag"), row.text("update")
    quarter, rag_code = None, None
    if period_text:
        try:
            quarter = parse_quarter(period_text)
        except ValueError as problem:
            error("period", f"{problem}.")
        else:
            plan = lookups.plan
            if quarter.ends < plan.starts or quarter.starts > plan.ends:
                error(
                    "period",
                    f"{quarter.slug} is outside the Plan, which runs from "
                    f"{_long_date(plan.starts)} to {_long_date(plan.ends)}.",
                )
                quarter = None
        if not rag_text:
            error("rag", f"give the status for {period_text} ({lookups.rag_names}).")
    elif rag_text or commentary:
        error("period", "give the period (for example 2018-19-q1) this rag and update are for.")
    if rag_text:
        rag_code = lookups.rag_codes.get(rag_text.lower())
        if rag_code is None:
            error("rag", f"{rag_text!r} is not in this Plan's RAG key ({lookups.rag_names}).")

    action = (
        ActionFields(
            row.number,
            reference,
            theme,
            objective,
            title,
            lead,
            "" if lead else lead_text,
            due,
        )
        if action_ok and theme is not None
        else None
    )
    update = (
        UpdateFields(row.number, reference, quarter, rag_code, commentary)
        if reference and quarter and rag_code
        else None
    )
    return action, update


def check_rows(*, plan: Plan, rows: list[SheetRow]) -> CheckedRows:
    """Check every row against the Plan and against the file's other rows."""
    lookups = _Lookups(plan)
    errors: list[str] = []
    actions: dict[str, ActionFields] = {}
    updates: dict[tuple[str, str], UpdateFields] = {}
    for row in rows:
        action, update = _check_row(row, lookups, errors)
        if action is not None:
            first = actions.setdefault(action.reference, action)
            earlier, now = first.by_column(), action.by_column()
            errors += [
                f"row {row.number}, column {column}: {action.reference} has a different "
                f"{column} on row {first.row}; every row of an action must agree."
                for column in ACTION_COLUMNS
                if earlier[column] != now[column]
            ]
        if update is not None:
            key = (update.reference, update.quarter.slug)
            if key in updates:
                errors.append(
                    f"row {row.number}, column period: {update.reference} already has an "
                    f"update for {update.quarter.slug} on row {updates[key].row}."
                )
            else:
                updates[key] = update
    errors += _periods_awaiting_review(lookups.plan, list(updates.values()))
    in_order = sorted(updates.values(), key=lambda u: (u.quarter.starts, u.row))
    return CheckedRows(actions, in_order, errors)


def _periods_awaiting_review(plan: Plan, updates: list[UpdateFields]) -> list[str]:
    """A period can only be published once nothing in it awaits review."""
    first_rows: dict[str, int] = {}
    replaced: dict[str, set[str]] = defaultdict(set)
    for update in updates:
        first_rows.setdefault(update.quarter.slug, update.row)
        replaced[update.quarter.slug].add(update.reference)
    waiting = Update.objects.filter(
        action__plan=plan, period__slug__in=list(first_rows), state=UpdateState.SUBMITTED
    ).values_list("period__slug", "action__reference")
    left: dict[str, int] = defaultdict(int)
    for slug, reference in waiting:
        if reference not in replaced[slug]:
            left[slug] += 1
    return [
        f"row {first_rows[slug]}, column period: {count} update(s) in {slug} await review "
        "and are not in this file; approve or return them before importing."
        for slug, count in sorted(left.items())
    ]
