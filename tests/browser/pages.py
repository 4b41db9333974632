"""What the browser tests share: signing in through the form, and checking the page as it is
now with axe-core."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD


def assert_accessible(page: Page) -> None:
    """Run axe on the page as it is now; fail with a readable list of any violations."""
    results = Axe().run(page)
    assert results.violations_count == 0, (
        f"{page.url} ({page.title()}):\n{results.generate_report()}"
    )


def sign_in(page: Page, base: str, user) -> None:
    page.goto(base + "/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".pw-header__account")).to_contain_text(f"Signed in as {user}")
