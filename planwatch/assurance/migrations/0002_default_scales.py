"""Seed the default scales: audit assurance levels, priorities and PEEL grades.

The data is written out here, not imported, so this migration keeps working as the code moves
on. Officers may change the levels afterwards; reversing leaves them in place.
"""

from django.db import migrations
from django.utils import timezone

SCALES = {
    "assurance": ["Substantial", "Reasonable", "Partial", "No assurance"],
    "priority": ["High", "Medium", "Low"],
    "grade": ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"],
}


def seed(apps, schema_editor):
    ScaleLevel = apps.get_model("assurance", "ScaleLevel")
    History = apps.get_model("assurance", "HistoricalScaleLevel")
    for kind, labels in SCALES.items():
        for rank, label in enumerate(labels, start=1):
            code = label.lower().replace(" ", "-")
            if ScaleLevel.objects.filter(kind=kind, code=code).exists():
                continue
            level = ScaleLevel.objects.create(kind=kind, code=code, label=label, rank=rank)
            History.objects.create(
                id=level.pk,
                kind=kind,
                code=code,
                label=label,
                rank=rank,
                history_date=timezone.now(),
                history_type="+",
                history_change_reason="Default scale",
            )


class Migration(migrations.Migration):
    dependencies = [("assurance", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
