from django.db import migrations

# The schemes most Commissioners run; officers add others. (Kept here as they were when this
# migration was written, as migrations must be.)
DEFAULT = (
    ("Crime and disorder reduction grants", "crime_and_disorder"),
    ("Victims' services", "victims"),
)


def add(apps, schema_editor):
    Scheme = apps.get_model("grants", "Scheme")
    for name, kind in DEFAULT:
        Scheme.objects.get_or_create(name=name, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
