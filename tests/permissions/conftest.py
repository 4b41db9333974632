"""The objects the matrix's URLs name: a Delivery Plan, indicators, meetings and papers."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from planwatch.accounts.models import Role
from planwatch.accounts.services import user_create
from planwatch.assurance import services
from planwatch.assurance.models import Audit, AuditAction, Inspection, ScaleLevel
from planwatch.consultation.models import HeardPriority
from planwatch.consultation.services import priority_save, survey_import
from planwatch.delivery.models import PeriodState
from planwatch.governance.models import AgendaItem, Meeting
from planwatch.grants import services as grant_services
from planwatch.grants.models import Grant, Scheme
from planwatch.papers import services as paper_services
from planwatch.papers.models import Job
from planwatch.performance.models import (
    Area,
    Indicator,
)
from planwatch.performance.periods import parse_period
from planwatch.performance.services import Figure, observations_write
from planwatch.plans.models import Objective, Plan
from tests.conftest import PASSWORD
from tests.consultation.exports import rows, write_csv
from tests.delivery import builders
from tests.governance.builders import matrix_ids
from tests.permissions.matrix import (
    MONTH,
    OPEN_Q,
    PUBLISHED_Q,
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hundreds of tests each create users; the matrix is about rules, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def other_lead(db):
    return user_create(username="lou", role=Role.LEAD, password=PASSWORD, first_name="Lou")


@pytest.fixture
def delivery(published_plan: Plan, draft_plan: Plan, lead) -> dict[str, object]:
    """The published Plan's Delivery Plan: a published and an open quarter, two actions of lead's.

    V1.1 is Green in the published quarter and has an Amber update awaiting review in the
    open one; V1.2 has no update yet. The draft Plan has one action, D1.1.
    """
    published = builders.quarter(published_plan, PUBLISHED_Q, PeriodState.IN_REVIEW)
    v11 = builders.action(published_plan, "V1.1", lead=lead)
    builders.action(published_plan, "V1.2", lead=lead)
    builders.approved(v11, published, "G", "On track")
    builders.publish(published)
    current = builders.quarter(published_plan, OPEN_Q)
    submitted = builders.written(v11, current, "A", "Slipping")
    builders.action(draft_plan, "D1.1", lead=lead)
    return {"submitted": submitted.pk, "amber": builders.rag_key(published_plan)["A"].pk}


@pytest.fixture
def performance(published_plan: Plan) -> dict[str, object]:
    """Northmoor's force area and a district, with a burglary figure for the month."""
    force = Area.objects.create(
        code="E23900001", name="Northmoor", kind="force", police_uk_id="northmoor"
    )
    partnership = Area.objects.create(code="E22900001", name="Moor", kind="csp", parent=force)
    Area.objects.create(code="E07000008", name="Moortown", kind="district", parent=partnership)
    burglary = Indicator.objects.get(code="crime-burglary")
    figure = Figure(burglary.pk, force.pk, parse_period(MONTH), 412)
    observations_write(figures=[figure], kind="test", sources=[], by=None)
    return {"burglary": burglary.pk, "force": force.pk}


@pytest.fixture
def governance(db) -> dict[str, object]:
    """The Panel with a public and a private meeting, an agenda item, a forward-plan paper."""
    return matrix_ids()


@pytest.fixture
def papers(published_plan, governance, monkeypatch) -> dict[str, object]:
    """A paper for the public meeting's agenda item and one at the private meeting, each
    published once. The matrix is about rules, so the files are stand-ins."""
    monkeypatch.setattr(
        paper_services,
        "render_all",
        lambda content: {"html": b"<!DOCTYPE html>", "pdf": b"%PDF-", "docx": b"PK"},
    )
    made = {}
    for name, meeting in (
        ("paper", Meeting.objects.get(pk=governance["public_meeting"])),
        ("private_paper", Meeting.objects.get(pk=governance["private_meeting"])),
    ):
        paper = paper_services.paper_create(
            plan=published_plan,
            kind="delivery-monitoring",
            body=meeting.body,
            meeting=meeting,
            agenda_item=AgendaItem.objects.filter(meeting=meeting).first(),
            by=None,
            period=PUBLISHED_Q,
        )
        paper_services.paper_publish(paper=paper, by=None)
        made[name] = paper.pk
        # A finished draft PDF and the meeting's agenda pack; stand-in files, as above.
        done = {"state": Job.State.DONE, "requested_at": timezone.now(), "result": b"%PDF-"}
        made["job"] = Job.objects.create(what=Job.What.DRAFT, paper=paper, **done).pk
        Job.objects.create(what=Job.What.PACK, meeting=meeting, finished_at=timezone.now(), **done)
    return made


