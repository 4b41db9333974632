"""Surveys imported from any survey tool's export (answers only: no names, emails or other
identifiers are kept), and the priorities heard in consultation (from a survey or from a
partner), each linked to the Plan objectives that answer it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from planwatch.plans.models import Objective, Theme


class Survey(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    respondents = models.PositiveIntegerField(default=0)
    dropped_columns = models.TextField(
        blank=True, help_text="Columns left out of the import as personal data, one a line"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-imported_at", "name"]

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    CHOICE = "choice", "Choice"
    MULTI = "multi", "Multiple choice"
    TEXT = "text", "Free text"
    DISTRICT = "district", "District"
    AGE_BAND = "age_band", "Age band"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)

    class Meta:
        ordering = ["survey", "order"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "order"], name="question_order_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class Respondent(models.Model):
    """One row of the export: only its place in the file and the groups it falls in."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="rows")
    row = models.PositiveIntegerField()
    district = models.CharField(max_length=120, blank=True)
    age_band = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["survey", "row"]

    def __str__(self) -> str:
        return f"{self.survey}, row {self.row}"


class Answer(models.Model):
    """A respondent's answer to a question; a multiple-choice answer is one row per option."""

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")

    class Meta:
        ordering = ["question", "respondent", "pk"]

    def __str__(self) -> str:
        return self.value[:80]


class PrioritySource(models.TextChoices):
    SURVEY = "survey", "The public (a survey)"
    PARTNER = "partner", "A partner (responsible authority)"


class HeardPriority(models.Model):
    """A priority heard in consultation, with where it came from and the objectives that
    answer it: the lines of "You said, we did"."""

    source = models.CharField(max_length=10, choices=PrioritySource.choices)
    survey = models.ForeignKey(
        Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="priorities"
    )
    partner = models.CharField(
        max_length=200, blank=True, help_text="For example: Northmoor County Council"
    )
    text = models.TextField(help_text="What was said, in a sentence")
    reference = models.CharField(
        max_length=300, blank=True, help_text="Where it is recorded: a report, a letter, a page"
    )
    objectives = models.ManyToManyField(Objective, blank=True, related_name="heard_priorities")
    history = HistoricalRecords(m2m_fields=[objectives])

    class Meta:
        ordering = ["source", "pk"]
        verbose_name_plural = "heard priorities"

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def heard_from(self) -> str:
        if self.source == PrioritySource.PARTNER:
            return self.partner or "A partner"
        return self.survey.name if self.survey else "The public"
