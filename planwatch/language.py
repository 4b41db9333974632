"""Which language output is in: pages follow the reader (English, or Welsh under /cy/), while
documents, files, exports and stored values are always in English, whichever page asked."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.utils import translation

P = ParamSpec("P")
R = TypeVar("R")


def english() -> translation.override:
    """Within this, gettext and date formatting give the site's own language (English)."""
    return translation.override(settings.LANGUAGE_CODE)


def in_english(function: Callable[P, R]) -> Callable[P, R]:
    """Run the function in English: for builders of documents and exports, and views that
    send them, which /cy/ addresses reach as well."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with english():
            return function(*args, **kwargs)

    return wrapper


def is_english() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE
