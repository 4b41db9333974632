"""People who sign in, each with one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    ADMIN = "admin", "OPCC administrator"
    OFFICER = "officer", "OPCC officer"
    LEAD = "lead", "Lead"
    PANEL = "panel", "Panel member"
    AUDITOR = "auditor", "Auditor"


class User(AbstractUser):
    """A person with an account. Anonymous visitors have no row here."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.LEAD)
    organisation = models.CharField(
        max_length=200, blank=True, help_text="For example: Northmoor Constabulary"
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[choice for choice, _ in Role.choices]),
                name="user_role_is_known",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A key for the API, for one user; only its SHA-256 is kept (the key is shown once)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What it is for, e.g. 'performance import'")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "created_at"]

    def __str__(self) -> str:
        return f"{self.user}: {self.name}"
