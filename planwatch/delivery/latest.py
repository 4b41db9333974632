"""Each action's status in its latest published quarter: what other parts of PlanWatch show
beside an action they link to (an audit recommendation, a priority heard in consultation)."""

from __future__ import annotations

from collections.abc import Iterable

from planwatch.delivery.models import PeriodState, RagStatus, Update, UpdateState


def latest_published_statuses(action_ids: Iterable[int]) -> dict[int, RagStatus]:
    """The approved status of each action in the latest published quarter that has one (one
    query); actions never reported are missing."""
    updates = (
        Update.objects.filter(
            action_id__in=set(action_ids),
            state=UpdateState.APPROVED,
            period__state=PeriodState.PUBLISHED,
        )
        .select_related("rag")
        .order_by("action_id", "period__starts")
    )
    return {update.action_id: update.rag for update in updates}  # the latest wins
