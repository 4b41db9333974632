"""Assurance: internal audits and the actions agreed on them, inspection reports with their
grades and recommendations, and the Commissioner's 56-day response to each report.

Levels (audit assurance, priority, inspection grades) are configurable scales. An agreed action
or a recommendation is tracked to closure (states.py), may answer Delivery Plan actions and
objectives, and keeps its original due date beside every revision, so slippage shows
(dates.py). Nothing here is public unless an officer publishes it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from planwatch.assurance.dates import response_due, slippage_days
from planwatch.assurance.states import FINISHED, Status
from planwatch.delivery.models import Action
from planwatch.plans.models import Objective

REFERENCE_HELP = "Letters, digits, dots and hyphens, for example IA-2018-03 or R1.2"


class ScaleKind(models.TextChoices):
    ASSURANCE = "assurance", "Audit assurance level"
    PRIORITY = "priority", "Priority"
    GRADE = "grade", "Inspection grade"


class ScaleLevel(models.Model):
    """One level of a configurable scale; rank 1 is the best assurance or grade, and the
    highest priority."""

    kind = models.CharField(max_length=12, choices=ScaleKind.choices)
    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=80)
    rank = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "rank", "label"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="scale_level_code_unique"),
            models.UniqueConstraint(fields=["kind", "label"], name="scale_level_label_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Tracked(models.Model):
    """What an agreed action and a recommendation share: an owner, a status tracked to
    closure with evidence, and links to the Delivery Plan."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who updates it in PlanWatch",
    )
    owner_post = models.CharField(
        "owner's post", max_length=200, blank=True, help_text="For example: Head of Finance"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    evidence = models.TextField(blank=True, help_text="What shows it is done")
    finished_on = models.DateField(null=True, blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="+")
    objectives = models.ManyToManyField(Objective, blank=True, related_name="+")

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def owner_name(self) -> str:
        return self.owner_post or (str(self.owner) if self.owner else "")


class Audit(models.Model):
    reference = models.CharField(max_length=30, unique=True, help_text=REFERENCE_HELP)
    title = models.CharField(max_length=300)
    auditor = models.CharField(max_length=200, help_text="For example: the internal auditors")
    reported_on = models.DateField("date reported")
    scope = models.TextField(blank=True)
    assurance = models.ForeignKey(
        ScaleLevel,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": ScaleKind.ASSURANCE},
    )
    published = models.BooleanField(default=False, help_text="Shown to the public when set")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        if self.assurance_id and self.assurance.kind != ScaleKind.ASSURANCE:
            raise ValidationError({"assurance": "Choose an assurance level."})


class AuditAction(Tracked):
    """An action agreed on an internal audit's finding."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="agreed_actions")
    reference = models.CharField(max_length=30, help_text=REFERENCE_HELP)
    finding = models.TextField()
    recommendation = models.TextField()
    priority = models.ForeignKey(
        ScaleLevel,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": ScaleKind.PRIORITY},
    )
    management_response = models.TextField(blank=True)
    original_due = models.DateField("original due date")
    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "reference"], name="audit_action_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.audit.reference}/{self.reference}"

    def clean(self) -> None:
        if self.priority_id and self.priority.kind != ScaleKind.PRIORITY:
            raise ValidationError({"priority": "Choose a priority."})

    @property
    def current_due(self) -> dt.date:
        """The latest revised due date, or the original one (revisions are prefetched)."""
        revisions = list(self.revisions.all())
        return (
            max(revisions, key=lambda r: (r.made_at, r.pk)).due if revisions else self.original_due
        )

    def slippage(self, today: dt.date) -> int:
        return slippage_days(self.original_due, self.current_due, today, self.finished_on)


class DueDateRevision(models.Model):
    """A new due date for an agreed action, with why and who agreed it; never changed."""

    audit_action = models.ForeignKey(
        AuditAction, on_delete=models.CASCADE, related_name="revisions"
    )
    due = models.DateField("revised due date")
    reason = models.TextField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["audit_action", "made_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="due_revision_says_why"),
        ]

    def __str__(self) -> str:
        return f"{self.audit_action} due {self.due:%d/%m/%Y}"


class InspectionKind(models.TextChoices):
    PEEL = "peel", "PEEL"
    THEMATIC = "thematic", "Thematic"
    NATIONAL = "national", "National"


class ResponseState(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFTING = "drafting", "Being drafted"
    PUBLISHED = "published", "Published"


class Inspection(models.Model):
    """An HMICFRS report, with the Commissioner's response due 56 days from publication."""

    reference = models.CharField(max_length=30, unique=True, help_text=REFERENCE_HELP)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=InspectionKind.choices)
    published_on = models.DateField("date the report was published")
    comments = models.TextField(
        "the Commissioner's comments", blank=True, help_text="The opening of the s.55 response"
    )
    response_state = models.CharField(
        max_length=12, choices=ResponseState.choices, default=ResponseState.NOT_STARTED
    )
    response_published_on = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False, help_text="Shown to the public when set")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(response_state="published", response_published_on__isnull=False)
                | (~Q(response_state="published") & Q(response_published_on__isnull=True)),
                name="inspection_response_date_when_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def response_due(self) -> dt.date:
        return response_due(self.published_on)


class InspectionGrade(models.Model):
    """A grade given for one area of a report; `scheme` names the grading scheme, so that a
    change of scheme shows as a break when grades are compared over time."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="grades")
    area = models.CharField(max_length=200, help_text="For example: Preventing crime")
    grade = models.ForeignKey(
        ScaleLevel,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": ScaleKind.GRADE},
    )
    scheme = models.CharField(max_length=80, help_text="For example: PEEL 2021/22 onwards")
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="grade_area_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.grade}"


class RecommendationKind(models.TextChoices):
    CAUSE_OF_CONCERN = "cause_of_concern", "Cause of concern"
    RECOMMENDATION = "recommendation", "Recommendation"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"


class Recommendation(Tracked):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="recommendations"
    )
    kind = models.CharField(
        max_length=24, choices=RecommendationKind.choices, default=RecommendationKind.RECOMMENDATION
    )
    reference = models.CharField(max_length=30, help_text=REFERENCE_HELP)
    text = models.TextField()
    response = models.TextField(
        blank=True, help_text="The action taken or proposed, or why none: for the s.55 response"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "reference"], name="recommendation_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection.reference}/{self.reference}"


class ProgressNote(models.Model):
    """A dated progress update on an agreed action or a recommendation; never changed."""

    audit_action = models.ForeignKey(
        AuditAction, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(audit_action__isnull=False, recommendation__isnull=True)
                | Q(audit_action__isnull=True, recommendation__isnull=False),
                name="progress_note_has_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class ResponseReminder(models.Model):
    """A reminder sent to an officer that a s.55 response is due soon or overdue: one per
    report, stage and person, so a daily run never sends it twice."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", "Response due soon"
        OVERDUE = "overdue", "Response overdue"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "stage", "recipient"], name="response_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.inspection.reference}"
