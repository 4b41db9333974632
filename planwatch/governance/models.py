"""Bodies (the BCB, the Panel, the JAC), their meetings and agendas, and the forward plan."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from planwatch.governance.agenda import AGENDA_NUMBER, AGENDA_NUMBER_HELP
from planwatch.governance.months import describe_months, parse_months

# Words the governance pages use in their own addresses, so no body may take them as a slug.
RESERVED_SLUGS = frozenset({"calendar", "forward-plan", "bodies"})


def _not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"{slug!r} is used by PlanWatch's own pages; choose another")


class Body(models.Model):
    """A board, panel or committee that holds meetings and receives papers."""

    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(
        max_length=30, help_text="Used in lists and calendars, for example BCB"
    )
    slug = models.SlugField(
        max_length=60,
        unique=True,
        validators=[_not_reserved],
        help_text="Used in web addresses and the calendar feed, for example "
        "police-and-crime-panel. It cannot be changed later.",
    )
    description = models.TextField(blank=True, help_text="What the body does, for the public")
    default_venue = models.CharField(
        max_length=200, blank=True, help_text="Offered for each new meeting"
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first")
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", kwargs={"body": self.slug})


class Access(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "private", "Private"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(models.Model):
    """One meeting of a body. Private meetings are for OPCC staff and auditors only."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(
        max_length=200, blank=True, help_text="Optional, for example Annual Report meeting"
    )
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    venue = models.CharField(max_length=200)
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.PUBLIC)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancellation_reason = models.CharField(max_length=500, blank=True)
    # The calendar feed's UID and SEQUENCE: stable for the meeting's life, and counting changes
    # so that subscribed calendars replace their copy.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts", "body__order"]
        indexes = [models.Index(fields=["body", "starts"], name="meeting_body_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="meeting_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(access__in=Access.values), name="meeting_access_is_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_is_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.body.name

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", kwargs={"body": self.body.slug, "pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.access == Access.PUBLIC

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


class PaperKind(models.TextChoices):
    DELIVERY_MONITORING = "delivery_monitoring", "Monitoring the delivery of the Plan"
    THEME = "theme", "Theme report (deep dive)"
    PERFORMANCE = "performance", "Performance report"
    ANNUAL = "annual", "Annual Report"
    OTHER = "other", "Other paper"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(
        max_length=8,
        validators=[RegexValidator(AGENDA_NUMBER, AGENDA_NUMBER_HELP)],
        help_text="For example 5, or 5a or 5.1 for a part of item 5",
    )
    # Set from the number by the service, so that 10 comes after 9.
    position = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(max_length=300)
    paper_kind = models.CharField(
        "kind of paper",
        max_length=24,
        choices=PaperKind.choices,
        blank=True,
        help_text="Leave empty for an item without a paper, such as apologies",
    )
    paper_title = models.CharField(
        "title of the paper",
        max_length=300,
        blank=True,
        help_text="For example: Monitoring the delivery of the Police and Crime Plan",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agenda_number_unique_in_meeting"
            ),
            models.CheckConstraint(
                condition=Q(paper_kind__in=[*PaperKind.values, ""]),
                name="agenda_paper_kind_is_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def has_paper(self) -> bool:
        return bool(self.paper_kind or self.paper_title)


class Expectation(models.Model):
    """A paper the forward plan expects: of this kind, to this body, in these months or always."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="expectations")
    paper_kind = models.CharField("kind of paper", max_length=24, choices=PaperKind.choices)
    title = models.CharField(
        max_length=300,
        help_text="For example: Monitoring the delivery of the Police and Crime Plan",
    )
    every_meeting = models.BooleanField(
        "to every meeting of the body",
        default=False,
        help_text="For example the performance report to every BCB",
    )
    months = models.CharField(
        max_length=40,
        blank=True,
        validators=[RegexValidator(r"^(1[0-2]|[1-9])(,(1[0-2]|[1-9]))*$", "Choose months")],
        help_text="Months of the year, stored as 3,9,11",
    )
    is_active = models.BooleanField("still expected", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body__order", "paper_kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(every_meeting=True) | ~Q(months=""),
                name="expectation_has_months_or_every_meeting",
            ),
            models.CheckConstraint(
                condition=Q(paper_kind__in=PaperKind.values), name="expectation_kind_is_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} to the {self.body.short_name} {self.when}"

    @property
    def month_numbers(self) -> frozenset[int]:
        return parse_months(self.months)

    @property
    def when(self) -> str:
        if self.every_meeting:
            return "at every meeting"
        return "in " + describe_months(self.month_numbers)
