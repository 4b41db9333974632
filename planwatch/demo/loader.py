"""The demo: a fictional force area's Plan, its Delivery Plan and one account per role."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

from django.db import transaction

from planwatch.accounts.models import Role, User
from planwatch.accounts.services import user_create
from planwatch.assurance.demo import assurance_demo_load
from planwatch.delivery.importer import delivery_import_file
from planwatch.delivery.models import PeriodState
from planwatch.delivery.quarters import parse_quarter
from planwatch.delivery.services import period_advance, period_create
from planwatch.delivery.spreadsheet import SpreadsheetError
from planwatch.governance.demo import governance_demo_load
from planwatch.grants.demo import grants_demo_load
from planwatch.performance.models import Area, AreaKind, PeerGroup
from planwatch.performance.peer_groups import peer_group_set
from planwatch.performance.populations import CENSUS_2011, populations_load
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.selectors import plan_document
from planwatch.plans.services import plan_load

DEMO_PLAN = Path(__file__).with_name("northmoor-plan.yaml")
DEMO_DELIVERY = Path(__file__).with_name("northmoor-delivery.csv")
# The quarter after the imported ones, open so the demo Lead has updates to write.
DEMO_OPEN_QUARTER = "2018-19-q4"
# Bedfordshire, Cambridgeshire and Hertfordshire police work as an alliance: real peers.
DEMO_PEER_GROUP = "Eastern alliance (demo group)"
DEMO_PEERS = ("bedfordshire", "cambridgeshire", "hertfordshire")
# Northmoor has no figures of its own: once the real areas are loaded (planwatch demo --data),
# its data pack shows Cambridgeshire's real data.police.uk figures, named as Cambridgeshire's.
DEMO_FIGURES_FORCE = "cambridgeshire"


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
    if Area.objects.filter(police_uk_id=DEMO_FIGURES_FORCE).exists():
        document = replace(document, force=DEMO_FIGURES_FORCE)
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


def _demo_peers() -> bool:
    """Once the force areas are loaded: 2011 Census populations and the alliance as a group.

    Populations are loaded only while no force has one, and the group only while missing, so
    running the demo again never undoes what was set since. False when the force areas are
    not loaded (planwatch areas-load).
    """
    forces = Area.objects.filter(kind=AreaKind.FORCE)
    if forces.filter(police_uk_id__in=DEMO_PEERS).count() < len(DEMO_PEERS):
        return False
    if not forces.filter(population__isnull=False).exists():
        # Some other set of areas may be loaded, without all 43 forces the file names.
        with suppress(SpreadsheetError):
            populations_load(path=CENSUS_2011, by=None)
    if not PeerGroup.objects.filter(name__iexact=DEMO_PEER_GROUP).exists():
        peer_group_set(
            name=DEMO_PEER_GROUP,
            areas=DEMO_PEERS,
            description="The Bedfordshire, Cambridgeshire and Hertfordshire police alliance.",
            by=None,
        )
    return True


@transaction.atomic
def demo_load() -> list[DemoAccount]:
    """Load the demo Plan, its Delivery Plan and any missing demo account. Safe to run twice.

    Three quarters of updates are imported (approved and published) and the next
    quarter is opened for the demo Lead's updates. When the force areas are loaded, they
    get their 2011 Census populations and the alliance becomes a peer group.
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
    _demo_peers()
    governance_demo_load()
    assurance_demo_load(plan)
    grants_demo_load(plan)
    return list(DEMO_ACCOUNTS)


def demo_sign_ins() -> str:
    lines = ["Demo sign-ins (demo data only):"]
    for account in DEMO_ACCOUNTS:
        role = Role(account.role).label
        lines.append(f"  {role:<20} username: {account.username:<8} password: {account.password}")
    return "\n".join(lines)
