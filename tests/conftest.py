"""Fixtures shared by the whole suite: one user per role and Plans in each state."""

from __future__ import annotations

import pytest
from django.db import connections
from django.utils import translation

from planwatch.accounts.models import Role
from planwatch.accounts.services import user_create
from planwatch.demo.loader import DEMO_PLAN
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan, PlanStatus
from planwatch.plans.services import plan_load

pytest_plugins = ["tests.plans.fixtures"]  # the Plan in the making: fixture draft


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request to a Welsh page leaves Welsh active in the thread; each test starts in English."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _test_database_left_alone_at_the_end(django_db_setup, django_db_blocker):
    """Before pytest-django drops the PostgreSQL test database, end any session still open on
    it (a live-server or worker thread's), which would make the DROP fail; say whose it was."""
    yield
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 200) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for pid, *details in cursor.fetchall():
            print(f"\nEnding a session left open on the test database: {pid} {details}")
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    connections.close_all()


PASSWORD = "a-long-test-password-1"


def _user(username: str, role: str):
    return user_create(username=username, role=role, password=PASSWORD, first_name=username.title())


@pytest.fixture
def administrator(db):
    return _user("ada", Role.ADMIN)


@pytest.fixture
def officer(db):
    return _user("olu", Role.OFFICER)


@pytest.fixture
def lead(db):
    return _user("lee", Role.LEAD)


@pytest.fixture
def panel_member(db):
    return _user("pat", Role.PANEL)


@pytest.fixture
def auditor(db):
    return _user("aud", Role.AUDITOR)


@pytest.fixture
def users_by_role(administrator, officer, lead, panel_member, auditor):
    """Every role, plus None for an anonymous visitor."""
    return {
        "anonymous": None,
        Role.ADMIN: administrator,
        Role.OFFICER: officer,
        Role.LEAD: lead,
        Role.PANEL: panel_member,
        Role.AUDITOR: auditor,
    }


@pytest.fixture
def published_plan(db) -> Plan:
    """The demo Plan for Northmoor: four themes, published."""
    plan, _ = plan_load(
        document=parse_plan_document(DEMO_PLAN.read_text(encoding="utf-8")), by=None
    )
    return plan


@pytest.fixture
def draft_plan(db) -> Plan:
    """A draft Plan that only OPCC staff and auditors may see."""
    text = DEMO_PLAN.read_text(encoding="utf-8")
    text = text.replace("slug: northmoor-2017-20", "slug: northmoor-2020-24")
    text = text.replace(
        "title: Northmoor Police and Crime Plan 2017-20", "title: Secret draft Plan 2020-24"
    )
    text = text.replace("status: published", f"status: {PlanStatus.DRAFT}")
    plan, _ = plan_load(document=parse_plan_document(text), by=None)
    return plan
