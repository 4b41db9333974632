"""Loading the ONS lookup of districts, community safety partnerships and police force areas."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from planwatch.accounts.models import User
from planwatch.performance.models import Area, AreaKind
from planwatch.performance.police_uk.lookup import police_uk_id
from planwatch.permissions import can

LOOKUP_COLUMNS = ("LAD16CD", "LAD16NM", "CSP16CD", "CSP16NM", "PFA16CD", "PFA16NM")


class AreaLoadError(ValueError):
    pass


def areas_by_key(keys: Iterable[str]) -> dict[str, Area]:
    """The areas named by ONS code or data.police.uk force id, by the key as given, lower-cased.

    Keys no area has are left out. One query, however many keys.
    """
    wanted = {key.strip().lower() for key in keys if key.strip()}
    found = Area.objects.filter(
        Q(code__in={key.upper() for key in wanted}) | Q(police_uk_id__in=wanted)
    )
    areas: dict[str, Area] = {}
    for area in found:
        for key in (area.code.lower(), (area.police_uk_id or "").lower()):
            if key in wanted:
                areas[key] = area
    return areas


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in LOOKUP_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise AreaLoadError(f"{path.name}: line 1: missing columns {', '.join(missing)}")
            return list(reader)
    except (OSError, UnicodeDecodeError) as error:
        raise AreaLoadError(f"{path.name}: cannot be read: {error}") from None


@transaction.atomic
def areas_load(*, path: Path | str, by: User | None) -> dict[str, int]:
    """Create or update every force area, partnership and district in the lookup."""
    if by is not None and not can(by, "performance.manage"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("performance.manage")
    path = Path(path)
    rows = _rows(path)
    for number, row in enumerate(rows, start=2):
        empty = [c for c in LOOKUP_COLUMNS if not (row.get(c) or "").strip()]
        if empty:
            raise AreaLoadError(f"{path.name}: line {number}: {empty[0]} is empty")
    counts = {"force": 0, "csp": 0, "district": 0}
    existing = {area.code: area for area in Area.objects.all()}

    def upsert(code: str, name: str, kind: str, parent: Area | None, force_id: str | None = None):
        area = existing.get(code) or Area(code=code)
        changed = (area.pk is None) or (area.name, area.kind, area.parent_id) != (
            name,
            kind,
            parent.pk if parent else None,
        )
        area.name, area.kind, area.parent = name, kind, parent
        if force_id:
            changed = changed or area.police_uk_id != force_id
            area.police_uk_id = force_id
        if changed:
            area.full_clean()
            area.save()
            counts[kind] += 1
        existing[code] = area
        return area

    for row in rows:
        force = upsert(
            row["PFA16CD"], row["PFA16NM"], AreaKind.FORCE, None, police_uk_id(row["PFA16NM"])
        )
        csp = upsert(row["CSP16CD"], row["CSP16NM"], AreaKind.CSP, force)
        upsert(row["LAD16CD"], row["LAD16NM"], AreaKind.DISTRICT, csp)
    return counts
