"""`planwatch worker`: runs the background work officers ask for (papers printed as PDF, their
publication, agenda packs) as it is queued. `make run` starts one beside the web server.

It is django-tasks-db's worker with PlanWatch's name: `--batch` runs what is queued and stops,
`--interval` sets how often it looks for work (seconds), `--reload` restarts it when code
changes (the default when PLANWATCH_DEBUG is on).
"""

from __future__ import annotations

import signal

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

HANDLED = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else [])


class Command(DatabaseWorker):
    help = (
        "Run the background worker that makes papers as PDF, publishes them and assembles "
        "agenda packs. --batch runs what is queued, then stops."
    )

    def handle(self, *args, **options) -> None:
        # The worker takes over Ctrl+C to stop between jobs; give it back when it stops, so
        # that a worker run in batch mode from another program leaves that program as it was.
        before = {number: signal.getsignal(number) for number in HANDLED}
        try:
            super().handle(*args, **options)
        finally:
            for number, handler in before.items():
                signal.signal(number, handler)
