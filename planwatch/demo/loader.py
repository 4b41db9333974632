"""The demo: a fictional force area's Plan and one account per role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from planwatch.accounts.models import Role, User
from planwatch.accounts.services import user_create
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.services import plan_load

DEMO_PLAN = Path(__file__).with_name("northmoor-plan.yaml")


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


@transaction.atomic
def demo_load() -> list[DemoAccount]:
    """Load the demo Plan and create any missing demo account. Safe to run twice."""
    plan_load(document=parse_plan_document(DEMO_PLAN.read_text(encoding="utf-8")), by=None)
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
    return list(DEMO_ACCOUNTS)


def demo_sign_ins() -> str:
    lines = ["Demo sign-ins (demo data only):"]
    for account in DEMO_ACCOUNTS:
        role = Role(account.role).label
        lines.append(f"  {role:<20} username: {account.username:<8} password: {account.password}")
    return "\n".join(lines)
