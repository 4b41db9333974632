"""Nothing in assurance is public until an officer publishes it; then the public reads the
report and the progress on what it asked, without owners' names, and never the draft
response or the trackers."""

from __future__ import annotations

import pytest

from planwatch.assurance.models import Audit, Inspection

REPORT = "/assurance/inspections/HMI-2018-01/"
AUDIT = "/assurance/audits/IA-2018-03/"


def _publish(client, officer, url: str, shown: bool = True):
    client.force_login(officer)
    response = client.post(url + "publish/", {"published": "1" if shown else "0"})
    client.logout()
    return response


def test_the_public_sees_nothing_until_an_officer_publishes(client, officer, recommendations):
    assert client.get(REPORT).status_code == 404
    assert "Crime data integrity" not in client.get("/assurance/published/").text

    response = _publish(client, officer, REPORT)
    assert response.status_code == 302 and response["Location"] == REPORT
    assert Inspection.objects.get().published is True

    listing = client.get("/assurance/published/").text
    assert "Crime data integrity inspection" in listing
    assert "Due by 5 September 2018" in listing  # 12 July 2018 + 55 days
    page = client.get(REPORT)
    assert page.status_code == 200
    assert "Record every reported crime within 24 hours" in page.text
    assert "Publish to the public" not in page.text  # no officers' switch for the public
    assert "Draft the response" not in page.text


def test_the_public_page_leaves_out_owners_and_item_links(
    client, officer, lead, agreed, recommendations
):
    _publish(client, officer, AUDIT)
    _publish(client, officer, REPORT)
    for url in (AUDIT, REPORT):
        page = client.get(url).text
        assert lead.get_full_name() not in page
        assert "/assurance/items/" not in page
        assert "Owner and status" not in page
    client.force_login(officer)
    assert lead.get_full_name() in client.get(AUDIT).text


def test_withdrawing_hides_it_again(client, officer, agreed):
    _publish(client, officer, AUDIT)
    assert client.get(AUDIT).status_code == 200
    _publish(client, officer, AUDIT, shown=False)
    assert Audit.objects.get().published is False
    assert client.get(AUDIT).status_code == 404
    history = Audit.history.order_by("history_date")
    assert [h.history_change_reason for h in history][-2:] == [
        "Published to the public",
        "Withdrawn from public",
    ]
    assert history.last().history_user == officer


@pytest.mark.parametrize("role", ["lead", "panel_member", "auditor"])
def test_only_officers_publish(client, role, request, inspection):
    client.force_login(request.getfixturevalue(role))
    response = client.post(REPORT + "publish/", {"published": "1"})
    assert response.status_code == 403
    assert Inspection.objects.get().published is False


def test_a_lead_cannot_read_an_unpublished_report_but_the_panel_can(
    client, lead, panel_member, inspection
):
    client.force_login(lead)
    assert client.get(REPORT).status_code == 404
    client.force_login(panel_member)
    assert client.get(REPORT).status_code == 200


def test_the_public_menu_leads_to_the_published_reports(client, officer, db):
    home = client.get("/").text
    assert 'href="/assurance/published/"' in home and "Audits and inspections" in home
    assert "None published yet." in client.get("/assurance/published/").text
    client.force_login(officer)
    assert 'href="/assurance/"' in client.get("/").text  # staff go to the full index


def test_the_public_reads_each_answer_only_once_the_response_is_published(
    client, officer, recommendations
):
    from planwatch.assurance import services

    services.recommendation_save(
        item=recommendations[0], by=officer, response="Draft answer still being agreed"
    )
    _publish(client, officer, REPORT)
    page = client.get(REPORT).text
    assert "Draft answer still being agreed" not in page
    assert "Given in the Commissioner's response, once published" in page
    client.force_login(officer)
    assert "Draft answer still being agreed" in client.get(REPORT).text
