"""Papers to the bodies (the Panel, the BCB), and the versions of each that were published.

A Paper is a draft: its heading fields, its parameters (period, theme, year) and the officers'
narrative; it always renders from PlanWatch's current data. Publishing stores a PaperVersion:
the content it was made from (JSON) and its three files, each with a SHA-256. A version is
never changed or deleted afterwards; a correction is a new version that names the one it
replaces and says why.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from planwatch.governance.models import AgendaItem, Body, Meeting
from planwatch.plans.models import Plan, Theme


class Kind(models.TextChoices):
    """The kinds with a builder; the values are those of the `planwatch report` command."""

    DELIVERY_MONITORING = "delivery-monitoring", "Monitoring the delivery of the Plan"
    THEME = "theme", "Theme report (deep dive)"
    PERFORMANCE = "performance", "Performance report"
    ANNUAL = "annual", "Annual Report"


class Paper(models.Model):
    kind = models.CharField(max_length=24, choices=Kind.choices)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="papers")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="papers")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="papers"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="papers"
    )
    # The item number as printed; kept when the agenda item is later removed.
    agenda_number = models.CharField("agenda item number", max_length=8, blank=True)
    title = models.CharField(
        max_length=300, blank=True, help_text="Leave empty for the usual title of this kind"
    )
    report_of = models.CharField(
        "report of", max_length=200, help_text="For example: Police and Crime Commissioner"
    )
    author = models.CharField(
        max_length=120, blank=True, help_text="Who wrote the paper; shown in the files' details"
    )
    contact_officer = models.CharField(max_length=120, blank=True)
    contact_details = models.CharField(
        max_length=200, blank=True, help_text="For example: an email address and telephone number"
    )
    period = models.CharField(
        max_length=20,
        blank=True,
        help_text="A quarter such as 2018-19-q1, or for a performance report a month (2018-03)",
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="papers"
    )
    year = models.CharField(
        "financial year", max_length=7, blank=True, help_text="For example 2017-18"
    )
    # The officers' text for each editable part of the paper, by its key; a part without text
    # here takes the wording the builder makes from the data.
    narrative = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="paper_kind_is_known"),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    def clean(self) -> None:
        if not isinstance(self.narrative, dict) or not all(
            isinstance(key, str) and isinstance(text, str) for key, text in self.narrative.items()
        ):
            raise ValidationError({"narrative": "The narrative is text by section key."})
        if self.meeting_id and self.body_id and self.meeting.body_id != self.body_id:
            raise ValidationError({"meeting": "The meeting must be one of the body's."})
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError(
                {"agenda_item": "The agenda item must be on the meeting's agenda."}
            )
        if self.theme_id and self.theme.plan_id != self.plan_id:
            raise ValidationError({"theme": "The theme must be one of the Plan's."})


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FrozenError(Exception):
    """A published version is never changed or deleted."""


class PaperVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise FrozenError("A published paper is never changed; publish a new version.")

    def delete(self):
        raise FrozenError("A published paper is never deleted; publish a new version.")

    def without_files(self) -> PaperVersionQuerySet:
        """For lists: leaves the content and the files in the database."""
        return self.defer("content_json", "html", "pdf", "docx")


class PaperVersion(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    reason = models.TextField("what it corrects", blank=True)
    title = models.CharField(max_length=300)
    content_json = models.TextField()
    content_hash = models.CharField(max_length=64)
    html = models.BinaryField()
    html_sha256 = models.CharField(max_length=64)
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    docx = models.BinaryField()
    docx_sha256 = models.CharField(max_length=64)

    objects = PaperVersionQuerySet.as_manager()

    class Meta:
        ordering = ["paper", "number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="paper_version_number_unique"),
            models.CheckConstraint(
                condition=Q(number=1, replaces__isnull=True)
                | Q(number__gt=1, replaces__isnull=False),
                name="paper_version_replaces_the_one_before",
            ),
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | ~Q(reason=""),
                name="paper_version_correction_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise FrozenError("A published paper is never changed; publish a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenError("A published paper is never deleted; publish a new version.")

    def file(self, fmt: str) -> bytes:
        return bytes(getattr(self, fmt))

    def file_sha256(self, fmt: str) -> str:
        return getattr(self, f"{fmt}_sha256")

    def files_intact(self) -> bool:
        """Whether every stored file still has the hash it was published with."""
        return all(
            sha256(self.file(fmt)) == self.file_sha256(fmt) for fmt in ("html", "pdf", "docx")
        )


class Job(models.Model):
    """A file made in the background by `planwatch worker`: a draft paper as PDF, a paper's
    publication, or a meeting's agenda pack. The page that asked for it shows its state and,
    once it is done, offers the file."""

    class What(models.TextChoices):
        DRAFT = "draft", "Draft paper"
        PUBLISH = "publish", "Publication"
        PACK = "pack", "Agenda pack"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    what = models.CharField(max_length=8, choices=What.choices)
    paper = models.ForeignKey(
        Paper, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    fmt = models.CharField("format", max_length=4, default="pdf")
    reason = models.TextField(blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    filename = models.CharField(max_length=200, blank=True)
    result = models.BinaryField(null=True, blank=True)
    result_sha256 = models.CharField(max_length=64, blank=True)
    version = models.ForeignKey(
        PaperVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(what="pack", meeting__isnull=False, paper__isnull=True)
                | Q(what__in=["draft", "publish"], paper__isnull=False, meeting__isnull=True),
                name="job_has_its_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_what_display()} ({self.get_state_display().lower()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
