"""Reads of consultation: results by question (counts and percentages), by district or age
band, the free-text answers, and "You said, we did"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from planwatch.consultation.models import Answer, HeardPriority, Question, Survey
from planwatch.delivery.latest import latest_published_statuses
from planwatch.delivery.models import Action
from planwatch.permissions import visible_plan_statuses
from planwatch.plans.lifecycle import Wording, published_wording
from planwatch.plans.models import Objective

GROUPS = {"district": "District", "age_band": "Age band"}
NOT_GIVEN = "Not given"


@dataclass(frozen=True)
class Share:
    value: str
    count: int
    percent: float  # of the respondents who answered the question


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int  # respondents who gave any answer
    shares: list[Share]


def _percent(count: int, of: int) -> float:
    return round(100 * count / of, 1) if of else 0.0


def results(survey: Survey) -> list[QuestionResult]:
    """Each choice and multiple-choice question with its answers, most given first (a
    multiple-choice question's percentages can add up to more than 100). Three queries."""
    questions = list(survey.questions.exclude(kind="text"))
    counts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for row in (
        Answer.objects.filter(question__in=questions)
        .values("question_id", "value")
        .annotate(n=Count("id"))
        .order_by("question_id", "-n", "value")
    ):
        counts[row["question_id"]].append((row["value"], row["n"]))
    answered = dict(
        Answer.objects.filter(question__in=questions)
        .values("question_id")
        .annotate(r=Count("respondent", distinct=True))
        .values_list("question_id", "r")
    )
    return [
        QuestionResult(
            q,
            answered.get(q.pk, 0),
            [Share(v, n, _percent(n, answered.get(q.pk, 0))) for v, n in counts[q.pk]],
        )
        for q in questions
    ]


@dataclass(frozen=True)
class GroupTable:
    question: Question
    values: list[str]
    rows: list[tuple[str, int, list[tuple[int, float]]]]  # group, answered, (count, percent)


def by_group(question: Question, group: str) -> GroupTable:
    """A question's answers in each district or age band: counts and percentages of the
    respondents in that group who answered it."""
    field = f"respondent__{group}"
    cells: dict[tuple[str, str], int] = {}
    for row in question.answers.values(field, "value").annotate(
        n=Count("respondent", distinct=True)
    ):
        cells[row[field] or NOT_GIVEN, row["value"]] = row["n"]
    answered = {
        (row[field] or NOT_GIVEN): row["r"]
        for row in question.answers.values(field).annotate(r=Count("respondent", distinct=True))
    }
    totals: dict[str, int] = defaultdict(int)
    for (_, value), n in cells.items():
        totals[value] += n
    values = sorted(totals, key=lambda v: (-totals[v], v))
    groups = sorted(answered, key=lambda g: (g == NOT_GIVEN, g))
    return GroupTable(
        question,
        values,
        [
            (
                g,
                answered[g],
                [
                    (cells.get((g, v), 0), _percent(cells.get((g, v), 0), answered[g]))
                    for v in values
                ],
            )
            for g in groups
        ],
    )


def text_answers(question: Question, *, search: str = "", theme: int | None = None) -> QuerySet:
    answers = question.answers.select_related("respondent").prefetch_related("themes")
    if search:
        answers = answers.filter(value__icontains=search)
    if theme:
        answers = answers.filter(themes__id=theme)
    return answers.order_by("respondent__row")


@dataclass(frozen=True)
class WeDid:
    objective: str
    theme: str
    actions: list[tuple[Action, str]]  # each action under it, with its latest published status


def you_said_we_did(user) -> list[tuple[HeardPriority, list[WeDid]]]:
    """Each priority heard with the objectives answering it and their actions' latest status:
    only objectives of Plans this user may read, worded as the version in force has them."""
    statuses = visible_plan_statuses(user)
    objectives = Objective.objects.select_related("theme__plan").prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("reference"))
    )
    if statuses is not None:
        objectives = objectives.filter(theme__plan__status__in=statuses)
    priorities = list(
        HeardPriority.objects.select_related("survey").prefetch_related(
            Prefetch("objectives", queryset=objectives)
        )
    )
    ids = {a.pk for p in priorities for o in p.objectives.all() for a in o.actions.all()}
    latest = latest_published_statuses(ids)
    wordings: dict[int, Wording | None] = {}

    def answered(objective: Objective) -> WeDid | None:
        plan = objective.theme.plan
        if plan.pk not in wordings:
            wordings[plan.pk] = published_wording(plan, user)
        wording = wordings[plan.pk]
        text = wording.objective(objective.pk) if wording else objective.text
        if text is None:  # added by a variation this user may not read
            return None
        theme = wording.theme(objective.theme_id) if wording else objective.theme.name
        actions = [
            (a, latest[a.pk].label if a.pk in latest else "Not yet reported")
            for a in objective.actions.all()
        ]
        return WeDid(text, theme, actions)

    return [
        (priority, [d for d in map(answered, priority.objectives.all()) if d is not None])
        for priority in priorities
    ]
