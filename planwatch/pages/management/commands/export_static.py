from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from planwatch.pages.static_site import ExportError, export_static


class Command(BaseCommand):
    help = (
        "Write the public site (pages in English and Welsh, documents, open data, styles) as "
        "static files in DIR, with relative links, for any web server or CDN. Running it "
        "again rewrites only the files whose content changed and removes what is no longer "
        "public. Links to signing in, the API and search forms go to the live site "
        "(--base-url, default PLANWATCH_BASE_URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--base-url", help="the live site's address, e.g. https://plan.example.org"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, directory: str, base_url: str | None, no_progress: bool, **options):
        with tqdm(
            unit=" pages",
            desc="Reading the public site",
            file=self.stderr._out,
            disable=no_progress,
            dynamic_ncols=True,
        ) as bar:
            try:
                report = export_static(
                    Path(directory), base_url=base_url, on_page=lambda url: bar.update()
                )
            except ExportError as error:
                raise CommandError(f"{error}\nThe folder was left as it was.") from None
        self.stdout.write(
            f"Read {report.pages:,} addresses; {len(report.files):,} files in {directory}: "
            f"{report.written:,} written, {report.unchanged:,} unchanged, "
            f"{report.removed:,} removed."
        )
