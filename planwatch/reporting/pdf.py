"""Tagged, accessible PDF (PDF/UA-1) from a standalone HTML document: the one way PlanWatch
prints. Public bodies must publish accessible documents, so every PDF goes through here."""

from __future__ import annotations

import logging
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


def tagged_pdf(html: str) -> bytes:
    """The document as a PDF/UA-1 file: tagged, with its language and title from the HTML."""
    from weasyprint import HTML  # imported late: loading pango costs time on start-up

    with quiet_svg_warnings():
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
