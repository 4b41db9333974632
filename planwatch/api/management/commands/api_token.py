from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.accounts.models import User
from planwatch.api.tokens import token_create


class Command(BaseCommand):
    help = "Make an API key for a user and print it (once: only its digest is kept)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API", help="what the key is for")

    def handle(self, *args, username: str, name: str, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user is called {username!r}.")
        key = token_create(user=user, name=name)
        self.stdout.write(f"API key for {user.username} ({name}); it will not be shown again:")
        self.stdout.write(key)