@pytest.fixture
def ids(
    published_plan: Plan, draft_plan: Plan, delivery, performance, governance, lead
) -> dict[str, object]:
    """The slugs and ids that fill in the URLs: parts of the published Plan, by kind."""
    theme = published_plan.themes.get(name="Victims")
    objective = Objective.objects.filter(theme=theme, priorities__isnull=False).first()
    return {
        "pub": published_plan.slug,
        "draft": draft_plan.slug,
        "draft_theme": draft_plan.themes.first().pk,
        "theme": theme.pk,
        "bare_theme": published_plan.themes.get(name="Transformation").pk,
        "outcome": theme.outcomes.first().pk,
        "objective": objective.pk,
        "priority": objective.priorities.first().pk,
        "lead": lead.pk,
        **delivery,
        **governance,
        **performance,
        "inspection": _inspection(),
        "audit_action": _audit_action(lead),
        "scale_level": ScaleLevel.objects.get(kind="grade", code="good").pk,
        **_grant(),
        **_consultation(),
    }


def _consultation() -> dict[str, object]:
    """A small survey (a free-text question and its answers) and a priority heard."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "survey.csv", rows(20))
        survey, _ = survey_import(path=path, name="Permissions survey", by=None)
    question = survey.questions.get(kind="text")
    heard = priority_save(priority=HeardPriority(), by=None, source="survey", text="Less crime")
    return {
        "survey": survey.slug,
        "text_question": question.pk,
        "answer": question.answers.first().pk,
        "heard": heard.pk,
    }


def _grant() -> dict[str, int]:
    """A grant with a monitoring return, for their pages' addresses."""
    grant_services.schemes_ensure_default(by=None)
    grant = grant_services.grant_save(
        grant=Grant(),
        by=None,
        scheme=Scheme.objects.first(),
        reference="CDR-2018-01",
        recipient="Northmoor Youth Trust",
        purpose="Diversion",
        amount=Decimal("5000"),
        starts=dt.date(2018, 4, 1),
        ends=dt.date(2019, 3, 31),
    )
    due = grant_services.return_add(grant=grant, title="Q1", due=dt.date(2018, 7, 31), by=None)
    return {"grant": grant.pk, "grant_return": due.pk}


def _audit_action(owner) -> int:
    """An action agreed on an audit, owned by the Lead, for its page's address."""
    services.scale_levels_ensure_default(by=None)  # gone if a browser test emptied the tables
    audit = services.audit_save(
        audit=Audit(),
        by=None,
        reference="IA-2018-03",
        title="Grants",
        auditor="Internal audit",
        reported_on=dt.date(2018, 3, 20),
        assurance=ScaleLevel.objects.get(kind="assurance", code="reasonable"),
    )
    return services.audit_action_save(
        item=AuditAction(audit=audit),
        by=None,
        reference="1",
        finding="Conditions not checked",
        recommendation="Check them",
        priority=ScaleLevel.objects.get(kind="priority", code="high"),
        original_due=dt.date(2018, 6, 30),
        owner=owner,
    ).pk


def _inspection() -> str:
    """An inspection report, for the assurance pages' addresses."""
    services.inspection_save(
        inspection=Inspection(),
        by=None,
        reference="HMI-2018-01",
        title="Crime data integrity",
        kind="thematic",
        published_on=dt.date(2018, 7, 12),
    )
    return "HMI-2018-01"
