"""Reminders of the 56-day duty through `planwatch send-reminders`: officers hear once when a
response falls due within 14 days and once when it is overdue, until it is published."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from planwatch.assurance import services
from planwatch.assurance.models import ResponseReminder


def run(today: str, *extra: str) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--today", today, *extra, stdout=out)
    return out.getvalue()


def test_officers_hear_once_when_due_soon_and_once_when_overdue(
    inspection, officer, lead, mailoutbox
):
    officer.email = "olu@northmoor.example"
    officer.save()
    lead.email = "lee@northmoor.example"
    lead.save()

    assert "Response due soon: 0" in run("2018-08-21")  # 15 days left: not yet
    assert "Response due soon: 1" in run("2018-08-22")  # 14 days left
    assert "Response due soon: 0" in run("2018-08-23")  # sent already
    assert "Response overdue: 1" in run("2018-09-06")  # the day after the 56th

    assert [m.to for m in mailoutbox] == [["olu@northmoor.example"]] * 2
    assert mailoutbox[0].subject == "Response due soon: HMI-2018-01 Crime data integrity inspection"
    assert "is due by 5 September 2018 (14 days)" in mailoutbox[0].body
    assert "was due on 5 September 2018" in mailoutbox[1].body
    assert ResponseReminder.objects.count() == 2


def test_nothing_is_sent_once_the_response_is_published_or_on_a_dry_run(
    inspection, officer, mailoutbox
):
    officer.email = "olu@northmoor.example"
    officer.save()
    assert "Response due soon: 1" in run("2018-09-01", "--dry-run")
    assert not ResponseReminder.objects.exists() and mailoutbox == []

    services.inspection_response(
        inspection=inspection, state="published", by=officer, on=dt.date(2018, 8, 30)
    )

    assert "Response due soon: 0" in run("2018-09-01")
    assert mailoutbox == []
