from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planwatch.consultation.reading import KINDS
from planwatch.consultation.services import survey_import
from planwatch.delivery.spreadsheet import SpreadsheetError


class Command(BaseCommand):
    help = (
        "Import a survey export (CSV or XLSX, one row per respondent, a column per question). "
        "Personal columns (names, email, phone, address, postcode, ids) are left out and email "
        "addresses and phone numbers in answers blanked; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--survey", required=True, metavar="NAME", help="the survey's name")
        for kind in KINDS:
            parser.add_argument(
                f"--{kind.replace('_', '-')}",
                dest=kind,
                action="append",
                default=[],
                metavar="COLUMN",
                help=f"a column that is {kind.replace('_', ' ')} (repeat for several)",
            )

    def handle(self, *args, file: str, survey: str, **options):
        mapping = {column: kind for kind in KINDS for column in options[kind]}
        try:
            made, parsed = survey_import(path=file, name=survey, mapping=mapping, by=None)
        except SpreadsheetError as error:
            raise CommandError("Nothing was imported:\n" + "\n".join(error.errors)) from None
        for column in parsed.columns:
            self.stdout.write(f"{column.kind:9} {column.heading}")
        dropped = ", ".join(parsed.dropped) or "none"
        self.stdout.write(f"Left out as personal data: {dropped}.")
        self.stdout.write(
            f"Email addresses and phone numbers blanked in answers: {parsed.blanked}."
        )
        self.stdout.write(
            f"Imported {made.respondents} responses into {made.name!r} ({made.slug})."
        )
