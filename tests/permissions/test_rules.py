"""The rules themselves: unknown rules deny, disabled accounts are the public, and a view
without a rule is refused."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.urls import path

from planwatch import permissions
from planwatch import urls as root_urls
from tests.permissions.matrix import (
    SIGN_IN,
    assert_outcome,
)


def test_an_unknown_rule_denies_everyone(users_by_role):
    for user in users_by_role.values():
        assert permissions.can(user, "no.such.rule") is False
        assert permissions.can(user, "") is False


def test_a_view_cannot_be_marked_with_an_unknown_rule():
    with pytest.raises(KeyError):
        permissions.allow("no.such.rule")


def test_a_disabled_officer_is_treated_as_a_member_of_the_public(
    officer, published_plan, draft_plan
):
    assert permissions.can(officer, "plan.edit") is True
    officer.is_active = False
    officer.save()
    for rule in ("plan.edit", "plan.create", "plan.history", "account.sign_out", "admin.site"):
        assert permissions.can(officer, rule) is False
    assert permissions.can(officer, "plan.view", draft_plan) is False
    assert permissions.can(officer, "plan.view", published_plan) is True


def test_a_disabled_officer_who_is_still_signed_in_is_sent_to_sign_in(client, officer, ids):
    client.force_login(officer)
    officer.is_active = False
    officer.save()
    url = f"/plans/{ids['pub']}/contents/"
    assert_outcome(client.get(url), url, SIGN_IN)


def _unmarked_view(request):
    return HttpResponse("open")


urlpatterns = [path("unmarked/", _unmarked_view), *root_urls.urlpatterns]


@pytest.mark.urls(__name__)
def test_a_view_without_a_rule_is_refused(client, administrator):
    assert client.get("/unmarked/").status_code == 302
    client.force_login(administrator)
    assert client.get("/unmarked/").status_code == 403
