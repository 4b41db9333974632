"""Find data.police.uk files in folders and zip archives, and count them one by one."""

from __future__ import annotations

import multiprocessing
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .counts import file_counts
from .parser import tally_file
from .schema import (
    FILE_NAME_PATTERN,
    MONTH_PATTERN,
    STREET,
    TAGGED_FILE_NAME_PATTERN,
    District,
    FileCounts,
    PoliceUkError,
)
from .street_duckdb import count_street_files

ProgressCallback = Callable[[int, int], object]


@dataclass(frozen=True, slots=True)
class PoliceUkFile:
    """One monthly file: a CSV on disk or a member of a zip archive, with what its name says."""

    source: str  # what errors name: the path, or "archive.zip!2018-03/2018-03-x-street.csv"
    path: str
    member: str | None
    force: str
    month: str
    kind: str
    size: int

    def read_bytes(self, archive: zipfile.ZipFile | None = None) -> bytes:
        """The file's bytes; `archive`, if given, is this member's archive already open."""
        if self.member is None:
            return Path(self.path).read_bytes()
        try:
            if archive is not None:
                return archive.read(self.member)
            with zipfile.ZipFile(self.path) as opened:
                return opened.read(self.member)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise PoliceUkError(self.source, None, f"damaged in its archive: {error}") from None


def find_police_files(*paths: str | Path) -> list[PoliceUkFile]:
    """The files to read, ordered by month, force and kind.

    A folder is walked recursively and a zip archive searched throughout (including `YYYY-MM/`
    folders inside it) for names like `2018-03-cambridgeshire-street.csv`, `-outcomes.csv` or
    `-stop-and-search.csv`; a CSV named on its own may carry a tag (`...-outcomes.EXCERPT.csv`).
    Zip archives inside folders are not opened. Two files for the same force, month and kind
    raise PoliceUkError, so that nothing is counted twice.
    """
    found: list[PoliceUkFile] = []
    for path in map(Path, paths):
        if path.is_dir():
            for folder, _, names in os.walk(path):
                for name in names:
                    if FILE_NAME_PATTERN.fullmatch(name):
                        file = Path(folder, name)
                        found.append(_named(str(file), str(file), None, name, file.stat().st_size))
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    name = info.filename.rsplit("/", 1)[-1]
                    if not info.is_dir() and FILE_NAME_PATTERN.fullmatch(name):
                        source = f"{path}!{info.filename}"
                        found.append(_named(source, str(path), info.filename, name, info.file_size))
        elif path.suffix.lower() == ".zip":
            raise PoliceUkError(str(path), None, "not a zip archive, or a damaged one")
        elif path.is_file():
            found.append(_named(str(path), str(path), None, path.name, path.stat().st_size))
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    found.sort(key=lambda f: (f.month, f.force, f.kind, f.source))
    for first, second in zip(found, found[1:], strict=False):
        if (first.month, first.force, first.kind) == (second.month, second.force, second.kind):
            reason = f"the same force, month and kind as {first.source}: counted once only"
            raise PoliceUkError(second.source, None, reason)
    return found


def _named(source: str, path: str, member: str | None, name: str, size: int) -> PoliceUkFile:
    match = TAGGED_FILE_NAME_PATTERN.fullmatch(name)
    if match is None:
        raise PoliceUkError(source, None, "the name is not like YYYY-MM-<force>-street.csv")
    if not MONTH_PATTERN.fullmatch(match["month"]):
        raise PoliceUkError(source, None, f"{match['month']} in the name is not a month")
    return PoliceUkFile(source, path, member, match["force"], match["month"], match["kind"], size)


def count_police_file(
    file: PoliceUkFile | str | Path, *, lookup: dict[str, District] | None = None
) -> FileCounts:
    """Validate and count one whole file; raises PoliceUkError at its first problem.

    Without a lookup, street rows are counted for the force only (and all those with an LSOA
    reported as unmatched).
    """
    if not isinstance(file, PoliceUkFile):
        file = _named(str(file), str(file), None, Path(file).name, Path(file).stat().st_size)
    return _count(file, file.read_bytes(), lookup)


