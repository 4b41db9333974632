from __future__ import annotations

from django.core.management.base import BaseCommand

from planwatch.performance.peer_groups import peer_groups


class Command(BaseCommand):
    help = "List the peer groups, each force area in them and its population."

    def handle(self, *args, **options):
        groups = peer_groups()
        if not groups:
            self.stdout.write(
                "No peer groups: each force is compared with every force that has a figure. "
                "Set one with planwatch peer-group-set NAME AREA [AREA ...]."
            )
            return
        for group in groups:
            self.stdout.write(group.name + (f": {group.description}" if group.description else ""))
            for area in group.areas.all():
                population = (
                    f"population {area.population:,}" if area.population else "population unknown"
                )
                self.stdout.write(f"  {area.name} ({area.police_uk_id}, {area.code}), {population}")
