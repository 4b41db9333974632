"""Grant schemes, the grants the Commissioner makes under them (with the objectives each
serves), and the monitoring returns recipients owe."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from planwatch.plans.models import Objective


class SchemeKind(models.TextChoices):
    CRIME_AND_DISORDER = "crime_and_disorder", "Crime and disorder reduction grants (s.9)"
    VICTIMS = "victims", "Victims' and witnesses' services (s.143)"
    OTHER = "other", "Other"


class Scheme(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=SchemeKind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Grant(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="grants")
    reference = models.CharField(max_length=30, unique=True, help_text="For example: CDR-2021-04")
    recipient = models.CharField(max_length=200, help_text="The organisation given the grant")
    purpose = models.TextField()
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="In pounds")
    starts = models.DateField()
    ends = models.DateField()
    conditions = models.TextField(blank=True)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="grants")
    published = models.BooleanField(
        "show in the public grants register",
        default=False,
        help_text="The register gives recipient, amount, purpose and conditions",
    )
    history = HistoricalRecords(m2m_fields=[objectives])

    class Meta:
        ordering = ["-starts", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")), name="grant_ends_after_starts"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.recipient}"

    @property
    def financial_year(self) -> str:
        """The financial year the grant starts in, as "2021/22"."""
        first = self.starts.year if self.starts.month >= 4 else self.starts.year - 1
        return f"{first}/{(first + 1) % 100:02d}"


class ReturnState(models.TextChoices):
    AWAITED = "awaited", "Awaited"
    RECEIVED = "received", "Received"
    ACCEPTED = "accepted", "Accepted"


class MonitoringReturn(models.Model):
    """A report the recipient owes on what the grant achieved, by a due date."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="returns")
    title = models.CharField(max_length=200, help_text="For example: Q2 monitoring return")
    due = models.DateField()
    state = models.CharField(
        max_length=10, choices=ReturnState.choices, default=ReturnState.AWAITED
    )
    received_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="awaited", received_on__isnull=True)
                | (~Q(state="awaited") & Q(received_on__isnull=False)),
                name="return_received_date_when_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant.reference}: {self.title}"

    def overdue(self, today: dt.date) -> bool:
        return self.state == ReturnState.AWAITED and self.due < today
