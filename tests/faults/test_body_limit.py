"""A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB) sent to gunicorn: the client reads a
413 with a message, rather than a 400 and a connection reset while it is still sending."""

import http.client
import json


def post(site, path, body, content_type):
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    try:
        connection.request("POST", path, body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        connection.close()


def test_a_body_over_the_limit_is_answered_413(faults):
    big = "a" * (3 * 1024 * 1024)
    status, content_type, body = post(faults.site, "/api/v3/polls/1/vote",
                                      json.dumps({"choice": 1, "x": big}), "application/json")
    assert status == 413 and content_type == "application/problem+json"
    assert "quá lớn" in json.loads(body)["detail"]
    status, _content_type, body = post(faults.site, "/binh-chon/1/", f"choice=1&next={big}",
                                       "application/x-www-form-urlencoded")
    assert status == 413 and "quá lớn" in body.decode()
