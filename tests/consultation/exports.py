"""A survey export as a survey tool writes it: 3,600 respondents, with the personal columns
such tools add (id, name, email, postcode), a district, an age band, a single choice, a
multiple choice and free text. Deterministic; the test works out its expected figures from
the rows it writes, not from PlanWatch."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "Respondent ID",
    "Full name",
    "Email address",
    "Which district do you live in?",
    "Age",
    "How safe do you feel in your area after dark?",
    "Which of these should be the Commissioner's priorities? (tick all that apply)",
    "Anything else you want to tell the Commissioner?",
    "Postcode",
]
DISTRICTS = ["Moorside", "Eastfield", "Northmoor City", "Ashby"]
AGES = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", "Prefer not to say"]
SAFE = ["Very safe", "Fairly safe", "A bit unsafe", "Very unsafe", "Don't know"]
PRIORITIES = ["Burglary", "Anti-social behaviour", "Road safety", "Domestic abuse", "Drugs"]
COMMENTS = [
    "More police on foot in the town centre please",
    "Speeding on the main road past the school is a worry",
    "Call me on 07700 900123 about the drug dealing",
    "The 101 service takes too long to answer",
    "Email jo.bloggs@example.org if you want to know more",
    "",
]


def rows(count: int = 3600, seed: int = 2016) -> list[list[str]]:
    pick = random.Random(seed)
    out = []
    for n in range(1, count + 1):
        chosen = [p for p in PRIORITIES if pick.random() < 0.4]
        out.append(
            [
                f"R{n:05d}",
                f"Person {n}",
                f"person{n}@example.com",
                pick.choice(DISTRICTS),
                pick.choice(AGES),
                pick.choice(SAFE),
                ";".join(chosen),
                pick.choice(COMMENTS),
                f"NM{n % 9} {n % 7}AB",
            ]
        )
    return out


def write_csv(path: Path, body: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(body)
    return path


def write_xlsx(path: Path, body: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in body:
        sheet.append(row)
    book.save(path)
    return path
