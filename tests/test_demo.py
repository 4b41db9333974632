"""`planwatch demo`: the fictional Northmoor Plan and one account per role."""

from __future__ import annotations

import io
import re
from collections import Counter

from django.core.management import call_command
from django.test import Client

from planwatch.accounts.models import Role, User
from planwatch.plans.models import Objective, Outcome, Plan, PlanStatus, Priority, Theme

SIGN_IN = re.compile(r"username:\s*(\S+)\s+password:\s*(\S+)")


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def printed_sign_ins(output: str) -> dict[str, str]:
    """The username and password on each line the command printed."""
    return dict(SIGN_IN.findall(output))


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Plan, Theme, Outcome, Objective, Priority, User)
    }


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
