"""The Plan and its parts: themes, shared outcomes, objectives, priorities for action."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OUT_FOR_COMMENT = "out_for_comment", "Out for comment"
    WITH_PANEL = "with_panel", "With the Panel"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    VARIED = "varied", "Varied"
    SUPERSEDED = "superseded", "Superseded"


class Plan(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    area = models.CharField("police force area", max_length=120)
    force = models.SlugField(
        "data.police.uk force id", max_length=60, help_text="For example: cambridgeshire"
    )
    commissioner = models.CharField(max_length=120)
    starts = models.DateField()
    ends = models.DateField()
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="plan_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[value for value, _ in PlanStatus.choices]),
                name="plan_status_is_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"slug": self.slug})


class Theme(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=120)
    aim = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="theme_name_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return self.name


class OrderedText(models.Model):
    """A numbered piece of text within its parent: an outcome, objective or priority."""

    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Outcome(OrderedText):
    """A shared outcome: a goal common to every agency working on the theme."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="outcomes")

    class Meta(OrderedText.Meta):
        pass


class Objective(OrderedText):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="objectives")

    class Meta(OrderedText.Meta):
        pass


class Priority(OrderedText):
    """A priority for action under an objective."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="priorities")

    class Meta(OrderedText.Meta):
        verbose_name_plural = "priorities"


class PlanVersion(models.Model):
    """One version of a Plan on its way from draft to publication: the first, or a variation.
    The newest version is the one being worked on (the Plan's parts as they are now); once a
    version is published its whole text is kept in `document` (the Plan document, YAML), so it
    stays readable after a later variation changes the parts."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    reason = models.TextField(blank=True, help_text="Why this version: what the variation changes")
    document = models.TextField(blank=True, help_text="The whole Plan as published (YAML)")
    frozen_at = models.DateTimeField(
        null=True, blank=True, help_text="When `document` was kept: the parts' wording then"
    )
    effective_from = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.CheckConstraint(
                condition=models.Q(state__in=[value for value, _ in PlanStatus.choices]),
                name="plan_version_state_is_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} version {self.number}"


class PlanStep(models.Model):
    """A step in a version's life: the state it reached, on what date, who recorded it, and a
    note (the Panel's report, the Commissioner's response, the BCB decision)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="steps")
    state = models.CharField(max_length=20, choices=PlanStatus.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.get_state_display()} on {self.on:%d/%m/%Y}"


class EvidenceKind(models.TextChoices):
    SECTION = "section", "A section of the Plan"
    DOCUMENT = "document", "A document"
    DATE = "date", "A date"
    DECISION = "decision", "A decision"


class ChecklistEntry(models.Model):
    """What meets one statutory requirement for a version of a Plan: the Plan section,
    document, date or decision an officer points to (planwatch.plans.statutory lists them)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="evidence")
    requirement = models.CharField(max_length=40)
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    reference = models.CharField(
        max_length=300, help_text="For example: section 5, Finances; or BCB decision 2017/03"
    )
    on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "requirement", "pk"]
        verbose_name_plural = "checklist entries"

    def __str__(self) -> str:
        return f"{self.requirement}: {self.reference}"