def _count(file: PoliceUkFile, data: bytes, lookup: dict[str, District] | None) -> FileCounts:
    tally = tally_file(data, source=file.source, month=file.month)
    if tally.kind != file.kind:
        raise PoliceUkError(file.source, 1, f"a {tally.kind} header in a file named {file.kind}")
    return file_counts(tally, source=file.source, force=file.force, month=file.month, lookup=lookup)


def count_police_files(
    paths: Iterable[str | Path] | str | Path,
    *,
    lookup: dict[str, District] | None = None,
    on_progress: ProgressCallback | None = None,
    workers: int = 1,
) -> Iterator[FileCounts]:
    """Count every file found under `paths` (files, folders, zip archives), in order.

    Each file is yielded only once it is wholly valid; the first bad file raises PoliceUkError,
    so a caller that stores as it goes should do so in a transaction. `on_progress(bytes_done,
    bytes_total)` is called at the start and after each file. `workers` > 1 counts files in that
    many processes (each started afresh, so a few tenths of a second pay off only on big runs);
    street files on disk are counted with DuckDB first (street_duckdb), all at once, and only
    those it does not vouch for are left to the Python reader.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    files = find_police_files(*paths)
    total = sum(f.size for f in files)
    if on_progress:
        on_progress(0, total)
    counted = count_street_files(
        [(f.path, f.source, f.force, f.month) for f in files if _on_disk_street(f)],
        lookup=lookup,
    )
    # What DuckDB could not vouch for goes to the Python reader, in the files' order.
    rest = count_police_files_in_python(
        [f for f in files if f.path not in counted], lookup=lookup, workers=workers
    )
    results = (counted[f.path] if f.path in counted else next(rest) for f in files)
    yield from _with_progress(files, results, on_progress, total)


def _on_disk_street(file: PoliceUkFile) -> bool:
    return file.member is None and file.kind == STREET


def count_police_files_in_python(
    files: list[PoliceUkFile],
    *,
    lookup: dict[str, District] | None = None,
    workers: int = 1,
) -> Iterator[FileCounts]:
    """Count files with the Python reader, in order, in `workers` processes."""
    if workers <= 1:
        reader = _Reader(lookup)
        try:
            yield from map(reader.count, files)
        finally:
            reader.close()
        return
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(lookup,),
    )
    try:
        yield from pool.map(_count_in_worker, files)
    finally:
        pool.shutdown(cancel_futures=True)


def _with_progress(
    files: list[PoliceUkFile],
    results: Iterator[FileCounts],
    on_progress: ProgressCallback | None,
    total: int,
) -> Iterator[FileCounts]:
    done = 0
    for file, counts in zip(files, results, strict=False):
        done += file.size
        if on_progress:
            on_progress(done, total)
        yield counts


class _Reader:
    """Counts files one after another, opening each zip archive once."""

    def __init__(self, lookup: dict[str, District] | None) -> None:
        self.lookup = lookup
        self.archives: dict[str, zipfile.ZipFile] = {}

    def count(self, file: PoliceUkFile) -> FileCounts:
        archive = None
        if file.member is not None:
            if file.path not in self.archives:
                self.archives[file.path] = zipfile.ZipFile(file.path)
            archive = self.archives[file.path]
        return _count(file, file.read_bytes(archive), self.lookup)

    def close(self) -> None:
        for archive in self.archives.values():
            archive.close()
        self.archives.clear()


_worker_reader: _Reader | None = None


def _start_worker(lookup: dict[str, District] | None) -> None:
    global _worker_reader
    _worker_reader = _Reader(lookup)


def _count_in_worker(file: PoliceUkFile) -> FileCounts:
    assert _worker_reader is not None  # set by _start_worker
    return _worker_reader.count(file)
