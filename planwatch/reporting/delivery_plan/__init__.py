"""Appendix 1: the Delivery Plan for a period, in every format the Panel is sent."""

from __future__ import annotations

from planwatch.delivery.selectors import DeliveryPlan
from planwatch.language import in_english
from planwatch.reporting.delivery_plan.document import (
    COLUMNS,
    CONTENT_TYPES,
    EXTENSIONS,
    FORMATS,
    TITLE,
    Doc,
    delivery_plan_document,
)
from planwatch.reporting.delivery_plan.printed import html_bytes, pdf
from planwatch.reporting.delivery_plan.word import docx
from planwatch.reporting.delivery_plan.workbook import xlsx

__all__ = [
    "COLUMNS",
    "CONTENT_TYPES",
    "EXTENSIONS",
    "FORMATS",
    "TITLE",
    "Doc",
    "delivery_plan_document",
    "delivery_plan_filename",
    "render_delivery_plan",
]


@in_english
def render_delivery_plan(data: DeliveryPlan, fmt: str) -> bytes:
    """The Delivery Plan appendix in one of FORMATS, always in English."""
    renderers = {"xlsx": xlsx, "docx": docx, "pdf": pdf, "html": html_bytes}
    if fmt not in renderers:
        raise ValueError(f"{fmt!r} is not one of {', '.join(FORMATS)}")
    return renderers[fmt](delivery_plan_document(data))


def delivery_plan_filename(data: DeliveryPlan, fmt: str) -> str:
    """For example northmoor-2017-20-2018-19-q1-delivery-plan.pdf."""
    return f"{data.plan.slug}-{data.period.slug}-delivery-plan{EXTENSIONS[fmt]}"
