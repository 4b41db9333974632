"""The public tables as open data: each with stable column names (the API of these files:
they change only by adding columns), a description, and its rows as the public may see them.
Only published material is in them: published Plans in the wording in force, published
quarters' approved updates, published grants, audits and inspection reports, and the
priorities heard with the objectives answering them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from planwatch.assurance.models import AuditAction, Inspection
from planwatch.consultation.selectors import you_said_we_did
from planwatch.delivery.models import PeriodState
from planwatch.delivery.selectors import delivery_plan
from planwatch.grants.models import Grant
from planwatch.plans.lifecycle import document_for
from planwatch.plans.selectors import plans_visible_to

PUBLIC = AnonymousUser()
Rows = Iterator[dict[str, Any]]


def _date(day) -> str:
    return day.isoformat() if day else ""


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: Callable[[], Rows]


def _plans() -> Rows:
    for plan in plans_visible_to(PUBLIC):
        yield {
            "plan": plan.slug,
            "title": plan.title,
            "area": plan.area,
            "commissioner": plan.commissioner,
            "starts": _date(plan.starts),
            "ends": _date(plan.ends),
            "status": plan.status,
        }


def _objectives() -> Rows:
    for plan in plans_visible_to(PUBLIC):
        document = document_for(plan)  # the version in force, as published
        for theme_number, theme in enumerate(document.themes, start=1):
            for number, objective in enumerate(theme.objectives, start=1):
                yield {
                    "plan": plan.slug,
                    "theme_number": theme_number,
                    "theme": theme.name,
                    "theme_aim": theme.aim,
                    "objective_number": number,
                    "objective": objective.text,
                    "priorities": " | ".join(objective.priorities),
                }


def _delivery() -> Rows:
    for plan in plans_visible_to(PUBLIC):
        for period in plan.periods.filter(state=PeriodState.PUBLISHED).order_by("starts"):
            report = delivery_plan(user=PUBLIC, plan=plan, period=period)
            for theme in report.themes:
                for group in theme.groups:
                    for row in group.rows:
                        direction = row.direction
                        yield {
                            "plan": plan.slug,
                            "period": period.slug,
                            "theme": theme.name,
                            "objective": group.text or "",
                            "action": row.action.reference,
                            "title": row.action.title,
                            "lead": row.action.lead_display,
                            "due": _date(row.action.due),
                            "status": row.rag.label if row.rag else "",
                            "direction": direction.value if direction else "",
                            "commentary": row.update.commentary if row.update else "",
                        }


def _grants() -> Rows:
    for grant in Grant.objects.filter(published=True).select_related("scheme"):
        yield {
            "reference": grant.reference,
            "recipient": grant.recipient,
            "amount_gbp": f"{grant.amount:.2f}",
            "purpose": grant.purpose,
            "conditions": grant.conditions,
            "scheme": grant.scheme.name,
            "starts": _date(grant.starts),
            "ends": _date(grant.ends),
        }


def _inspections() -> Rows:
    for inspection in Inspection.objects.filter(published=True):
        yield {
            "reference": inspection.reference,
            "title": inspection.title,
            "type": inspection.kind,
            "published": _date(inspection.published_on),
            "response_due": _date(inspection.response_due),
            "response_state": inspection.response_state,
            "response_published": _date(inspection.response_published_on),
        }


def _audit_actions() -> Rows:
    for item in AuditAction.objects.filter(audit__published=True).select_related(
        "audit", "priority"
    ):
        yield {
            "audit": item.audit.reference,
            "audit_title": item.audit.title,
            "reference": item.reference,
            "recommendation": item.recommendation,
            "priority": item.priority.label,
            "status": item.status,
            "original_due": _date(item.original_due),
            "current_due": _date(item.current_due),
        }


def _priorities() -> Rows:
    for priority, answers in you_said_we_did(PUBLIC):
        for answer in answers or [None]:
            yield {
                "priority": priority.text,
                "heard_from": priority.heard_from,
                "theme": answer.theme if answer else "",
                "objective": answer.objective if answer else "",
                "actions": " | ".join(f"{a.reference} ({s})" for a, s in answer.actions)
                if answer
                else "",
            }


DATASETS = {
    d.slug: d
    for d in (
        Dataset(
            "plans",
            "Police and Crime Plans",
            "Each published Plan: its area, Commissioner and period.",
            ("plan", "title", "area", "commissioner", "starts", "ends", "status"),
            _plans,
        ),
        Dataset(
            "objectives",
            "Themes and objectives",
            "Each objective of each published Plan, under its theme, in the version in force, "
            "with its priorities for action.",
            (
                "plan",
                "theme_number",
                "theme",
                "theme_aim",
                "objective_number",
                "objective",
                "priorities",
            ),
            _objectives,
        ),
        Dataset(
            "delivery-plan",
            "The Delivery Plan, quarter by quarter",
            "Each action in each published quarter: its status (RAG), direction of travel since "
            "the quarter before, and the approved commentary.",
            (
                "plan",
                "period",
                "theme",
                "objective",
                "action",
                "title",
                "lead",
                "due",
                "status",
                "direction",
                "commentary",
            ),
            _delivery,
        ),
        Dataset(
            "grants",
            "Grants register",
            "Each grant in the register: recipient, amount, purpose and conditions.",
            (
                "reference",
                "recipient",
                "amount_gbp",
                "purpose",
                "conditions",
                "scheme",
                "starts",
                "ends",
            ),
            _grants,
        ),
        Dataset(
            "inspections",
            "Inspection reports and the Commissioner's responses",
            "Each published inspection report, with the date the Commissioner's comments are "
            "due (Police Act 1996 s.55) and their state.",
            (
                "reference",
                "title",
                "type",
                "published",
                "response_due",
                "response_state",
                "response_published",
            ),
            _inspections,
        ),
        Dataset(
            "audit-actions",
            "Actions agreed on internal audits",
            "Each action agreed on a published internal audit, with its priority, status and "
            "due dates.",
            (
                "audit",
                "audit_title",
                "reference",
                "recommendation",
                "priority",
                "status",
                "original_due",
                "current_due",
            ),
            _audit_actions,
        ),
        Dataset(
            "you-said-we-did",
            "You said, we did",
            "Each priority heard from the public and partners, the objectives answering it, and "
            "the actions under them with their latest published status.",
            ("priority", "heard_from", "theme", "objective", "actions"),
            _priorities,
        ),
    )
}
