"""Agenda item numbers ("5", "5a", "5.1") and the order they sort in. No Django models here."""

from __future__ import annotations

import re

AGENDA_NUMBER = re.compile(r"^(?P<major>[1-9]\d{0,2})(?:\.(?P<minor>[1-9]\d?)|(?P<letter>[a-z]))?$")
AGENDA_NUMBER_HELP = "Enter a number like 5, or 5a or 5.1 for a part of item 5"


def agenda_position(number: str) -> int:
    """Where an item sorts: 5 before 5a and 5.1, and 5.2 before 10 (not as text does).

    Raises ValueError for a number that is not like 5, 5a or 5.1.
    """
    found = AGENDA_NUMBER.match(number.strip())
    if found is None:
        raise ValueError(f"{number!r} is not an agenda item number. {AGENDA_NUMBER_HELP}")
    major = int(found["major"]) * 100
    if found["minor"]:
        return major + int(found["minor"])
    if found["letter"]:
        return major + ord(found["letter"]) - ord("a") + 1
    return major
