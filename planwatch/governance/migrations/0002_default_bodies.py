"""Seed the three bodies an OPCC reports to: the BCB, the Police and Crime Panel and the JAC.

The data is written out here, not imported, so this migration keeps working as the code moves
on. Officers may change the bodies afterwards; reversing leaves them in place.
"""

from django.db import migrations
from django.utils import timezone

BODIES = (
    (
        "Business Co-ordination Board",
        "BCB",
        "business-co-ordination-board",
        "The Commissioner's board for decisions and for holding the Chief Constable to account "
        "for performance. It meets in public.",
    ),
    (
        "Police and Crime Panel",
        "Panel",
        "police-and-crime-panel",
        "Councillors and independent members who scrutinise the Commissioner, including how "
        "the Police and Crime Plan is delivered.",
    ),
    (
        "Joint Audit Committee",
        "JAC",
        "joint-audit-committee",
        "The audit committee of the Commissioner and the Chief Constable: internal and external "
        "audit, risk and the actions agreed.",
    ),
)


def seed_bodies(apps, schema_editor):
    Body = apps.get_model("governance", "Body")
    HistoricalBody = apps.get_model("governance", "HistoricalBody")
    for order, (name, short_name, slug, description) in enumerate(BODIES, start=1):
        if Body.objects.filter(slug=slug).exists():
            continue
        body = Body.objects.create(
            name=name, short_name=short_name, slug=slug, description=description, order=order
        )
        HistoricalBody.objects.create(
            id=body.pk,
            name=name,
            short_name=short_name,
            slug=slug,
            description=description,
            default_venue="",
            order=order,
            history_date=timezone.now(),
            history_type="+",
            history_change_reason="Added when PlanWatch was installed",
        )


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(seed_bodies, migrations.RunPython.noop)]
