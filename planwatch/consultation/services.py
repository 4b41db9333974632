"""Writes to consultation records. Each checks the rules, runs in one transaction and records
who made the change (django-simple-history for surveys and priorities)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from planwatch.accounts.models import User
from planwatch.consultation.models import (
    Answer,
    HeardPriority,
    PrioritySource,
    Question,
    Respondent,
    Survey,
)
from planwatch.consultation.reading import AGE_BAND, DISTRICT, ParsedSurvey, read_survey
from planwatch.delivery.spreadsheet import SpreadsheetError, read_records
from planwatch.permissions import can
from planwatch.plans.models import Objective, Theme
from planwatch.recorded import save_recorded

BATCH = 2000


def _require(by: User | None) -> None:
    if by is not None and not can(by, "consultation.manage"):
        raise PermissionDenied("consultation.manage")


def survey_import(
    *, path: Path | str, name: str, mapping: Mapping[str, str] | None = None, by: User | None
) -> tuple[Survey, ParsedSurvey]:
    """Import a survey export: all of it, or nothing (SpreadsheetError lists every bad row)."""
    _require(by)
    name = name.strip()
    if not name:
        raise SpreadsheetError(["Give the survey a name."])
    if Survey.objects.filter(name__iexact=name).exists():
        raise SpreadsheetError([f"There is already a survey called {name!r}: choose another name."])
    parsed = read_survey(read_records(path), mapping)
    if not parsed.rows:
        raise SpreadsheetError(["The file has a header but no answers."])
    with transaction.atomic():
        survey = Survey(
            name=name,
            slug=_slug(name),
            respondents=len(parsed.rows),
            dropped_columns="\n".join(parsed.dropped),
            imported_by=by,
        )
        save_recorded(survey, by, f"Imported from {Path(path).name}")
        questions = {
            column.index: Question.objects.create(
                survey=survey, order=order, text=column.heading[:500], kind=column.kind
            )
            for order, column in enumerate(parsed.columns, start=1)
            if column.kind not in (DISTRICT, AGE_BAND)
        }
        respondents = Respondent.objects.bulk_create(
            [
                Respondent(
                    survey=survey, row=row.number, district=row.district, age_band=row.age_band
                )
                for row in parsed.rows
            ],
            batch_size=BATCH,
        )
        Answer.objects.bulk_create(
            (
                Answer(respondent=respondent, question=questions[index], value=value)
                for respondent, row in zip(respondents, parsed.rows, strict=True)
                for index, value in row.answers
            ),
            batch_size=BATCH,
        )
    return survey, parsed


def _slug(name: str) -> str:
    base, n = slugify(name)[:70] or "survey", 1
    slug = base
    while Survey.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def answer_tag(*, answer: Answer, themes: Iterable[Theme], by: User | None) -> Answer:
    """Tag a free-text answer with the themes it speaks to."""
    _require(by)
    if answer.question.kind != "text":
        raise ValidationError("Only free-text answers are tagged.")
    answer.themes.set(list(themes))
    return answer


@transaction.atomic
def priority_save(
    *,
    priority: HeardPriority,
    by: User | None,
    objectives: Iterable[Objective] = (),
    **fields,
) -> HeardPriority:
    """Record a priority heard from the public or a partner, with the objectives answering it."""
    _require(by)
    for key, value in fields.items():
        setattr(priority, key, value.strip() if isinstance(value, str) else value)
    if priority.source == PrioritySource.PARTNER and not priority.partner:
        raise ValidationError({"partner": "Name the partner it came from."})
    if priority.source == PrioritySource.SURVEY:
        priority.partner = ""
    save_recorded(priority, by, "Recorded" if priority._state.adding else "Changed")
    priority.objectives.set(list(objectives))
    return priority
