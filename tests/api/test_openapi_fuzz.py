"""schemathesis over the whole of ``/api/v3/openapi.json``: every operation of every router
present (Wagtail's and the project apps'), a few examples each, on the demo content, once
anonymous and once with a moderator's bearer token (so writes get past authentication).

No request may end in a server error, and every response must match the schema it documents.
"""

import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api.conftest import bearer

MAX_EXAMPLES = 6



def takes_no_request(ctx):
    """Wagtail's placeholder for a router with nothing to serve (e.g. snippet revisions when no
    snippet keeps revisions): a path parameter whose only value is empty, which no URL carries."""
    return any(
        parameter["in"] == "path" and parameter.get("schema", {}).get("const") == ""
        for parameter in ctx.operation.definition.raw.get("parameters", [])
    )


schema = schemathesis.openapi.from_wsgi(
    "/api/v3/openapi.json", get_wsgi_application()
).exclude(func=takes_no_request)


@pytest.fixture
def keep_test_connection():
    """Requests made straight to the WSGI app must not close the test's transaction (Django's
    test client does the same)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def search_indexes(demo_content, django_db_blocker):
    """Every model's index in the search engine (documents have none until one is indexed)."""
    with django_db_blocker.unblock():
        call_command("update_index", stdout=io.StringIO())


@pytest.fixture(params=["anonymous", "moderator"])
def caller(request):
    """Headers of the caller: none, or a bearer token of a user who may publish pages."""
    if request.param == "anonymous":
        return {}
    return bearer(request.getfixturevalue("moderator"))


@pytest.mark.usefixtures("demo", "search_indexes", "keep_test_connection")
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_responses_match_the_schema(case, caller):
    case.call_and_validate(
        headers=caller, checks=[not_a_server_error, response_schema_conformance]
    )
