"""Who may see what: every URL, for every role, as the permission rules decide."""

from __future__ import annotations

import pytest

from planwatch.plans.models import Plan
from tests.permissions.matrix import (
    GET_CASES,
    ROLES,
    Redirect,
    assert_outcome,
    client_for,
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "expected"), GET_CASES, ids=[url for url, _ in GET_CASES])
def test_get(role, url, expected, ids, client, request):
    if "paper}" in url or "job}" in url or "agenda-pack" in url:
        ids = {**ids, **request.getfixturevalue("papers")}
    url = url.format(**ids)
    expected = expected[role]
    if isinstance(expected, Redirect):
        expected = Redirect(expected.to.format(**ids))
    response = client_for(role, client, request).get(url)
    assert_outcome(response, url, expected)


def test_a_draft_looks_exactly_like_a_missing_plan_to_the_public(client, draft_plan):
    draft = client.get(f"/plans/{draft_plan.slug}/")
    missing = client.get("/plans/no-such-plan/")
    assert draft.status_code == missing.status_code == 404
    assert draft_plan.title not in draft.content.decode()
    # The only difference is the address itself, in the sign-in link's "next".
    assert draft.content.decode().replace(draft_plan.slug, "no-such-plan") == (
        missing.content.decode()
    )


@pytest.mark.parametrize(
    ("status", "panel_sees", "lead_sees"),
    [
        ("draft", False, False),
        ("out_for_comment", False, False),
        ("with_panel", True, False),
        ("approved", True, False),
        ("published", True, True),
        ("varied", True, True),
        ("superseded", True, True),
    ],
)
def test_the_panel_reads_a_plan_from_when_it_is_sent_to_them(
    status, panel_sees, lead_sees, draft_plan, panel_member, lead, client
):
    Plan.objects.filter(pk=draft_plan.pk).update(status=status)
    url = f"/plans/{draft_plan.slug}/"
    for user, sees in [(panel_member, panel_sees), (lead, lead_sees)]:
        client.force_login(user)
        assert client.get(url).status_code == (200 if sees else 404)
        assert (draft_plan.title in client.get("/plans/").content.decode()) is sees
