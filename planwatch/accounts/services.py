"""Writes to accounts. Each is one transaction and recorded in the history."""

from __future__ import annotations

from django.db import transaction

from planwatch.accounts.models import Role, User


@transaction.atomic
def user_create(
    *,
    username: str,
    role: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    organisation: str = "",
    by: User | None = None,
) -> User:
    """Create an account. Administrators get the Django admin; no one else does."""
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(password)
    user.full_clean()
    user._history_user = by  # type: ignore[attr-defined]
    user.save()
    return user
