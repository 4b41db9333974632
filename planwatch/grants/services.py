"""Writes to grants. Each checks the rules, runs in one transaction and records who made the
change and why (django-simple-history)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from planwatch.accounts.models import User
from planwatch.grants.models import Grant, MonitoringReturn, ReturnState, Scheme
from planwatch.permissions import can
from planwatch.plans.models import Objective
from planwatch.recorded import save_recorded

DEFAULT_SCHEMES = (
    ("Crime and disorder reduction grants", "crime_and_disorder"),
    ("Victims' services", "victims"),
)


def _require(by: User | None) -> None:
    if by is not None and not can(by, "grants.manage"):
        raise PermissionDenied("grants.manage")


@transaction.atomic
def schemes_ensure_default(*, by: User | None) -> None:
    """Make the default schemes again when they are missing (an emptied database)."""
    _require(by)
    for name, kind in DEFAULT_SCHEMES:
        if not Scheme.objects.filter(name=name).exists():
            save_recorded(Scheme(name=name, kind=kind), by, "Default scheme")


@transaction.atomic
def scheme_save(*, scheme: Scheme, by: User | None, name: str, kind: str) -> Scheme:
    _require(by)
    name = name.strip()
    if Scheme.objects.filter(name__iexact=name).exclude(pk=scheme.pk).exists():
        raise ValidationError({"name": "There is already a scheme with that name."})
    scheme.name, scheme.kind = name, kind
    save_recorded(scheme, by, "Recorded" if scheme._state.adding else "Changed")
    return scheme


@transaction.atomic
def grant_save(
    *, grant: Grant, by: User | None, objectives: Iterable[Objective] = (), **fields: Any
) -> Grant:
    """Record a grant, or change one, with the objectives it serves."""
    _require(by)
    for name, value in fields.items():
        setattr(grant, name, value.strip() if isinstance(value, str) else value)
    save_recorded(grant, by, "Recorded" if grant._state.adding else "Changed")
    grant.objectives.set(list(objectives))
    return grant


@transaction.atomic
def return_add(*, grant: Grant, title: str, due: dt.date, by: User | None) -> MonitoringReturn:
    """Ask the recipient for a monitoring return by a date."""
    _require(by)
    item = MonitoringReturn(grant=grant, title=title.strip(), due=due)
    save_recorded(item, by, "Return asked for")
    return item


@transaction.atomic
def return_set_state(
    *, item: MonitoringReturn, state: str, on: dt.date | None, note: str, by: User | None
) -> MonitoringReturn:
    """Record a return as received or accepted (with the date it came), or awaited again."""
    _require(by)
    if state != ReturnState.AWAITED and on is None:
        raise ValidationError({"on": "Give the date the return was received."})
    item.state, item.note = state, note.strip()
    item.received_on = None if state == ReturnState.AWAITED else on
    save_recorded(item, by, f"Return {item.get_state_display().lower()}")
    return item
