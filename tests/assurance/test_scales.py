"""Officers configure the scales (assurance levels, priorities, grades) in the browser; a
level in use stays, and every change is recorded."""

from __future__ import annotations

from planwatch.assurance.models import ScaleLevel
from tests.assurance.conftest import level


def test_an_officer_adds_a_priority_and_it_can_be_chosen(client, officer, audit):
    client.force_login(officer)
    response = client.post(
        "/assurance/scales/new/", {"kind": "priority", "label": "Critical", "rank": "1"}
    )
    assert response.status_code == 302
    made = ScaleLevel.objects.get(kind="priority", label="Critical")
    assert made.code == "critical"
    assert made.history.get().history_user == officer
    form = client.get("/assurance/audits/IA-2018-03/actions/new/").text
    assert f'value="{made.pk}"' in form and "Critical" in form
    listed = client.get("/assurance/scales/").text
    assert listed.index("Critical") < listed.index("High")  # place 1 comes first


def test_a_level_is_renamed_and_its_name_must_be_new_in_its_scale(client, officer):
    client.force_login(officer)
    partial = level("assurance", "partial")
    clash = client.post(f"/assurance/scales/{partial.pk}/", {"label": "substantial", "rank": 3})
    assert clash.status_code == 200
    assert "Give a name that this scale does not already have." in clash.text
    assert ScaleLevel.objects.get(pk=partial.pk).label == "Partial"

    client.post(f"/assurance/scales/{partial.pk}/", {"label": "Limited", "rank": 3})
    partial.refresh_from_db()
    assert (partial.label, partial.code) == ("Limited", "partial")  # the code stays
    # The same name in another scale is allowed.
    other = client.post("/assurance/scales/new/", {"kind": "grade", "label": "Limited", "rank": 6})
    assert other.status_code == 302


def test_a_level_in_use_is_not_removed(client, officer, audit):
    client.force_login(officer)
    used = audit.assurance
    refused = client.post(f"/assurance/scales/{used.pk}/remove/")
    assert refused.status_code == 200
    assert "is in use, so it stays" in refused.text
    assert ScaleLevel.objects.filter(pk=used.pk).exists()

    unused = level("assurance", "no-assurance")
    assert client.post(f"/assurance/scales/{unused.pk}/remove/").status_code == 302
    assert not ScaleLevel.objects.filter(pk=unused.pk).exists()
    gone = ScaleLevel.history.filter(id=unused.pk, history_type="-").get()
    assert (gone.history_user, gone.history_change_reason) == (officer, "Removed from the scale")


def test_bad_input_is_refused_with_nothing_written(client, officer):
    client.force_login(officer)
    before = ScaleLevel.objects.count()
    response = client.post("/assurance/scales/new/", {"kind": "grade", "label": " ", "rank": "0"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert ScaleLevel.objects.count() == before


def test_only_officers_change_scales(client, auditor):
    client.force_login(auditor)
    response = client.post("/assurance/scales/new/", {"kind": "grade", "label": "X", "rank": "1"})
    assert response.status_code == 403
    assert not ScaleLevel.objects.filter(label="X").exists()
