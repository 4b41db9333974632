from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.performance.peer_groups import PeerGroupError, peer_group_set


class Command(BaseCommand):
    help = (
        "Create a peer group of force areas, or replace its members. A force is compared with "
        "every force that shares a group with it; a force in no group with every force."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='for example "Most similar group"')
        parser.add_argument(
            "areas", nargs="+", metavar="AREA", help="a force id (bedfordshire) or ONS code"
        )
        parser.add_argument("--description", help="a sentence on what the group is")

    def handle(self, *args, name: str, areas: list[str], description: str | None, **options):
        try:
            group, changed = peer_group_set(
                name=name, areas=areas, description=description, by=None
            )
        except PeerGroupError as error:
            raise CommandError(
                f"The peer group {name!r} was not changed.\n" + "\n".join(error.errors)
            ) from None
        members = ", ".join(area.name for area in group.areas.all())
        said = "set" if changed else "unchanged"
        self.stdout.write(f"{group.name} ({said}): {members}.")
