"""Where an agreed action or a recommendation may go next, as a pure table.

Open -> in progress -> implemented (pending verification) -> closed, with "not accepted" for
a recommendation management declines. Closing always needs evidence, from whatever state, so
nothing goes from open to closed on someone's word alone; verification may send an
implemented item back to in progress.
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented – pending verification"
    CLOSED = "closed", "Closed"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


FINISHED = frozenset({Status.CLOSED, Status.NOT_ACCEPTED})
NEXT: dict[str, frozenset[str]] = {
    Status.OPEN: frozenset(
        {Status.IN_PROGRESS, Status.IMPLEMENTED, Status.CLOSED, Status.NOT_ACCEPTED}
    ),
    Status.IN_PROGRESS: frozenset({Status.IMPLEMENTED, Status.CLOSED, Status.NOT_ACCEPTED}),
    Status.IMPLEMENTED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),  # reopened when the evidence falls short
    Status.NOT_ACCEPTED: frozenset({Status.OPEN}),
}


def transition_problem(current: str, new: str, *, evidence: str, reason: str) -> str | None:
    """Why the item may not move from `current` to `new` (None when it may)."""
    if new == current:
        return None
    if new not in NEXT.get(current, frozenset()):
        return (
            f"An item that is {Status(current).label.lower()} cannot become "
            f"{Status(new).label.lower()}."
        )
    if new == Status.CLOSED and not evidence.strip():
        return "Say what evidence shows it is done before closing it."
    if new == Status.NOT_ACCEPTED and not reason.strip():
        return "Say why it is not accepted."
    if current == Status.CLOSED and not reason.strip():
        return "Say why it is reopened."
    return None
