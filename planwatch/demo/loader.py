"""The demo: a fictional force area's Plan, its Delivery Plan and one account per role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from planwatch.accounts.models import Role, User
from planwatch.accounts.services import user_create
from planwatch.delivery.importer import delivery_import_file
from planwatch.delivery.models import PeriodState
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import period_advance, period_create
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.selectors import plan_document
from planwatch.plans.services import plan_load

DEMO_PLAN = Path(__file__).with_name("northmoor-plan.yaml")
DEMO_DELIVERY = Path(__file__).with_name("northmoor-delivery.csv")
# The quarter after the imported ones, open so the demo Lead has updates to write.
DEMO_OPEN_QUARTER = "2018-19-q4"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    first_name: str
    last_name: str


# Demo only: these passwords are printed on purpose and must never reach a live service.
DEMO_ACCOUNTS = (
    DemoAccount("admin", "demo-admin-password", Role.ADMIN, "Alex", "Admin"),
    DemoAccount("officer", "demo-officer-password", Role.OFFICER, "Olu", "Officer"),
    DemoAccount("lead", "demo-lead-password", Role.LEAD, "Lee", "Lead"),
    DemoAccount("panel", "demo-panel-password", Role.PANEL, "Pat", "Panel"),
    DemoAccount("auditor", "demo-auditor-password", Role.AUDITOR, "Ade", "Auditor"),
)


def database_is_empty() -> bool:
    return not (Plan.objects.exists() or User.objects.exists())


def _demo_plan() -> Plan:
    """The demo Plan, loaded only when missing or different from the document.

    Loading replaces the Plan's themes and so its actions and updates; skipping an
    unchanged Plan keeps running the demo twice from undoing work done in between.
    """
    document = parse_plan_document(DEMO_PLAN.read_text(encoding="utf-8"))
    plan = Plan.objects.filter(slug=document.slug).first()
    if plan is None or plan_document(plan) != document:
        plan, _ = plan_load(document=document, by=None)
    return plan


def _open_quarter(plan: Plan, slug: str) -> None:
    period = plan.periods.filter(slug=slug).first() or period_create(
        plan=plan, quarter=parse_quarter(slug), by=None
    )
    if period.state == PeriodState.PLANNED:
        period_advance(period=period, to=PeriodState.OPEN, by=None)


@transaction.atomic
def demo_load() -> list[DemoAccount]:
    """Load the demo Plan, its Delivery Plan and any missing demo account. Safe to run twice.

    Three quarters of updates are imported (approved and published) and the next
    quarter is opened for the demo Lead's updates.
    """
    plan = _demo_plan()
    existing = set(User.objects.values_list("username", flat=True))
    for account in DEMO_ACCOUNTS:
        if account.username not in existing:
            user_create(
                username=account.username,
                password=account.password,
                role=account.role,
                first_name=account.first_name,
                last_name=account.last_name,
                organisation="Office of the Police and Crime Commissioner for Northmoor",
            )
    delivery_import_file(plan=plan, path=DEMO_DELIVERY, by=None)
    _open_quarter(plan, DEMO_OPEN_QUARTER)
    return list(DEMO_ACCOUNTS)


def demo_sign_ins() -> str:
    lines = ["Demo sign-ins (demo data only):"]
    for account in DEMO_ACCOUNTS:
        role = Role(account.role).label
        lines.append(f"  {role:<20} username: {account.username:<8} password: {account.password}")
    return "\n".join(lines)
