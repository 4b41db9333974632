"""The Delivery Plan as spreadsheet rows: the columns the importer reads back."""

from __future__ import annotations

import re
from collections import defaultdict

from planwatch.delivery.models import Action, Update, UpdateState
from planwatch.delivery.spreadsheet import Cell
from planwatch.plans.models import Plan

DIGITS = re.compile(r"(\d+)")


def _natural(reference: str) -> list[str | int]:
    """V1.2 before V1.10."""
    return [int(part) if part.isdigit() else part.lower() for part in DIGITS.split(reference)]


def delivery_export_rows(*, plan: Plan) -> list[dict[str, Cell]]:
    """One row per action per period with an approved update, in theme and reference order.

    An action with no approved update gets one row with no period, rag or update.
    Runs three queries however many actions there are.
    """
    actions = sorted(
        Action.objects.filter(plan=plan).select_related("theme", "objective", "lead"),
        key=lambda action: (action.theme.order, action.theme_id, _natural(action.reference)),
    )
    updates = defaultdict(list)
    for update in (
        Update.objects.filter(action__plan=plan, state=UpdateState.APPROVED)
        .select_related("period", "rag")
        .order_by("period__starts")
    ):
        updates[update.action_id].append(update)
    rows: list[dict[str, Cell]] = []
    for action in actions:
        fields: dict[str, Cell] = {
            "ref": action.reference,
            "theme": action.theme.name,
            "objective": action.objective.text if action.objective else "",
            "action": action.title,
            "lead": action.lead.username if action.lead else action.lead_name,
            "due": action.due or "",
        }
        rows += [
            {
                **fields,
                "period": update.period.slug,
                "rag": update.rag.label,
                "update": update.commentary,
            }
            for update in updates[action.pk]
        ] or [{**fields, "period": "", "rag": "", "update": ""}]
    return rows
