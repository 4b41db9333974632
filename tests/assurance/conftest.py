"""An internal audit with two agreed actions (one the Lead owns) and an inspection report with
two recommendations, recorded through the services as officers would."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.accounts.models import Role
from planwatch.accounts.services import user_create
from planwatch.assurance import services
from planwatch.assurance.models import (
    Audit,
    AuditAction,
    Inspection,
    Recommendation,
    ScaleKind,
    ScaleLevel,
)
from tests.conftest import PASSWORD

PUBLISHED = dt.date(2018, 7, 12)


def level(kind: str, code: str) -> ScaleLevel:
    """A default scale level. Migrations seed them, but a transactional test (the browser's)
    empties every table when it ends, so they are made again when missing."""
    services.scale_levels_ensure_default(by=None)
    return ScaleLevel.objects.get(kind=kind, code=code)


@pytest.fixture(autouse=True)
def _default_scales(db) -> None:
    services.scale_levels_ensure_default(by=None)


@pytest.fixture
def other_lead(db):
    return user_create(username="lou", role=Role.LEAD, password=PASSWORD, first_name="Lou")


@pytest.fixture
def audit(officer) -> Audit:
    return services.audit_save(
        audit=Audit(),
        by=officer,
        reference="IA-2018-03",
        title="Commissioning and grants",
        auditor="Internal audit",
        reported_on=dt.date(2018, 3, 20),
        scope="How grants are awarded and monitored",
        assurance=level(ScaleKind.ASSURANCE, "reasonable"),
    )


@pytest.fixture
def agreed(audit, officer, lead) -> AuditAction:
    """The action the Lead owns: grant conditions checked before payment, due 30 June 2018."""
    services.audit_action_save(
        item=AuditAction(audit=audit),
        by=officer,
        reference="2",
        finding="Payments were made before conditions were met",
        recommendation="Pay only once the conditions are evidenced",
        priority=level(ScaleKind.PRIORITY, "medium"),
        original_due=dt.date(2018, 9, 30),
        owner_post="Head of Finance",
    )
    return services.audit_action_save(
        item=AuditAction(audit=audit),
        by=officer,
        reference="1",
        finding="Grant conditions were not checked before payment",
        recommendation="Check each grant's conditions before paying it",
        priority=level(ScaleKind.PRIORITY, "high"),
        management_response="Agreed: a checklist from April",
        original_due=dt.date(2018, 6, 30),
        owner=lead,
    )


@pytest.fixture
def inspection(officer) -> Inspection:
    return services.inspection_save(
        inspection=Inspection(),
        by=officer,
        reference="HMI-2018-01",
        title="Crime data integrity inspection",
        kind="thematic",
        published_on=PUBLISHED,
    )


@pytest.fixture
def recommendations(inspection, officer, lead) -> list[Recommendation]:
    return [
        services.recommendation_save(
            item=Recommendation(inspection=inspection),
            by=officer,
            reference=reference,
            kind=kind,
            text=text,
            owner=lead if reference == "R1" else None,
        )
        for reference, kind, text in (
            ("R1", "recommendation", "Record every reported crime within 24 hours"),
            ("AFI1", "area_for_improvement", "Audit the recording of rape reports"),
        )
    ]
