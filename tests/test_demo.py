"""`planwatch demo`: the fictional Northmoor Plan and one account per role."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from planwatch.accounts.models import Role, User
from planwatch.assurance.models import Audit, AuditAction, Inspection, Recommendation
from planwatch.delivery.models import (
    Action,
    PeriodState,
    RagStatus,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.delivery.services import update_save
from planwatch.delivery.work_lists import my_actions
from planwatch.demo.loader import DEMO_DELIVERY
from planwatch.grants.models import Grant
from planwatch.plans.models import Objective, Outcome, Plan, PlanStatus, Priority, Theme

SIGN_IN = re.compile(r"username:\s*(\S+)\s+password:\s*(\S+)")


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def printed_sign_ins(output: str) -> dict[str, str]:
    """The username and password on each line the command printed."""
    return dict(SIGN_IN.findall(output))


MODELS = (Plan, Theme, Outcome, Objective, Priority, User)
DELIVERY_MODELS = (Action, Update, ReportingPeriod, RagStatus)
ASSURANCE_MODELS = (Audit, AuditAction, Inspection, Recommendation)


def row_counts() -> dict[str, int]:
    """Rows of every table the demo writes, and of the history of each."""
    every = MODELS + DELIVERY_MODELS + ASSURANCE_MODELS
    counts = {model.__name__: model.objects.count() for model in every}
    counts.update({f"{model.__name__} history": model.history.count() for model in every})
    return counts


def test_it_loads_the_northmoor_plan_with_its_four_themes(db):
    output = demo()

    plan = Plan.objects.get()
    assert plan.slug == "northmoor-2017-20"
    assert plan.area == "Northmoor"
    assert plan.status == PlanStatus.PUBLISHED
    assert list(plan.themes.values_list("name", flat=True)) == [
        "Victims",
        "Offenders",
        "Communities",
        "Transformation",
    ]
    assert Objective.objects.filter(theme__plan=plan).exists()
    assert "Loaded the demo Plan for Northmoor." in output


def test_it_creates_one_user_per_role(db):
    demo()

    assert Counter(User.objects.values_list("role", flat=True)) == Counter(Role.values)


def test_it_prints_each_demo_username_and_password(db):
    output = demo()

    sign_ins = printed_sign_ins(output)
    assert set(sign_ins) == set(User.objects.values_list("username", flat=True))
    assert len(sign_ins) == len(Role.values)
    assert all(sign_ins.values())


def test_each_printed_password_signs_in_as_the_user_of_that_role(db):
    sign_ins = printed_sign_ins(demo())
    roles_signed_in = []

    for username, password in sign_ins.items():
        client = Client()
        assert client.login(username=username, password=password), username
        roles_signed_in.append(User.objects.get(username=username).role)

    assert sorted(roles_signed_in) == sorted(Role.values)


def test_a_wrong_password_does_not_sign_in(db):
    username = next(iter(printed_sign_ins(demo())))

    assert not Client().login(username=username, password="not-the-demo-password")


def test_running_it_twice_creates_no_duplicates(db):
    demo()
    once = row_counts()

    output = demo()

    assert row_counts() == once
    assert Plan.objects.filter(slug="northmoor-2017-20").count() == 1
    assert Counter(User.objects.values_list("role", flat=True)) == Counter(Role.values)
    assert len(printed_sign_ins(output)) == len(Role.values)


def test_it_loads_a_delivery_plan_with_three_published_quarters(db):
    demo()

    plan = Plan.objects.get()
    assert list(plan.periods.values_list("slug", "state")) == [
        ("2018-19-q1", PeriodState.PUBLISHED),
        ("2018-19-q2", PeriodState.PUBLISHED),
        ("2018-19-q3", PeriodState.PUBLISHED),
        ("2018-19-q4", PeriodState.OPEN),
    ]
    actions = Action.objects.filter(plan=plan)
    assert actions.count() >= 12
    assert set(actions.values_list("theme__name", flat=True)) == {
        "Victims",
        "Offenders",
        "Communities",
        "Transformation",
    }
    assert actions.filter(objective__isnull=False).count() > actions.count() / 2
    assert actions.filter(lead__username="lead").exists()
    assert actions.filter(lead__isnull=True).exclude(lead_name="").exists()
    updates = Update.objects.filter(action__plan=plan)
    assert set(updates.values_list("state", flat=True)) == {UpdateState.APPROVED}
    assert set(updates.values_list("rag__label", flat=True)) == {
        "Complete",
        "Green",
        "Amber",
        "Red",
        "Not started",
    }


def test_every_red_amber_and_change_in_the_demo_file_is_explained():
    with DEMO_DELIVERY.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    previous: dict[str, str] = {}

    for row in rows:
        if not row["period"]:
            continue
        changed = row["ref"] in previous and previous[row["ref"]] != row["rag"]
        if row["rag"] in ("Red", "Amber") or changed:
            assert row["update"].strip(), (row["ref"], row["period"])
        previous[row["ref"]] = row["rag"]


def test_the_demo_lead_has_actions_to_update_in_the_open_quarter(db):
    demo()

    due = my_actions(user=User.objects.get(username="lead"))

    assert len(due) >= 3
    assert {item.period.slug for item in due} == {"2018-19-q4"}
    assert all(item.needs_work for item in due)


def test_running_it_again_keeps_the_leads_work_in_the_open_quarter(db):
    demo()
    lead = User.objects.get(username="lead")
    item = my_actions(user=lead)[0]
    rag = RagStatus.objects.get(plan=item.action.plan, code="G")
    update_save(
        action=item.action,
        period=item.period,
        rag=rag,
        commentary="Going well.",
        by=lead,
        submit=True,
    )
    before = row_counts()

    demo()

    assert row_counts() == before
    assert Update.objects.get(period=item.period, action=item.action).state == (
        UpdateState.SUBMITTED
    )


def test_running_it_twice_keeps_the_passwords_working(db):
    demo()
    sign_ins = printed_sign_ins(demo())

    for username, password in sign_ins.items():
        assert Client().login(username=username, password=password), username


def test_if_empty_does_nothing_when_a_plan_exists(draft_plan):
    before = row_counts()

    output = demo("--if-empty")

    assert row_counts() == before
    assert list(Plan.objects.values_list("slug", flat=True)) == [draft_plan.slug]
    assert not User.objects.exists()
    assert "The database already holds data; the demo was not loaded." in output


def test_if_empty_does_nothing_when_a_user_exists(officer):
    demo("--if-empty")

    assert not Plan.objects.exists()
    assert list(User.objects.all()) == [officer]


def test_if_empty_loads_the_demo_into_an_empty_database(db):
    output = demo("--if-empty")

    assert Plan.objects.filter(slug="northmoor-2017-20").exists()
    assert User.objects.count() == len(Role.values)
    assert "Loaded the demo Plan for Northmoor." in output


def test_print_only_prints_the_sign_ins_and_writes_nothing(db):
    output = demo("--print-only")

    assert len(printed_sign_ins(output)) == len(Role.values)
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_it_loads_audits_and_an_inspection_whose_response_falls_due(db, client):
    demo()

    assert Audit.objects.count() == 2 and AuditAction.objects.count() == 4
    assert AuditAction.objects.get(audit__reference="IA-2018-03", reference="1").owner.username == (
        "lead"
    )
    inspection = Inspection.objects.get()
    assert (inspection.response_due - timezone.localdate()).days == 10
    client.force_login(User.objects.get(username="officer"))
    banner = client.get("/").content.decode()
    assert "HMI-DEMO-01" in banner and "(10 days left)" in banner
    client.logout()
    public = client.get("/assurance/published/").text
    assert "Crime data integrity inspection of Northmoor Police" in public
    assert "IA-2018-03" not in public and "IA-2018-05" not in public  # audits stay unpublished


def test_it_loads_grants_two_of_them_in_the_public_register(db, client):
    demo()

    assert Grant.objects.count() == 3
    register = client.get("/grants/register/").text
    assert "Northmoor Victim Care" in register and "Moorside" not in register
    assert all(grant.objectives.exists() for grant in Grant.objects.all())
