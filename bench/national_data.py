"""A national-scale Delivery Plan data set for load benchmarks: one Police and Crime Plan for
each of the 43 police force areas of England and Wales, each with 250 actions and 12 published
quarters in which every action has an approved update (status and commentary).

Django must be set up before this module is imported (bench/load_public.py does it).

What goes through the project's services and what is bulk-inserted:

- The Plans (`plan_load`, the demo Plan's themes, objectives and priorities under each force's
  name), their RAG keys (`rag_key_ensure`), the 12 quarters (`period_create`) and every step of
  each quarter's workflow (`period_advance`: open, in review, published, which stamps
  `published_at` and refuses while updates await review) go through the services: about 2,700
  calls, a few seconds each for the lot.
- The 10,750 actions and 129,000 updates are checked with `full_clean()` (field rules: choices,
  lengths, reference format) and the services' own rules (an objective of the action's theme, a
  Lead with the Lead role, commentary for every status) here, then written with
  `bulk_create_with_history`, which also writes their history rows. Through `action_save` and
  `update_save` + `update_approve` each row costs several queries and a history row per step:
  about 10 to 15 minutes for the set instead of under a minute. The database still checks every
  constraint on insert. Updates look as the Lead-and-review path leaves them: approved, with
  who submitted and when, who reviewed and when.
- The Lead and officer accounts are bulk-inserted with unusable passwords: hashing 130 Argon2
  passwords would take longer than the rest, and no one signs in with them.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import time
from dataclasses import replace
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from planwatch.accounts.models import Role, User
from planwatch.delivery.models import (
    Action,
    PeriodState,
    ReportingPeriod,
    Update,
    UpdateState,
)
from planwatch.delivery.quarters import parse_quarter, quarters_between
from planwatch.delivery.services import period_advance, period_create, rag_key_ensure
from planwatch.demo.loader import DEMO_PLAN
from planwatch.performance.police_uk.lookup import police_uk_id
from planwatch.plans.document import parse_plan_document
from planwatch.plans.models import Plan
from planwatch.plans.services import plan_load

ACTIONS_PER_PLAN = 250
LEADS_PER_PLAN = 3
DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
if not DATA.is_dir():
    DATA = Path("/work/shared/data")
LOOKUP = DATA / "reference" / "lad16-csp16-pfa16-lookup.csv"
ADVANCE = (PeriodState.OPEN, PeriodState.IN_REVIEW, PeriodState.PUBLISHED)
# The demo Plan runs April 2017 to March 2020: twelve quarters.
FIRST_QUARTER = "2017-18-q1"
POSTS = (
    "Head of Partnerships",
    "Victims' Services Manager",
    "Chief Inspector, Local Policing",
    "Head of Community Safety",
    "Youth Offending Service Manager",
    "Director of Public Health",
)
PARTNERS = ("Local councils", "NHS trusts", "Probation Service", "Fire and Rescue Service", "")
WHAT = (
    "share information about repeat victims with partners and act on it",
    "commission specialist support for victims of domestic abuse",
    "run problem-solving with communities in the areas with most harm",
    "review how calls for help are answered and assessed at first contact",
    "work with schools to prevent young people being drawn into exploitation",
    "agree one referral route with health services and councils",
    "reduce reoffending through integrated offender management",
    "publish what the force and partners do about neighbourhood concerns",
)
COMMENTARY = (
    "Work with partners continues as planned and the milestones for the quarter were met. "
    "The steering group agreed the next steps at its meeting this month.",
    "Recruitment to the new posts has slipped by two months; a revised plan goes to the "
    "Business Co-ordination Board next quarter.",
    "The pilot finished this quarter. The evaluation found fewer repeat calls and the service "
    "will be extended to the rest of the force area from April.",
    "Funding for the second year is not yet agreed with partners, which puts the timetable at "
    "risk. The Commissioner has raised it with the chief executives.",
    "The new process is in use in every local policing area; compliance is checked monthly "
    "and reported to the Panel.",
    "Work has not started: it depends on the new case management system, now due in the autumn.",
)
# Next status from each one: mostly unchanged, sometimes better or worse.
MOVES = {
    "NS": ("NS", "NS", "G", "A"),
    "G": ("G", "G", "G", "G", "A", "C"),
    "A": ("A", "A", "G", "R"),
    "R": ("R", "A", "A"),
    "C": ("C",),
}


def forces(path: Path = LOOKUP) -> list[tuple[str, str]]:
    """The 43 police force areas of England and Wales: (data.police.uk id, name), by ONS code."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        areas = {(row["PFA16CD"], row["PFA16NM"]) for row in csv.DictReader(handle)}
    return [(police_uk_id(name), name) for _, name in sorted(areas)]


def _plan(force: str, name: str) -> Plan:
    document = parse_plan_document(DEMO_PLAN.read_text(encoding="utf-8"))
    document = replace(
        document,
        slug=f"{force}-2017-20",
        title=f"{name} Police and Crime Plan 2017-20",
        area=name,
        force=force,
        commissioner=f"Police and Crime Commissioner for {name}"[:120],
        indicators=(),
    )
    plan, _ = plan_load(document=document, by=None)
    return plan


