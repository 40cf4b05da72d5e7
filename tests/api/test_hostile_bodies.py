"""Hostile request bodies get a 4xx with a clear message, never a 500: JSON nested deeper than
Python's parsers recurse on every v3 write route (and the poll vote), whatever the body's
declared type, and a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413)."""

import json

import pytest

from tests.api.conftest import bearer

NESTED = "[" * 1000 + "]" * 1000  # 2 KB: RecursionError in json.loads
DEEP_OBJECT = '{"a":' * 100 + "1" + "}" * 100  # parses, but nests 100 levels


def write_routes(client):
    """``(method, path)`` of every v3 write operation, path parameters set to 1."""
    schema = client.get("/api/v3/openapi.json").json()
    routes = []
    for path, operations in schema["paths"].items():
        for method in operations:
            if method in ("post", "put", "patch", "delete"):
                concrete = "/".join("1" if part.startswith("{") else part
                                    for part in path.split("/"))
                routes.append((method, concrete))
    return routes


def assert_refused(response, status, words):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert words in response.json()["detail"]


def test_every_write_route_refuses_deeply_nested_json(client, moderator):
    routes = write_routes(client)
    assert ("post", "/api/v3/pages/") in routes and ("post", "/api/v3/polls/1/vote") in routes
    headers = bearer(moderator)
    for method, path in routes:
        for body in (NESTED, DEEP_OBJECT):
            response = getattr(client, method)(path, body, content_type="application/json",
                                               headers=headers)
            assert_refused(response, 400, "lồng nhau quá sâu")
    # django-ninja reads a body as JSON whatever its declared type
    response = client.post("/api/v3/pages/", NESTED, content_type="text/plain", headers=headers)
    assert_refused(response, 400, "lồng nhau quá sâu")


def test_a_body_of_ordinary_depth_still_reaches_the_route(client, db):
    response = client.post("/api/v3/polls/999/vote", json.dumps({"choice": 1}),
                           content_type="application/json")
    assert response.status_code == 404  # the route answered: no such poll


@pytest.mark.parametrize("path", ["/api/v3/polls/1/vote", "/api/v3/pages/"])
def test_a_body_over_the_size_limit_is_413(client, settings, path):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(path, json.dumps({"choice": 1, "x": "a" * 2000}),
                           content_type="application/json")
    assert_refused(response, 413, "quá lớn")


def test_a_form_over_the_size_limit_is_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/binh-chon/1/", {"choice": "1", "next": "a" * 2000})
    assert response.status_code == 413 and "quá lớn" in response.content.decode()
