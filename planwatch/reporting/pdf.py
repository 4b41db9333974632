"""Tagged, accessible PDF (PDF/UA-1) from a standalone HTML document: the one way PlanWatch
prints. Public bodies must publish accessible documents, so every PDF goes through here."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _SvgStyleNoise(logging.Filter):
    """WeasyPrint's CSS checker warns of the SVG properties in a chart's style attributes,
    which its SVG renderer then draws correctly; drop only those warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Ignored `") and message.endswith("unknown property."))


@contextmanager
def quiet_svg_warnings() -> Iterator[None]:
    """While WeasyPrint prints, leave out its warnings about SVG style properties."""
    logger, noise = logging.getLogger("weasyprint"), _SvgStyleNoise()
    logger.addFilter(noise)
    try:
        yield
    finally:
        logger.removeFilter(noise)


_printing_lock = threading.Lock()
_printing = {"count": 0, "collector_was_on": False}


@contextmanager
def collector_paused() -> Iterator[None]:
    """While WeasyPrint prints, hold off Python's cyclic garbage collector (the process's own,
    so other threads go without it meanwhile too).

    A long paper is hundreds of thousands of boxes and strings that stay alive until the PDF
    is written, so the collections their allocation sets off on the way free next to nothing
    and walk them all again: a fifth to a quarter of the CPU time of the 250-action paper.
    What printing leaves is collected once, when the last print running in the process ends."""
    with _printing_lock:
        if _printing["count"] == 0:
            _printing["collector_was_on"] = gc.isenabled()
            gc.disable()
        _printing["count"] += 1
    try:
        yield
    finally:
        with _printing_lock:
            _printing["count"] -= 1
            if _printing["count"] == 0 and _printing["collector_was_on"]:
                gc.enable()
                gc.collect(0)


def tagged_pdf(html: str) -> bytes:
    """The document as a PDF/UA-1 file: tagged, with its language and title from the HTML."""
    from weasyprint import HTML  # imported late: loading pango costs time on start-up

    with quiet_svg_warnings(), collector_paused():
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
