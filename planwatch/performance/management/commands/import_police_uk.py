from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from planwatch.performance.police_uk_import import PoliceUkImportError, police_uk_import


class Command(BaseCommand):
    requires_system_checks = []  # a data import: no need to load every view first
    help = (
        "Import data.police.uk street-level, outcomes and stop-and-search files (CSV files, "
        "folders of monthly downloads or the site's zip archives) as monthly observations per "
        "force, partnership and district. All or nothing; importing twice changes nothing. "
        "Load the areas first (planwatch areas-load)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="count files in this many processes (worth it for a year of national files)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, paths: list[str], workers: int, no_progress: bool, **options):
        bars: list[tqdm] = []  # made at the first report, once the files have been found

        def progress(done: int, total: int) -> None:
            if not bars:
                bars.append(
                    tqdm(
                        total=total,
                        unit="B",
                        unit_scale=True,
                        desc="Reading",
                        file=self.stderr._out,
                        disable=no_progress,
                        dynamic_ncols=True,
                    )
                )
            bars[0].update(done - bars[0].n)

        try:
            run, figures = police_uk_import(
                paths=paths, by=None, on_progress=progress, workers=max(1, workers)
            )
        except PoliceUkImportError as error:
            raise CommandError(f"{error}\nNothing was imported.") from None
        finally:
            for bar in bars:
                bar.close()
        self.stdout.write(
            f"Read {len(figures.files):,} files, {figures.rows:,} rows: "
            f"{run.created:,} observations created, {run.updated:,} updated, "
            f"{run.unchanged:,} unchanged."
        )
        if figures.unmatched_lsoa_rows:
            self.stdout.write(
                f"{figures.unmatched_lsoa_rows:,} rows had an LSOA in no known district: "
                "they count for their force only."
            )
