"""Running background jobs in tests: what `planwatch worker --batch` does with each queued
task (django-tasks-db's own Worker.run_task), inside the test's transaction."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> list[str]:
    """Run every queued task once, oldest first; the task results' states, in order."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    states = []
    for result in DBTaskResult.objects.ready().order_by("enqueued_at"):
        result.claim("tests")
        worker.run_task(result)
        result.refresh_from_db()
        states.append(result.status)
    return states
