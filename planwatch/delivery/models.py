"""The Delivery Plan: the RAG key, reporting periods, actions and their quarterly updates."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from planwatch.delivery.quarters import parse_quarter
from planwatch.language import english, is_english
from planwatch.plans.models import Objective, Plan, Theme

# References and codes appear in web addresses, so they are kept to safe characters.
REFERENCE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    "Use letters, digits, full stops, hyphens or underscores, starting with a letter or digit",
)


class TagColour(models.TextChoices):
    """GOV.UK tag colours; each has a print colour for documents."""

    GREEN = "green", "Green"
    YELLOW = "yellow", "Yellow"
    ORANGE = "orange", "Orange"
    RED = "red", "Red"
    BLUE = "blue", "Blue"
    GREY = "grey", "Grey"
    PURPLE = "purple", "Purple"
    TURQUOISE = "turquoise", "Turquoise"


PRINT_COLOURS = {
    "green": "#00703c",
    "yellow": "#ffdd00",
    "orange": "#f47738",
    "red": "#d4351c",
    "blue": "#1d70b8",
    "grey": "#b1b4b6",
    "purple": "#4c2c92",
    "turquoise": "#28a197",
}


class RagStatus(models.Model):
    """One entry in a Plan's RAG key. Rank orders statuses: higher is better."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rag_statuses")
    code = models.CharField(
        max_length=20, help_text="Short code, for example G", validators=[REFERENCE_VALIDATOR]
    )
    label = models.CharField(max_length=60, help_text="For example: Green")
    meaning = models.CharField(max_length=300, help_text="What the status means")
    colour = models.CharField(max_length=20, choices=TagColour.choices)
    rank = models.SmallIntegerField(help_text="Higher is better; used for direction of travel")
    is_complete = models.BooleanField(default=False, help_text="The action is finished")
    counts_as_on_track = models.BooleanField(default=False)
    needs_commentary = models.BooleanField(
        default=False, help_text="An update with this status must explain itself"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-rank", "code"]
        verbose_name = "RAG status"
        verbose_name_plural = "RAG statuses"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="rag_code_unique_in_plan"),
            models.UniqueConstraint(fields=["plan", "label"], name="rag_label_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def print_colour(self) -> str:
        return PRINT_COLOURS[self.colour]


class PeriodState(models.TextChoices):
    PLANNED = "planned", "Not open yet"
    OPEN = "open", "Open for updates"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"


class ReportingPeriod(models.Model):
    """A quarter (by default) for which every open action gets one update."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    slug = models.SlugField(max_length=20, help_text="For example 2018-19-q1")
    label = models.CharField(max_length=80)
    starts = models.DateField()
    ends = models.DateField()
    update_deadline = models.DateField()
    state = models.CharField(
        max_length=12, choices=PeriodState.choices, default=PeriodState.PLANNED
    )
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="period_slug_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(state__in=PeriodState.values), name="period_state_is_known"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def shown_label(self) -> str:
        """The label in the language of the page. The stored label is English (it is what open
        data, the API and the papers give); a quarter's own label is said in the page's
        language, and any other label is shown as stored."""
        if is_english():
            return self.label
        try:
            quarter = parse_quarter(self.slug)
        except ValueError:
            return self.label
        with english():
            in_english = quarter.label
        return quarter.label if self.label == in_english else self.label

    @property
    def is_published(self) -> bool:
        return self.state == PeriodState.PUBLISHED


class ActionState(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETE = "complete", "Complete"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    # RESTRICT: a theme cannot be deleted from under its actions (deleting the Plan still can).
    theme = models.ForeignKey(Theme, on_delete=models.RESTRICT, related_name="actions")
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    reference = models.CharField(
        max_length=20, help_text="For example V1.3", validators=[REFERENCE_VALIDATOR]
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
        limit_choices_to={"role": "lead"},
    )
    lead_name = models.CharField(
        "lead organisation or post",
        max_length=200,
        blank=True,
        help_text="For a partner without an account, for example Head of Community Safety",
    )
    partners = models.CharField(max_length=300, blank=True)
    starts = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=12, choices=ActionState.choices, default=ActionState.OPEN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__order", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference"], name="action_reference_unique_in_plan"
            ),
            models.CheckConstraint(
                condition=Q(state__in=ActionState.values), name="action_state_is_known"
            ),
            models.CheckConstraint(
                condition=Q(due__isnull=True)
                | Q(starts__isnull=True)
                | Q(due__gte=models.F("starts")),
                name="action_due_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def lead_display(self) -> str:
        if self.lead_id and self.lead_name:
            return f"{self.lead} ({self.lead_name})"
        return str(self.lead) if self.lead_id else self.lead_name


class UpdateState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting review"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"


class Update(models.Model):
    """An action's status and commentary for one period."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    rag = models.ForeignKey(
        RagStatus, on_delete=models.PROTECT, related_name="updates", verbose_name="status"
    )
    commentary = models.TextField(blank=True)
    state = models.CharField(max_length=12, choices=UpdateState.choices, default=UpdateState.DRAFT)
    return_reason = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Return and correction reasons are kept whole in the record.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["period__starts", "action__reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "period"], name="one_update_per_action_per_period"
            ),
            models.CheckConstraint(
                condition=Q(state__in=UpdateState.values), name="update_state_is_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference} {self.period.slug}: {self.rag}"


class Reminder(models.Model):
    """One reminder sent: the unique constraint makes send-reminders idempotent."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", "Update due soon"
        OVERDUE = "overdue", "Update overdue"
        AWAITING_REVIEW = "awaiting_review", "Submission awaiting review"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "period", "stage", "recipient"], name="one_reminder_per_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.action.reference} to {self.recipient}"
