"""Reading PDFs back as a person's tools would: poppler's pdftotext and pdfinfo."""

from __future__ import annotations

import subprocess
from pathlib import Path


def run(*command: str) -> str:
    """A command's standard output; fails the test if the command fails."""
    return subprocess.run(
        list(command), capture_output=True, text=True, check=True, timeout=120
    ).stdout


def words(text: str) -> str:
    """Text with every run of whitespace made one space, so line breaks do not matter."""
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return words(run("pdftotext", "-raw", str(path), "-"))


def pdf_info(path: Path, *extra: str) -> dict[str, str]:
    lines = run("pdfinfo", *extra, str(path)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}
