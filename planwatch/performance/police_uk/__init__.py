"""Read and aggregate data.police.uk monthly downloads: street-level crime, outcomes and stop
and search, as single CSV files, folders of them or the zip archives the site serves.

Pure Python (no Django), so it can be tested exhaustively and benchmarked on its own:

    lookup = load_district_lookup("lad16-csp16-pfa16-lookup.csv")
    for counts in count_police_files(["2018-03.zip"], lookup=lookup):
        ...  # one FileCounts per wholly valid file; PoliceUkError(file, line, reason) otherwise
"""

from .lookup import district_name, load_district_lookup
from .schema import (
    ALL_CRIME_EXCLUDING_ASB,
    ANTI_SOCIAL_BEHAVIOUR,
    CHARGE_OR_SUMMONS_OUTCOMES,
    CRIME_TYPES,
    OUTCOMES,
    STOP_AND_SEARCH,
    STREET,
    District,
    FileCounts,
    PoliceUkError,
)
from .sources import PoliceUkFile, count_police_file, count_police_files, find_police_files

__all__ = [
    "ALL_CRIME_EXCLUDING_ASB",
    "ANTI_SOCIAL_BEHAVIOUR",
    "CHARGE_OR_SUMMONS_OUTCOMES",
    "CRIME_TYPES",
    "OUTCOMES",
    "STOP_AND_SEARCH",
    "STREET",
    "District",
    "FileCounts",
    "PoliceUkError",
    "PoliceUkFile",
    "count_police_file",
    "count_police_files",
    "district_name",
    "find_police_files",
    "load_district_lookup",
]
