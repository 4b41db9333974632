"""The performance framework: indicators, the areas they are measured for, and observations."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from planwatch.plans.models import Outcome, Theme


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_PER_1000 = "rate_per_1000", "Rate per 1,000 people"
    SECONDS = "seconds", "Seconds"
    SCORE = "score", "Score"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NEITHER = "neither", "Neither"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"


CODE_VALIDATOR = RegexValidator(
    r"^[a-z0-9][a-z0-9._-]*$", "Use lower-case letters, digits, full stops, hyphens or underscores"
)


class Indicator(models.Model):
    """A measure in the performance framework, linked to the themes and outcomes it evidences."""

    code = models.CharField(max_length=60, unique=True, validators=[CODE_VALIDATOR])
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.NEITHER)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="indicators")
    outcomes = models.ManyToManyField(Outcome, blank=True, related_name="indicators")
    source = models.CharField(max_length=200, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[themes, outcomes])

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="indicator_unit_known"),
            models.CheckConstraint(
                condition=Q(polarity__in=Polarity.values), name="indicator_polarity_known"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="indicator_frequency_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Definition(models.Model):
    """One version of an indicator's definition; a change closes the old one and keeps it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="definitions")
    text = models.TextField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator"],
                condition=Q(valid_to__isnull=True),
                name="one_current_definition_per_indicator",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="definition_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SeriesBreak(models.Model):
    """A point from which the series is not comparable with what came before."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="breaks")
    date = models.DateField()
    reason = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "date"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="one_break_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.reason}"


class DataNote(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    added = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "added"]

    def __str__(self) -> str:
        return self.text


class AreaKind(models.TextChoices):
    FORCE = "force", "Police force area"
    CSP = "csp", "Community safety partnership"
    DISTRICT = "district", "Local authority district"
    LSOA = "lsoa", "Lower layer super output area"


class Area(models.Model):
    """A place figures are given for. Forces are also known by their data.police.uk id."""

    code = models.CharField(max_length=20, unique=True, help_text="The ONS code, e.g. E23000023")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    police_uk_id = models.SlugField(max_length=60, null=True, blank=True, unique=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    population_source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AreaKind.values), name="area_kind_known"),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population__gt=0),
                name="area_population_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PeerGroup(models.Model):
    """Force areas compared with one another, such as a Most Similar Group or an alliance.

    A force is compared with every force that shares a group with it; a force in no group
    with every force that has a figure.
    """

    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    areas = models.ManyToManyField(
        Area, related_name="peer_groups", limit_choices_to={"kind": AreaKind.FORCE}
    )
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="peer_group_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """A figure for an indicator, an area and a month (`2018-03`) or a quarter (`2018-19-q1`)."""

    # No index of its own: the unique constraint and the index below both start with it, and
    # every index is written to on each of an import's hundred thousand inserts.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="observations")
    period = models.CharField(max_length=12)
    starts = models.DateField()
    ends = models.DateField()
    value = models.FloatField()
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)
    # Figures arrive by the million from imports, so each carries the run that last wrote it
    # (who, when, from what) instead of a history row per figure.
    written_by = models.ForeignKey(
        "ImportRun", on_delete=models.PROTECT, related_name="observations"
    )

    class Meta:
        ordering = ["indicator", "area", "starts"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"], name="one_observation_per_period"
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="observation_denominator_positive",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "area", "starts"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.period}: {self.value}"


class ImportRun(models.Model):
    """One write of observations: an import of files or an officer's entry in the browser."""

    kind = models.CharField(max_length=40, help_text="For example: police.uk, file, browser")
    sources = models.TextField(blank=True, help_text="The files read, one per line")
    by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%d/%m/%Y %H:%M}"
