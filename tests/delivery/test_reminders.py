"""send-reminders: Leads hear about updates due soon or overdue, officers about submissions.

2018-19-q2 (the `q2` fixture) is open and its updates are due by 14 October 2018. Its
actions are V1.1 (led by Lee) and V1.2 (led by Liz); people have email addresses only when a
test asks for them by name (`lee`, `liz`, `olu`).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import resolve

from planwatch.accounts.models import Role
from planwatch.accounts.services import user_create
from planwatch.delivery.models import ActionState, PeriodState, Reminder, UpdateState
from planwatch.delivery.reminders import send_reminders
from planwatch.delivery.services import period_advance

DEADLINE = dt.date(2018, 10, 14)
WEEK_BEFORE = dt.date(2018, 10, 7)
DAY_AFTER = dt.date(2018, 10, 15)
Stage = Reminder.Stage


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down")


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def lee(lead):
    return with_email(lead, "lee@example.org")


@pytest.fixture
def liz(other_lead):
    return with_email(other_lead, "liz@example.org")


@pytest.fixture
def olu(officer):
    return with_email(officer, "olu@example.org")


def sent_to(mailoutbox) -> list[tuple[str, str]]:
    return sorted((message.to[0], message.subject) for message in mailoutbox)


class TestDueSoon:
    def test_a_lead_with_no_update_a_week_before_the_deadline_is_reminded(
        self, q2, led_action, lee, mailoutbox
    ):
        report = send_reminders(today=WEEK_BEFORE)

        assert report.sent == {Stage.DUE_SOON: 1}
        [message] = mailoutbox
        assert message.to == ["lee@example.org"]
        assert message.subject == "Update due soon: V1.1 for Q2 2018/19 (July to September 2018)"
        assert "Hello Lee," in message.body
        assert (
            'Your update on action V1.1, "Deliver the V1.1 work", for '
            "Q2 2018/19 (July to September 2018) is due by 14 October 2018." in message.body
        )
        assert "You have not started it yet." in message.body
        assert "http://127.0.0.1:8000/my-actions/" in message.body
        assert Reminder.objects.get().stage == Stage.DUE_SOON

    def test_every_lead_hears_about_their_own_actions(
        self, q2, led_action, other_action, make_action, lee, liz, mailoutbox
    ):
        make_action("V1.4", lead=lee)

        send_reminders(today=WEEK_BEFORE)

        assert sent_to(mailoutbox) == [
            ("lee@example.org", "Update due soon: V1.1 for Q2 2018/19 (July to September 2018)"),
            ("lee@example.org", "Update due soon: V1.4 for Q2 2018/19 (July to September 2018)"),
            ("liz@example.org", "Update due soon: V1.2 for Q2 2018/19 (July to September 2018)"),
        ]

    @pytest.mark.parametrize(("today", "count"), [((2018, 10, 6), 0), ((2018, 10, 14), 1)])
    def test_the_window_is_the_days_before_the_deadline_inclusive(
        self, q2, led_action, lee, mailoutbox, today, count
    ):
        assert send_reminders(today=dt.date(*today)).sent[Stage.DUE_SOON] == count
        assert len(mailoutbox) == count

    def test_the_window_can_be_wider(self, q2, led_action, lee, mailoutbox):
        report = send_reminders(today=dt.date(2018, 9, 30), due_within_days=14)

        assert report.sent == {Stage.DUE_SOON: 1}

    def test_a_draft_is_mentioned(self, q2, led_action, lee, make_update, mailoutbox):
        make_update(led_action, q2, "G", state=UpdateState.DRAFT)

        send_reminders(today=WEEK_BEFORE)

        assert "You have saved a draft but not submitted it for review yet." in (mailoutbox[0].body)

    def test_a_returned_update_is_mentioned_with_the_reason(
        self, q2, led_action, lee, make_update, mailoutbox
    ):
        make_update(led_action, q2, "G", state=UpdateState.RETURNED)

        send_reminders(today=WEEK_BEFORE)

        assert "It was returned to you for changes: Please add the figures." in (mailoutbox[0].body)

    def test_links_use_the_configured_address(self, q2, led_action, lee, mailoutbox, settings):
        settings.BASE_URL = "https://planwatch.example.org"

        send_reminders(today=WEEK_BEFORE)

        assert "https://planwatch.example.org/my-actions/" in mailoutbox[0].body


class TestOverdue:
    def test_a_lead_with_no_update_after_the_deadline_is_told_it_is_overdue(
        self, q2, led_action, lee, mailoutbox
    ):
        report = send_reminders(today=DAY_AFTER)

        assert report.sent == {Stage.OVERDUE: 1}
        [message] = mailoutbox
        assert message.subject == "Update overdue: V1.1 for Q2 2018/19 (July to September 2018)"
        assert "was due on 14 October 2018 and is now overdue." in message.body
        assert "http://127.0.0.1:8000/my-actions/" in message.body

    def test_due_soon_then_overdue_are_two_reminders(self, q2, led_action, lee, mailoutbox):
        send_reminders(today=WEEK_BEFORE)
        send_reminders(today=DAY_AFTER)

        assert [m.subject.split(":")[0] for m in mailoutbox] == [
            "Update due soon",
            "Update overdue",
        ]
        assert set(Reminder.objects.values_list("stage", flat=True)) == {
            Stage.DUE_SOON,
            Stage.OVERDUE,
        }


class TestAwaitingReview:
    def test_every_active_officer_hears_of_each_submitted_update(
        self, q2, led_action, other_action, lee, olu, administrator, make_update, mailoutbox
    ):
        second = with_email(
            user_create(username="ola", role=Role.OFFICER, password="a-long-test-password-3"),
            "ola@example.org",
        )
        retired = with_email(
            user_create(username="old", role=Role.OFFICER, password="a-long-test-password-4"),
            "old@example.org",
        )
        retired.is_active = False
        retired.save()
        with_email(administrator, "ada@example.org")
        make_update(led_action, q2, "G", state=UpdateState.SUBMITTED)

        report = send_reminders(today=dt.date(2018, 9, 1))

        assert report.sent == {Stage.AWAITING_REVIEW: 2}
        assert sorted(m.to[0] for m in mailoutbox) == [second.email, olu.email]
        message = mailoutbox[0]
        assert message.subject == (
            "Submission awaiting review: V1.1 for Q2 2018/19 (July to September 2018)"
        )
        assert "waiting for review" in message.body
        assert "14 October 2018" in message.body
        assert "http://127.0.0.1:8000/review/" in message.body

    def test_the_submitter_is_named(self, q2, led_action, lee, olu, rag, mailoutbox):
        from planwatch.delivery.services import update_save

        update_save(action=led_action, period=q2, rag=rag["G"], commentary="", by=lee, submit=True)

        send_reminders(today=dt.date(2018, 9, 1))

        assert "was submitted by Lee and is waiting for review." in mailoutbox[0].body

    def test_a_submission_in_a_period_in_review_is_still_reminded(
        self, q2, led_action, olu, make_update, mailoutbox
    ):
        make_update(led_action, q2, "G", state=UpdateState.SUBMITTED)
        period_advance(period=q2, to=PeriodState.IN_REVIEW, by=None)

        assert send_reminders(today=DAY_AFTER).sent == {Stage.AWAITING_REVIEW: 1}


class TestNoReminder:
    @pytest.mark.parametrize("state", [UpdateState.SUBMITTED, UpdateState.APPROVED])
    def test_a_lead_whose_update_is_submitted_or_approved_is_left_alone(
        self, q2, led_action, lee, make_update, mailoutbox, state
    ):
        make_update(led_action, q2, "G", state=state)

        report = send_reminders(today=DAY_AFTER)

        assert report.sent[Stage.DUE_SOON] == report.sent[Stage.OVERDUE] == 0
        assert "lee@example.org" not in [m.to[0] for m in mailoutbox]

    @pytest.mark.parametrize("state", [PeriodState.PLANNED, PeriodState.PUBLISHED])
    def test_leads_are_not_reminded_about_a_period_that_is_not_open(
        self, make_period, led_action, lee, mailoutbox, state
    ):
        make_period("2018-19-q2", state=state)

        assert send_reminders(today=DAY_AFTER).total_sent == 0
        assert mailoutbox == []

    def test_leads_are_not_reminded_about_a_period_in_review(self, q2, led_action, lee, mailoutbox):
        period_advance(period=q2, to=PeriodState.IN_REVIEW, by=None)

        assert send_reminders(today=DAY_AFTER).total_sent == 0

    def test_an_action_missing_from_a_published_period_is_not_chased(
        self, q1, make_action, lee, mailoutbox
    ):
        make_action("V1.9", lead=lee)

        assert send_reminders(today=dt.date(2018, 12, 1)).total_sent == 0

    @pytest.mark.parametrize("state", [ActionState.COMPLETE, ActionState.WITHDRAWN])
    def test_a_finished_action_is_not_chased(self, q2, make_action, lee, mailoutbox, state):
        make_action("V1.9", lead=lee, state=state)

        send_reminders(today=DAY_AFTER)

        assert [m.subject.split()[2] for m in mailoutbox] == ["V1.1"]

    def test_an_action_with_a_free_text_lead_is_skipped(
        self, q2, partner_action, lee, liz, mailoutbox
    ):
        report = send_reminders(today=DAY_AFTER)

        assert report.no_email == 0
        assert [m.subject.split()[2] for m in mailoutbox] == ["V1.1", "V1.2"]
        assert not partner_action.reminders.exists()

    def test_a_lead_whose_account_is_disabled_is_skipped(self, q2, led_action, lee, mailoutbox):
        lee.is_active = False
        lee.save()

        assert send_reminders(today=DAY_AFTER).total_sent == 0

    def test_people_without_an_email_address_are_skipped_and_counted(
        self, q2, led_action, other_action, lead, liz, officer, make_update, mailoutbox
    ):
        make_update(other_action, q2, "G", state=UpdateState.SUBMITTED)

        report = send_reminders(today=DAY_AFTER)

        assert report.sent == {}
        assert report.no_email == 2
        assert report.without_email == {"lee", "olu"}
        assert mailoutbox == []
        assert not Reminder.objects.exists()
        assert "Skipped 0 already sent and 2 to people with no email address (lee, olu)." in (
            report.summary()
        )

    def test_a_person_given_an_address_later_is_reminded_then(
        self, q2, led_action, lead, mailoutbox
    ):
        send_reminders(today=DAY_AFTER)
        with_email(lead, "lee@example.org")

        assert send_reminders(today=DAY_AFTER).sent == {Stage.OVERDUE: 1}


class TestOnce:
    def test_running_twice_sends_nothing_new(
        self, q2, led_action, other_action, lee, liz, olu, make_update, mailoutbox
    ):
        make_update(other_action, q2, "G", state=UpdateState.SUBMITTED)
        first = send_reminders(today=DAY_AFTER)

        second = send_reminders(today=DAY_AFTER)

        assert first.sent == {Stage.OVERDUE: 1, Stage.AWAITING_REVIEW: 1}
        assert second.total_sent == 0
        assert second.already_sent == 2
        assert len(mailoutbox) == 2
        assert Reminder.objects.count() == 2

    def test_the_database_refuses_a_second_reminder_of_the_same_stage(self, q2, led_action, lee):
        Reminder.objects.create(action=led_action, period=q2, stage=Stage.OVERDUE, recipient=lee)

        with pytest.raises(IntegrityError):
            Reminder.objects.create(
                action=led_action, period=q2, stage=Stage.OVERDUE, recipient=lee
            )

    def test_a_reminder_that_could_not_be_sent_is_not_recorded_and_goes_next_time(
        self, q2, led_action, lee, mailoutbox, settings
    ):
        settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"

        failed = send_reminders(today=DAY_AFTER)

        assert (failed.total_sent, failed.failed) == (0, 1)
        assert not Reminder.objects.exists()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert send_reminders(today=DAY_AFTER).sent == {Stage.OVERDUE: 1}


class TestDryRun:
    def test_a_dry_run_counts_but_sends_and_records_nothing(self, q2, led_action, lee, mailoutbox):
        report = send_reminders(today=DAY_AFTER, dry_run=True)

        assert report.sent == {Stage.OVERDUE: 1}
        assert mailoutbox == []
        assert not Reminder.objects.exists()
        assert send_reminders(today=DAY_AFTER).sent == {Stage.OVERDUE: 1}


class TestTheCommand:
    def run(self, *args: str) -> str:
        out = io.StringIO()
        call_command("send_reminders", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_what_it_sent_per_stage(self, q2, led_action, lee, liz, mailoutbox):
        output = self.run("--today", "2018-10-15")

        assert output.splitlines() == [
            "Sent 2 reminder(s).",
            "  Update due soon: 0",
            "  Update overdue: 2",
            "  Submission awaiting review: 0",
            "Skipped 0 already sent and 0 to people with no email address.",
            "Sent 0 reminders of inspection responses:",
            "  Response due soon: 0",
            "  Response overdue: 0",
        ]
        assert len(mailoutbox) == 2

    def test_a_second_run_reports_what_it_skipped(self, q2, led_action, lee, mailoutbox):
        self.run("--today", "2018-10-15")

        output = self.run("--today", "2018-10-15")

        assert "Sent 0 reminder(s)." in output
        assert "Skipped 1 already sent" in output

    def test_dry_run_sends_nothing_and_says_so(self, q2, led_action, lee, mailoutbox):
        output = self.run("--today", "2018-10-15", "--dry-run")

        assert output.startswith("Would send 1 reminder(s).")
        assert "Dry run: nothing was sent or recorded." in output
        assert mailoutbox == []
        assert not Reminder.objects.exists()

    def test_days_widens_the_window(self, q2, led_action, lee, mailoutbox):
        assert "Sent 0" in self.run("--today", "2018-09-30")
        assert "Update due soon: 1" in self.run("--today", "2018-09-30", "--days", "14")

    def test_today_defaults_to_the_real_date(self, q2, led_action, lee, mailoutbox):
        # 2018's deadline is long past, so the update is overdue.
        assert "Update overdue: 1" in self.run()

    @pytest.mark.parametrize("args", [["--today", "14/10/2018"], ["--days", "-1"]])
    def test_bad_arguments_are_refused(self, db, args):
        with pytest.raises(CommandError):
            self.run(*args)


@pytest.mark.parametrize(("path", "name"), [("/my-actions/", "my-actions"), ("/review/", "review")])
def test_the_links_in_reminders_lead_to_the_right_pages(path, name):
    assert resolve(path).url_name == name
