from __future__ import annotations

from ninja import Schema


class Error(Schema):
    detail: str


class Problems(Schema):
    detail: str
    errors: dict[str, list[str]]


class PlanOut(Schema):
    slug: str
    title: str
    area: str
    commissioner: str
    starts: str
    ends: str
    status: str


class ObjectiveOut(Schema):
    text: str
    priorities: list[str]


class ThemeOut(Schema):
    name: str
    aim: str
    outcomes: list[str]
    objectives: list[ObjectiveOut]


class PlanDetail(PlanOut):
    themes: list[ThemeOut]


class PeriodOut(Schema):
    slug: str
    label: str
    starts: str
    ends: str
    state: str


class ActionRow(Schema):
    reference: str
    title: str
    theme: str
    objective: str | None
    lead: str
    due: str | None
    status: str | None
    direction: str | None
    commentary: str | None
    update_state: str | None


class UpdateIn(Schema):
    status: str
    commentary: str = ""
    submit: bool = False


class UpdateOut(Schema):
    action: str
    period: str
    status: str
    commentary: str
    state: str


class GrantOut(Schema):
    reference: str
    recipient: str
    amount_gbp: str
    purpose: str
    conditions: str
    scheme: str
    starts: str
    ends: str
