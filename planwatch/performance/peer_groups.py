"""Peer groups: the force areas a force is compared with, such as its Most Similar Group.

A force is compared with every force that shares a group with it (all its groups merged);
a force in no group is compared with every force that has a figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from planwatch.accounts.models import User
from planwatch.performance.areas import areas_by_key
from planwatch.performance.models import AreaKind, PeerGroup
from planwatch.performance.services import require_manager
from planwatch.recorded import delete_recorded, save_recorded

NAME_LENGTH = PeerGroup._meta.get_field("name").max_length or 100


class PeerGroupError(ValueError):
    """A group that cannot be set, with every problem found, one message each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


def _group(name: str) -> PeerGroup | None:
    return PeerGroup.objects.filter(name__iexact=name.strip()).first()


@transaction.atomic
def peer_group_set(
    *, name: str, areas: Sequence[str], description: str | None = None, by: User | None
) -> tuple[PeerGroup, bool]:
    """Create the group, or replace its force areas (by ONS code or force id); all or nothing.

    The description is kept unless one is given. Returns the group and whether it changed.
    """
    require_manager(by)
    name = " ".join(name.split())
    errors = []
    if not name:
        errors.append("The group needs a name.")
    elif len(name) > NAME_LENGTH:
        errors.append(f"The name is longer than {NAME_LENGTH} characters.")
    found = areas_by_key(areas)
    members = {}
    for key in areas:
        area = found.get(key.strip().lower())
        if area is None:
            errors.append(f"{key!r}: no area has this ONS code or force id.")
        elif area.kind != AreaKind.FORCE:
            errors.append(f"{key!r}: {area.name} is not a police force area.")
        else:
            members[area.pk] = area
    if not errors and len(members) < 2:
        errors.append("A peer group needs at least two force areas.")
    if errors:
        raise PeerGroupError(errors)

    group = _group(name) or PeerGroup(name=name)
    changed = group.pk is None or group.name != name
    group.name = name
    if description is not None and description.strip() != group.description:
        group.description = description.strip()
        changed = True
    if changed:
        save_recorded(group, by, "Peer group set")
    current = set(group.areas.values_list("pk", flat=True))
    if current != set(members):
        group._history_user = by  # type: ignore[attr-defined]
        group._change_reason = "Peer group members set"  # type: ignore[attr-defined]
        group.areas.set(members.values())
        changed = True
    return group, changed


@transaction.atomic
def peer_group_remove(*, name: str, by: User | None) -> None:
    """Delete the group (its history is kept). Its forces are compared as before it was set."""
    require_manager(by)
    group = _group(name)
    if group is None:
        raise PeerGroupError([f"No peer group is called {name!r}."])
    delete_recorded(group, by, "Peer group removed")


def peer_groups() -> list[PeerGroup]:
    """Every group by name, with its force areas by name (two queries)."""
    return list(PeerGroup.objects.prefetch_related("areas").order_by("name"))
