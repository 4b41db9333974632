"""What every page's template needs to offer the page in the other language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation


def language_switch(request: HttpRequest) -> dict[str, dict[str, str]]:
    """The link to this page in the other language (English <-> Welsh), keeping its query."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    code, name = next(
        (code, name) for code, name in settings.LANGUAGES if not current.startswith(code[:2])
    )
    return {
        "other_language": {
            "code": code,
            "lang": code[:2],
            "name": name,
            "url": translate_url(request.get_full_path(), code),
        }
    }
