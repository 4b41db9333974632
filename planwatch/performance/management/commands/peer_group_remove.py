from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.performance.peer_groups import PeerGroupError, peer_group_remove


class Command(BaseCommand):
    help = "Remove a peer group (its history is kept)."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name: str, **options):
        try:
            peer_group_remove(name=name, by=None)
        except PeerGroupError as error:
            raise CommandError("\n".join(error.errors)) from None
        self.stdout.write(f"Removed the peer group {name!r}.")
