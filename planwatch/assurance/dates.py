"""The dates assurance turns on, as pure functions: the 56-day duty to respond to an inspection
report, and how far an agreed action has slipped past the date first agreed."""

from __future__ import annotations

import datetime as dt

RESPONSE_DAYS = 56
DUE_SOON_DAYS = 14


def response_due(published: dt.date) -> dt.date:
    """The last day for publishing the Commissioner's comments on an inspection report.

    Police Act 1996 s.55 gives 56 days *beginning with* the day of publication, so the day of
    publication is day 1 and the last day is publication + 55.
    """
    return published + dt.timedelta(days=RESPONSE_DAYS - 1)


def days_left(due: dt.date, today: dt.date) -> int:
    """Whole days from today to the due date: 0 on the day itself, negative once overdue."""
    return (due - today).days


def slippage_days(
    original_due: dt.date,
    current_due: dt.date,
    today: dt.date,
    finished_on: dt.date | None = None,
) -> int:
    """Days past the date first agreed: to when it was finished, or while it is not, to the
    later of the revised date and today. Never negative: finishing early is no slippage."""
    end = finished_on if finished_on is not None else max(current_due, today)
    return max(0, (end - original_due).days)
