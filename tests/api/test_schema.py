"""schemathesis against /api/v1/openapi.json: for every operation, a bounded number of
generated requests (hypothesis) on a database with a published Plan and quarter; no server
error, and every response keeps to the schema."""

from __future__ import annotations

import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

EXAMPLES = 15


def test_the_api_keeps_to_its_schema(db, published_plan, q1):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        check()
