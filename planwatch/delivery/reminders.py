"""Reminder emails: to Leads whose updates are due soon or overdue, to OPCC officers about
submissions awaiting review.

Each reminder is recorded as a Reminder row in the same transaction that sends its email. The
row's unique constraint means each goes once, however often `planwatch send-reminders` runs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from planwatch.accounts.models import Role, User
from planwatch.delivery.models import (
    Action,
    ActionState,
    PeriodState,
    Reminder,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.permissions import can

Stage = Reminder.Stage
LEAD_PATH = "/my-actions/"
OFFICER_PATH = "/review/"
NEEDS_LEAD = (UpdateState.DRAFT, UpdateState.RETURNED)


@dataclass(frozen=True)
class Due:
    """A reminder that should go, before it is sent."""

    stage: str
    action: Action
    period: ReportingPeriod
    recipient: User
    update: Update | None

    @property
    def key(self) -> tuple[int, int, str, int]:
        return (self.action.pk, self.period.pk, str(self.stage), self.recipient.pk)


@dataclass
class ReminderReport:
    """What a run sent (or, on a dry run, would have sent) and what it skipped."""

    dry_run: bool = False
    sent: Counter[str] = field(default_factory=Counter)
    already_sent: int = 0
    no_email: int = 0
    without_email: set[str] = field(default_factory=set)
    failed: int = 0

    @property
    def total_sent(self) -> int:
        return sum(self.sent.values())

    def summary(self) -> list[str]:
        verb = "Would send" if self.dry_run else "Sent"
        lines = [f"{verb} {self.total_sent} reminder(s)."]
        lines += [f"  {stage.label}: {self.sent[stage]}" for stage in Stage]
        names = f" ({', '.join(sorted(self.without_email))})" if self.without_email else ""
        lines.append(
            f"Skipped {self.already_sent} already sent and {self.no_email} "
            f"to people with no email address{names}."
        )
        if self.failed:
            lines.append(f"{self.failed} could not be sent; they will be tried again next run.")
        if self.dry_run:
            lines.append("Dry run: nothing was sent or recorded.")
        return lines


def lead_stage(period: ReportingPeriod, today: dt.date, due_within_days: int) -> str | None:
    """Which reminder a Lead with an outstanding update gets today, if any."""
    if today > period.update_deadline:
        return Stage.OVERDUE
    if today >= period.update_deadline - dt.timedelta(days=due_within_days):
        return Stage.DUE_SOON
    return None


def reminders_due(*, today: dt.date, due_within_days: int) -> list[Due]:
    """Every reminder that applies today, whether or not it has been sent already."""
    due: list[Due] = []
    periods = ReportingPeriod.objects.filter(state=PeriodState.OPEN).select_related("plan")
    for period in periods:
        stage = lead_stage(period, today, due_within_days)
        if stage is None:
            continue
        updates = {u.action_id: u for u in period.updates.all()}
        actions = (
            Action.objects.filter(
                plan_id=period.plan_id,
                state=ActionState.OPEN,
                lead__isnull=False,
                lead__is_active=True,
            )
            .select_related("lead")
            .order_by("reference")
        )
        for action in actions:
            update = updates.get(action.pk)
            if not can(action.lead, "plan.view", period.plan):
                continue  # a Lead is not reminded about a Plan they may not see yet
            if update is None or update.state in NEEDS_LEAD:
                due.append(Due(stage, action, period, action.lead, update))

    officers = list(User.objects.filter(role=Role.OFFICER, is_active=True).order_by("username"))
    submitted = (
        Update.objects.filter(state=UpdateState.SUBMITTED)
        .select_related("action", "period__plan", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    for update in submitted:
        for officer in officers:
            due.append(Due(Stage.AWAITING_REVIEW, update.action, update.period, officer, update))
    return due


def send_reminders(
    *, today: dt.date | None = None, due_within_days: int = 7, dry_run: bool = False
) -> ReminderReport:
    """Send every reminder due today that has not been sent before.

    A Lead hears about each open action they lead whose update for an open period is missing,
    a draft or returned: *due soon* within ``due_within_days`` days before the deadline, and
    *overdue* after it. Every active OPCC officer hears about each submitted update.
    """
    today = today or timezone.localdate()
    report = ReminderReport(dry_run=dry_run)
    due = reminders_due(today=today, due_within_days=due_within_days)
    sent_before = set(
        Reminder.objects.filter(period_id__in={d.period.pk for d in due}).values_list(
            "action_id", "period_id", "stage", "recipient_id"
        )
    )
    for reminder in due:
        if reminder.key in sent_before:
            report.already_sent += 1
        elif not reminder.recipient.email:
            report.no_email += 1
            report.without_email.add(reminder.recipient.username)
        elif dry_run:
            report.sent[reminder.stage] += 1
        else:
            _send(reminder, report)
    return report


def _send(reminder: Due, report: ReminderReport) -> None:
    subject, body = reminder_email(reminder)
    try:
        with transaction.atomic():
            Reminder.objects.create(
                action=reminder.action,
                period=reminder.period,
                stage=reminder.stage,
                recipient=reminder.recipient,
            )
            send_mail(subject, body, None, [reminder.recipient.email])
    except IntegrityError:
        # Another run recorded it between our read and this write.
        report.already_sent += 1
    except OSError:
        # SMTP failures: the Reminder row is rolled back, so the next run tries again.
        report.failed += 1
    else:
        report.sent[reminder.stage] += 1


def uk_date(day: dt.date) -> str:
    """For example: 14 July 2018."""
    return format_date(day, "j F Y")


def reminder_email(reminder: Due) -> tuple[str, str]:
    """The subject and plain-text body of a reminder."""
    action, period, update = reminder.action, reminder.period, reminder.update
    what = f'action {action.reference}, "{action.title}", for {period.label}'
    deadline = uk_date(period.update_deadline)
    if reminder.stage == Stage.AWAITING_REVIEW:
        by = f" by {update.submitted_by}" if update and update.submitted_by else ""
        lines = [
            f"The update on {what} was submitted{by} and is waiting for review.",
            f"Updates for this period were due by {deadline}.",
            "",
            "Approve it, or return it to the Lead with a reason, here:",
            settings.BASE_URL + OFFICER_PATH,
        ]
    else:
        when = (
            f"was due on {deadline} and is now overdue."
            if reminder.stage == Stage.OVERDUE
            else f"is due by {deadline}."
        )
        lines = [f"Your update on {what} {when}", _progress(update), "", "Add your update here:"]
        lines.append(settings.BASE_URL + LEAD_PATH)
    name = reminder.recipient.get_short_name() or reminder.recipient.username
    body = "\n".join([f"Hello {name},", "", *lines, "", f"PlanWatch, {period.plan.title}", ""])
    stage = Stage(reminder.stage).label
    return f"{stage}: {action.reference} for {period.label}", body


def _progress(update: Update | None) -> str:
    if update is None:
        return "You have not started it yet."
    if update.state == UpdateState.RETURNED:
        return f"It was returned to you for changes: {update.return_reason}"
    return "You have saved a draft but not submitted it for review yet."
