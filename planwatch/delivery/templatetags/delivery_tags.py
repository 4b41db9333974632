"""A status and a direction of travel as the pages show them. Tags rather than included
templates: the Delivery Plan shows both for each of hundreds of actions."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def rag(status: Any) -> SafeString:
    """A RAG status as a coloured tag, or "No update"."""
    if not status:
        return format_html('<span class="govuk-body-s">{}</span>', gettext("No update"))
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', status.colour, status.label
    )


@register.simple_tag
def direction(travel: Any) -> SafeString:
    """A direction of travel with its arrow (hidden from screen readers), or "Not yet judged"."""
    if not travel:
        return format_html('<span class="govuk-body-s">{}</span>', gettext("Not yet judged"))
    return format_html(
        '<span class="pw-direction pw-direction--{}"><span aria-hidden="true">{}</span> {}</span>',
        travel.value,
        travel.arrow,
        gettext(travel.label),
    )
