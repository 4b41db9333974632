"""The demo's audits and inspection for Northmoor: two internal audits with agreed actions (from
northmoor-assurance.csv, through the tracker import) and an inspection report published 45 days
before today, so the home page shows its response falling due, published for the public to
read. Loaded only while there are no
audits and no inspections, so running the demo again never undoes what officers did since."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from planwatch.accounts.models import User
from planwatch.assurance import services
from planwatch.assurance.importer import assurance_import_file
from planwatch.assurance.models import Audit, Inspection, Recommendation
from planwatch.delivery.models import Action
from planwatch.plans.models import Plan

TRACKER = Path(__file__).resolve().parent.parent / "demo" / "northmoor-assurance.csv"


@transaction.atomic
def assurance_demo_load(plan: Plan) -> bool:
    """Load the demo's assurance records; False when there were some already."""
    if Audit.objects.exists() or Inspection.objects.exists():
        return False
    services.scale_levels_ensure_default(by=None)
    assurance_import_file(path=TRACKER, by=None, plan=plan)
    inspection = services.inspection_save(
        inspection=Inspection(),
        by=None,
        reference="HMI-DEMO-01",
        title="Crime data integrity inspection of Northmoor Police",
        kind="thematic",
        published_on=timezone.localdate() - dt.timedelta(days=45),
    )
    lead = User.objects.filter(username="lead").first()
    for reference, kind, text, owner in (
        ("R1", "recommendation", "Record every reported crime within 24 hours", lead),
        ("AFI1", "area_for_improvement", "Audit how rape reports are recorded", None),
    ):
        item = services.recommendation_save(
            item=Recommendation(inspection=inspection),
            by=None,
            reference=reference,
            kind=kind,
            text=text,
            owner=owner,
            owner_post="" if owner else "Force Crime Registrar",
        )
        if reference == "R1":
            services.item_link(
                item=item, by=None, actions=Action.objects.filter(plan=plan, reference="V1.1")
            )
    services.publish_set(record=inspection, published=True, by=None)
    return True
