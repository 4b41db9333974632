"""The demo's grants for Northmoor: three grants under the two default schemes, serving the
Plan's objectives, two of them in the public register, with monitoring returns (one overdue).
Loaded only while there are no grants, so running the demo again never undoes officers' work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from planwatch.grants import services
from planwatch.grants.models import Grant, Scheme
from planwatch.plans.models import Plan

GRANTS = (
    # reference, scheme, recipient, purpose, amount, theme, published
    (
        "CDR-01",
        "crime_and_disorder",
        "Northmoor Youth Diversion Trust",
        "Sport and mentoring for young people at risk of offending",
        "42000",
        "Offenders",
        True,
    ),
    (
        "VS-01",
        "victims",
        "Northmoor Victim Care",
        "Independent domestic violence advisers",
        "118500",
        "Victims",
        True,
    ),
    (
        "CDR-02",
        "crime_and_disorder",
        "Moorside Community Safety Partnership",
        "Street lighting and CCTV in the town centre",
        "15250",
        "Communities",
        False,
    ),
)


@transaction.atomic
def grants_demo_load(plan: Plan) -> bool:
    """Load the demo's grants; False when there were some already."""
    if Grant.objects.exists():
        return False
    services.schemes_ensure_default(by=None)
    schemes = {s.kind: s for s in Scheme.objects.all()}
    today = timezone.localdate()
    starts = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    for reference, kind, recipient, purpose, amount, theme, published in GRANTS:
        grant = services.grant_save(
            grant=Grant(),
            by=None,
            scheme=schemes[kind],
            reference=reference,
            recipient=recipient,
            purpose=purpose,
            amount=Decimal(amount),
            starts=starts,
            ends=starts.replace(year=starts.year + 1) - dt.timedelta(days=1),
            conditions="A monitoring return each quarter; unspent money is returned",
            objectives=list(plan.themes.get(name=theme).objectives.all()[:1]),
            published=published,
        )
        services.return_add(
            grant=grant, title="First quarter return", due=today - dt.timedelta(days=10), by=None
        )
    return True
