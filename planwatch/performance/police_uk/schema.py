"""The data.police.uk file formats: headers, crime types, outcome groups and the result types."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

STREET = "street"
OUTCOMES = "outcomes"
STOP_AND_SEARCH = "stop-and-search"

STREET_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
OUTCOMES_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Outcome type",
)
STOP_AND_SEARCH_HEADER = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)

ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"
CRIME_TYPES = frozenset(
    {
        ANTI_SOCIAL_BEHAVIOUR,
        "Bicycle theft",
        "Burglary",
        "Criminal damage and arson",
        "Drugs",
        "Other crime",
        "Other theft",
        "Possession of weapons",
        "Public order",
        "Robbery",
        "Shoplifting",
        "Theft from the person",
        "Vehicle crime",
        "Violence and sexual offences",
    }
)
#: A category of its own in street counts: every crime type except anti-social behaviour.
ALL_CRIME_EXCLUDING_ASB = "All crime excluding anti-social behaviour"

#: Last outcome categories that mean the crime was charged or summonsed (Home Office outcome 1).
#: data.police.uk publishes no "charged" category for street-level crimes: once a suspect is
#: charged or summonsed the crime moves to the court stage, so every court-stage category (awaiting
#: a hearing, every sentence, an acquittal, a case that could not proceed, a result not yet known)
#: implies a charge or summons. "Suspect charged" appears in outcomes files only. Excluded on
#: purpose: out-of-court disposals (caution, penalty notice, drugs warning, local resolution);
#: "Suspect charged as part of another case" (formerly "Offender sentenced as part of another
#: case": the crime was taken into consideration with another case, Home Office outcome 4, not
#: charged in its own right); and the no-further-action, under-investigation and unknown ones.
CHARGE_OR_SUMMONS_OUTCOMES = frozenset(
    {
        "Suspect charged",
        "Awaiting court outcome",
        "Court result unavailable",
        "Court case unable to proceed",
        "Defendant found not guilty",
        "Defendant sent to Crown Court",
        "Offender sent to prison",
        "Offender given suspended prison sentence",
        "Offender given community sentence",
        "Offender fined",
        "Offender given conditional discharge",
        "Offender given absolute discharge",
        "Offender ordered to pay compensation",
        "Offender deprived of property",
        "Offender otherwise dealt with",
    }
)

MONTH_PATTERN = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
_NAME = (
    r"(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9]+(?:-[a-z0-9]+)*?)"
    r"-(?P<kind>street|outcomes|stop-and-search)"
)
#: `2018-03-cambridgeshire-street.csv`: folders and archives are searched for these names only.
FILE_NAME_PATTERN = re.compile(_NAME + r"\.csv")
#: A file named on its own may carry a tag (`2018-05-cambridgeshire-outcomes.EXCERPT.csv`).
TAGGED_FILE_NAME_PATTERN = re.compile(_NAME + r"(?:\.\w+)?\.csv")


class PoliceUkError(ValueError):
    """A data.police.uk file that cannot be used: which file, which line (1 = header), and why.

    `line` is None when the problem is the file as a whole (its name, say).
    """

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        super().__init__(file, line, reason)
        self.file = file
        self.line = line
        self.reason = reason

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.reason}"


class District(NamedTuple):
    """One row of the ONS LAD16 -> CSP16 -> PFA16 lookup."""

    lad_code: str
    lad_name: str
    csp_code: str
    csp_name: str
    pfa_code: str


@dataclass(frozen=True, slots=True)
class FileCounts:
    """The counts from one whole, valid file.

    `counts` maps (area, category) to a number of rows. For street files the area is the force id
    (every row) or a district's LAD16CD (rows whose LSOA lies in a known district), and the
    category a crime type or ALL_CRIME_EXCLUDING_ASB. `charged` holds, per area, the crimes whose
    last outcome is in CHARGE_OR_SUMMONS_OUTCOMES: the numerator of the charge/summons share whose
    denominator is counts[area, ALL_CRIME_EXCLUDING_ASB]. Outcomes files count per Outcome type and
    stop-and-search files per Object of search, for the force only.
    """

    source: str
    kind: str
    force: str
    month: str
    rows: int
    counts: dict[tuple[str, str], int]
    charged: dict[str, int] = field(default_factory=dict)
    unmatched_lsoa_rows: int = 0
    districts: dict[str, District] = field(default_factory=dict)

    def total(self, area: str | None = None) -> int:
        """Rows counted for an area (the force when not given); for street files, every crime
        type including anti-social behaviour."""
        area = self.force if area is None else area
        return sum(
            n
            for (a, category), n in self.counts.items()
            if a == area and category != ALL_CRIME_EXCLUDING_ASB
        )

    def charged_share(self, area: str | None = None) -> float | None:
        """Share of an area's crimes (anti-social behaviour aside) charged or summonsed; None
        when it has none."""
        area = self.force if area is None else area
        crimes = self.counts.get((area, ALL_CRIME_EXCLUDING_ASB), 0)
        return self.charged.get(area, 0) / crimes if crimes else None
