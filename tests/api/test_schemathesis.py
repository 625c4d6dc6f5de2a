"""schemathesis against /api/openapi.json: the app answers in-process over WSGI, as a district admin
(so that scoping and refusals are exercised), with a bounded number of examples per operation.

Zero server errors and zero responses outside their documented schema.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

MAX_EXAMPLES = 20  # per operation, fuzzing phase; the coverage phase adds ~90 cases each


# A request valid by the schema may still break a rule of the domain that JSON Schema cannot state (a
# region code that does not exist, 签约 without a date, a stage change out of order): those answers are
# 400/409/422 with the documented error body, which the other checks hold to the schema.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "422"]
            }
        },
    }
)
# Loaded at collection (schemathesis' lazy `from_fixture` does not run on pytest 9); reading the schema
# touches no database.
try:
    from zhaoshang.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)
except Exception as exc:  # a broken URL conf fails this module, not the whole collection
    schema, LOAD_ERROR = None, exc


@pytest.fixture
def district_admin_token(db) -> str:
    """Calls are made as 沙坪坝区's administrator: scoping and refusals are exercised, not bypassed."""
    from zhaoshang.accounts.models import User
    from zhaoshang.accounts.tokens import issue_token

    return issue_token(user=User.objects.get(username="spb_admin"), name="schemathesis")[1]


@pytest.fixture(autouse=True)
def in_process_requests(db):
    """As Django's test client does: an in-process request must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


if schema is not None:

    @schema.parametrize()
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
        ],
    )
    def test_the_api_keeps_its_schema_and_never_fails(case, district_admin_token):
        case.call_and_validate(headers={"Authorization": f"Bearer {district_admin_token}"})

else:

    def test_the_api_schema_loads():
        pytest.fail(f"/api/openapi.json could not be loaded: {LOAD_ERROR!r}")
