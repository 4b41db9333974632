"""Reading the Delivery Plan's pages in tests: page text, update addresses, signed-in clients.

Shared by the workflow page tests and the Delivery Plan page tests, whose ``as_lead`` and
``as_officer`` fixtures are made with ``signed_in``.
"""

from __future__ import annotations

import re
from html import unescape

from django.test import Client

from planwatch.delivery.models import Action, ReportingPeriod


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _update_url(action: Action, period: ReportingPeriod) -> str:
    return f"/plans/{action.plan.slug}/actions/{action.reference}/updates/{period.slug}/"


def signed_in(user, client: Client | None = None) -> Client:
    """``client`` (a new one unless given) signed in as ``user``."""
    client = client or Client()
    client.force_login(user)
    return client
