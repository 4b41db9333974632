"""API keys: made for a user by the operator (`planwatch api-token`), shown once, kept only as
a SHA-256 digest."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from planwatch.accounts.models import ApiToken, User


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(*, user: User, name: str) -> str:
    """A new key for `user`; the only time it can be read."""
    key = "pw_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name.strip() or "API", digest=_digest(key))
    return key


def token_user(key: str) -> User | None:
    """The active user a key belongs to, or None."""
    token = ApiToken.objects.select_related("user").filter(digest=_digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.user