def _people(force: str, name: str) -> tuple[list[User], User]:
    """The force's Leads and the officer who reviews their updates."""
    people = [
        User(
            username=f"{force}-lead-{n + 1}"[:150],
            role=Role.LEAD,
            first_name=("Sam", "Priya", "Tom")[n % 3],
            last_name=f"Lead {n + 1}",
            organisation=f"{name} Police",
        )
        for n in range(LEADS_PER_PLAN)
    ]
    people.append(
        User(
            username=f"{force}-officer"[:150],
            role=Role.OFFICER,
            first_name="Olu",
            last_name="Officer",
            organisation=f"Office of the Police and Crime Commissioner for {name}"[:200],
        )
    )
    for person in people:
        person.set_unusable_password()
        person.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    created = bulk_create_with_history(people, User, default_change_reason="Benchmark data")
    saved = {
        user.username: user
        for user in User.objects.filter(username__in=[p.username for p in created])
    }
    return [saved[p.username] for p in people[:-1]], saved[people[-1].username]


def _actions(plan: Plan, leads: list[User], rng: random.Random) -> list[Action]:
    objectives = [
        (theme, objective)
        for theme in plan.themes.prefetch_related("objectives")
        for objective in [None, *theme.objectives.all()]
    ]
    actions = []
    for n in range(ACTIONS_PER_PLAN):
        theme, objective = objectives[n % len(objectives)]
        lead = leads[n % len(leads)] if n % 3 else None
        starts = plan.starts + dt.timedelta(days=91 * rng.randrange(4))
        action = Action(
            plan=plan,
            theme=theme,
            objective=objective,
            reference=f"{theme.name[0]}{n + 1}",
            title=f"Action {n + 1}: {WHAT[n % len(WHAT)]}",
            description=f"What this action does about {theme.name.lower()}: {WHAT[n % len(WHAT)]}.",
            lead=lead,
            lead_name=POSTS[n % len(POSTS)] if lead is None or n % 5 == 0 else "",
            partners=PARTNERS[n % len(PARTNERS)],
            starts=starts,
            due=min(plan.ends, starts + dt.timedelta(days=182 * rng.randrange(1, 7))),
        )
        if action.objective is not None and action.objective.theme_id != action.theme_id:
            raise ValueError("The objective must belong to the action's theme.")
        action.full_clean(validate_unique=False, validate_constraints=False)
        actions.append(action)
    bulk_create_with_history(actions, Action, batch_size=500, default_change_reason="Created")
    return list(Action.objects.filter(plan=plan).order_by("pk"))


def _updates(
    actions: list[Action],
    periods: list[ReportingPeriod],
    plan: Plan,
    officer: User,
    rng: random.Random,
) -> int:
    key = {status.code: status for status in plan.rag_statuses.all()}
    updates = []
    for action in actions:
        code = rng.choice(("NS", "G", "G", "A"))
        for period in periods:
            submitted = timezone.make_aware(
                dt.datetime.combine(period.ends, dt.time(10)) + dt.timedelta(days=3)
            )
            rag = key[code]
            update = Update(
                action=action,
                period=period,
                rag=rag,
                commentary=rng.choice(COMMENTARY),
                state=UpdateState.APPROVED,
                submitted_by=action.lead or officer,
                submitted_at=submitted,
                reviewed_by=officer,
                reviewed_at=submitted + dt.timedelta(days=4),
            )
            if rag.needs_commentary and not update.commentary:
                raise ValueError(f"Explain why the action is {rag.label}.")
            update.full_clean(validate_unique=False, validate_constraints=False)
            updates.append(update)
            code = rng.choice(MOVES[code])
    bulk_create_with_history(
        updates, Update, batch_size=2000, default_user=officer, default_change_reason="Approved"
    )
    return len(updates)


@transaction.atomic
def plan_build(force: str, name: str, seed: int) -> Plan:
    """One force's Plan with its Delivery Plan: 250 actions reported in 12 published quarters."""
    rng = random.Random(seed)
    plan = _plan(force, name)
    rag_key_ensure(plan=plan, by=None)
    leads, officer = _people(force, name)
    quarters = quarters_between(parse_quarter(FIRST_QUARTER).starts, plan.ends)
    periods = [period_create(plan=plan, quarter=quarter, by=None) for quarter in quarters]
    for period in periods:
        period_advance(period=period, to=PeriodState.OPEN, by=None)
    actions = _actions(plan, leads, rng)
    _updates(actions, periods, plan, officer, rng)
    for period in periods:
        for state in ADVANCE[1:]:
            period_advance(period=period, to=state, by=None)
    return plan


def national_data_build(*, say=print) -> list[Plan]:
    """The whole data set, one Plan (one transaction) at a time."""
    plans = []
    started = time.perf_counter()
    for number, (force, name) in enumerate(forces()):
        plans.append(plan_build(force, name, seed=number))
        if number % 10 == 9:
            say(f"  {number + 1} Plans built ({time.perf_counter() - started:.0f} s)")
    say(f"  {len(plans)} Plans built in {time.perf_counter() - started:.0f} s")
    return plans
