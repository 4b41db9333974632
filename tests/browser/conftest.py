"""Browser tests drive Debian's Chromium (never a downloaded browser) through Playwright."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("PLANWATCH_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def base_url() -> None:
    """Replace pytest-playwright's fallback, which pytest 9.2 warns about (warnings are errors).

    Tests build their addresses from pytest-django's live_server.
    """
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; run `make test` to install it")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
