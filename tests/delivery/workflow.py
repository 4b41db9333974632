"""Writing updates through the services, for the workflow, period and selector tests.

Plain functions: each test module that needs them wraps ``write_update`` and
``submitted_update`` in its own small ``write`` and ``submitted`` fixtures.
"""

from __future__ import annotations

from planwatch.delivery.models import RagStatus, Update
from planwatch.delivery.services import update_save


def write_update(
    rag: dict[str, RagStatus],
    action,
    period,
    code,
    *,
    by,
    submit=True,
    commentary="Work is on plan.",
):
    """A Lead's update_save with the status ``code`` of the key ``rag``, submitted unless told."""
    return update_save(
        action=action,
        period=period,
        rag=rag[code],
        commentary=commentary,
        by=by,
        submit=submit,
    )


def submitted_update(rag: dict[str, RagStatus], q2, led_action, lead) -> Update:
    """Lee's update on V1.1 for 2018-19-q2, awaiting review."""
    return write_update(rag, led_action, q2, "A", by=lead, commentary="Recruitment has slipped.")


def latest(obj):
    """The newest history record of a model instance."""
    return obj.history.order_by("-history_date", "-history_id").first()
