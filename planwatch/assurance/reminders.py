"""Reminders of the 56-day duty: each active OPCC officer hears once when a report's response
falls due within 14 days, and once when it is overdue, until it is published. Sent by
`planwatch send-reminders` with the Delivery Plan's reminders."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from planwatch.accounts.models import Role, User
from planwatch.assurance.dates import DUE_SOON_DAYS
from planwatch.assurance.models import Inspection, ResponseReminder
from planwatch.assurance.selectors import responses_due

Stage = ResponseReminder.Stage


@dataclass
class ResponseReminderReport:
    dry_run: bool = False
    sent: Counter = field(default_factory=Counter)
    already_sent: int = 0
    no_email: int = 0
    failed: int = 0

    def summary(self) -> list[str]:
        verb = "Would send" if self.dry_run else "Sent"
        lines = [f"{verb} {sum(self.sent.values())} reminders of inspection responses:"]
        lines += [f"  {stage.label}: {self.sent[stage]}" for stage in Stage]
        if self.already_sent:
            lines.append(f"  already sent before: {self.already_sent}")
        if self.no_email:
            lines.append(f"  officers without an email address: {self.no_email}")
        if self.failed:
            lines.append(f"  failed to send (tried again next run): {self.failed}")
        return lines


def _email(inspection: Inspection, stage: str, left: int) -> tuple[str, str]:
    due = f"{inspection.response_due.day} {inspection.response_due:%B %Y}"
    when = f"was due on {due}" if stage == Stage.OVERDUE else f"is due by {due} ({left} days)"
    subject = f"{Stage(stage).label}: {inspection.reference} {inspection.title}"
    body = (
        f"The Commissioner's response to {inspection.title}, published on "
        f"{inspection.published_on.day} {inspection.published_on:%B %Y}, {when}.\n\n"
        "Police Act 1996 s.55: comments must be published within 56 days of the report."
    )
    return subject, body


def send_response_reminders(
    *, today: dt.date, dry_run: bool = False, within: int = DUE_SOON_DAYS
) -> ResponseReminderReport:
    report = ResponseReminderReport(dry_run=dry_run)
    officers = list(User.objects.filter(is_active=True, role__in=[Role.OFFICER, Role.ADMIN]))
    due = responses_due(today, within)
    sent_before = set(
        ResponseReminder.objects.filter(inspection__in=[d.inspection for d in due]).values_list(
            "inspection_id", "stage", "recipient_id"
        )
    )
    for found in due:
        inspection, left = found.inspection, found.days_left
        stage = Stage.OVERDUE if left < 0 else Stage.DUE_SOON
        for officer in officers:
            if (inspection.pk, stage, officer.pk) in sent_before:
                report.already_sent += 1
            elif not officer.email:
                report.no_email += 1
            elif dry_run:
                report.sent[stage] += 1
            else:
                _send(inspection, stage, left, officer, report)
    return report


def _send(inspection, stage, left, officer, report) -> None:
    subject, body = _email(inspection, stage, left)
    try:
        with transaction.atomic():
            ResponseReminder.objects.create(inspection=inspection, stage=stage, recipient=officer)
            send_mail(subject, body, None, [officer.email])
    except IntegrityError:
        report.already_sent += 1
    except OSError:
        report.failed += 1
    else:
        report.sent[stage] += 1
