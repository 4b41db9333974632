"""The JSON API: public reads without a key, role-aware reads with one, Leads' updates through
the same rules as the web form, and JSON errors (400/401/403/404)."""

from __future__ import annotations

from planwatch.delivery.models import Action, Update, UpdateState
from tests.delivery import builders

API = "/api/v1"


def test_the_public_reads_published_plans_only(client, published_plan, draft_plan):
    body = client.get(f"{API}/plans").json()
    assert [p["slug"] for p in body["items"]] == [published_plan.slug] and body["count"] == 1
    detail = client.get(f"{API}/plans/{published_plan.slug}").json()
    assert detail["themes"][0]["name"] == published_plan.themes.first().name
    missing = client.get(f"{API}/plans/{draft_plan.slug}")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found."}


def test_a_key_reads_what_its_role_may_see(client, officer, draft_plan, key_for):
    body = client.get(f"{API}/plans", **key_for(officer)).json()
    assert draft_plan.slug in [p["slug"] for p in body["items"]]
    refused = client.get(f"{API}/plans", HTTP_AUTHORIZATION="Bearer pw_not-a-key")
    assert refused.status_code == 401 and refused.json() == {"detail": "The API key is not valid."}


def test_the_delivery_plan_of_a_published_quarter_with_filters(client, published_plan, q1, q2):
    url = f"{API}/plans/{published_plan.slug}/periods/2018-19-q1/actions"
    rows = client.get(url).json()["items"]
    assert {(r["reference"], r["status"], r["direction"]) for r in rows} >= {
        ("V1.1", "G", "new"),
        ("V1.2", "A", "new"),
    }
    assert [r["reference"] for r in client.get(url + "?status=A").json()["items"]] == ["V1.2"]
    assert client.get(url + "?theme=No such theme").json()["items"] == []
    periods = client.get(f"{API}/plans/{published_plan.slug}/periods").json()
    assert [p["slug"] for p in periods] == ["2018-19-q1"]  # not the open quarter
    assert (
        client.get(f"{API}/plans/{published_plan.slug}/periods/2018-19-q2/actions").status_code
        == 404
    )


def test_a_lead_submits_an_update_through_the_api(
    client, published_plan, q2, lead, led_action, key_for
):
    url = f"{API}/plans/{published_plan.slug}/periods/2018-19-q2/actions/V1.1/update"
    payload = {"status": "A", "commentary": "Two posts are still vacant.", "submit": True}
    response = client.post(url, payload, content_type="application/json", **key_for(lead))
    assert response.status_code == 200
    assert response.json() == {
        "action": "V1.1",
        "period": "2018-19-q2",
        "status": "A",
        "commentary": "Two posts are still vacant.",
        "state": "submitted",
    }
    saved = Update.objects.get(action=led_action, period=q2)
    assert (saved.state, saved.history.latest().history_user) == ("submitted", lead)


def test_the_api_refuses_clearly(client, published_plan, q2, lead, other_lead, led_action, key_for):
    url = f"{API}/plans/{published_plan.slug}/periods/2018-19-q2/actions/V1.1/update"
    good = {"status": "A", "commentary": "Late."}
    assert client.post(url, good, content_type="application/json").status_code == 401
    other = client.post(url, good, content_type="application/json", **key_for(other_lead))
    assert other.status_code == 403 and other.json() == {"detail": "You may not do this."}
    bad = client.post(url, {"status": "X"}, content_type="application/json", **key_for(lead))
    assert bad.status_code == 400 and bad.json()["errors"] == {
        "status": ["Not a status of this Plan's key."]
    }
    shapeless = client.post(
        url, {"commentary": 5}, content_type="application/json", **key_for(lead)
    )
    assert shapeless.status_code == 400 and "status" in shapeless.json()["errors"]
    # Amber needs commentary: the web form's rule, from the same service.
    late = {"status": "A", "submit": True}
    empty = client.post(url, late, content_type="application/json", **key_for(lead))
    assert empty.status_code == 400
    assert not Update.objects.filter(action=led_action, period=q2).exists()


def test_the_grants_register_and_the_openapi_document(client, db):
    assert client.get(f"{API}/grants").json() == {"items": [], "count": 0}
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.") and f"{API}/plans" in schema["paths"]


def test_the_api_token_command_prints_a_key_once_and_keeps_its_digest(client, officer, draft_plan):
    import io

    from django.core.management import call_command

    from planwatch.accounts.models import ApiToken

    out = io.StringIO()
    call_command("api_token", officer.username, "--name", "Performance import", stdout=out)
    key = out.getvalue().splitlines()[-1]
    assert key.startswith("pw_")
    stored = ApiToken.objects.get()
    assert key not in stored.digest and stored.name == "Performance import"
    listed = client.get(f"{API}/plans", HTTP_AUTHORIZATION=f"Bearer {key}").json()["items"]
    assert draft_plan.slug in [p["slug"] for p in listed]
    officer.is_active = False
    officer.save()
    assert client.get(f"{API}/plans", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


# The Plan, the quarter, the one before it, the RAG key, the actions (with their themes,
# objectives and Leads), this quarter's updates, the statuses of the quarter before, the Plan's
# versions.
MAX_ACTIONS_QUERIES = 8


def test_the_public_reads_a_quarter_of_300_actions_in_at_most_8_queries(
    client, published_plan, theme, lead, rag, make_period, django_assert_max_num_queries
):
    periods = [builders.publish(make_period(slug)) for slug in ("2017-18-q4", "2018-19-q1")]
    actions = Action.objects.bulk_create(
        Action(
            plan=published_plan,
            theme=theme,
            reference=f"B{number:03d}",
            title=f"Bulk action {number}",
            lead=lead if number % 2 else None,
            lead_name="" if number % 2 else "Head of Community Safety",
        )
        for number in range(300)
    )
    Update.objects.bulk_create(
        Update(
            action=action,
            period=period,
            rag=rag["GA"[(number + shift) % 2]],
            commentary=f"Update {number}",
            state=UpdateState.APPROVED,
        )
        for number, action in enumerate(actions)
        for shift, period in enumerate(periods)
    )
    url = f"{API}/plans/{published_plan.slug}/periods/2018-19-q1/actions"

    with django_assert_max_num_queries(MAX_ACTIONS_QUERIES):
        body = client.get(url).json()

    assert body["count"] == 300 and len(body["items"]) == 100
    assert {row["direction"] for row in body["items"]} == {"improving", "deteriorating"}
