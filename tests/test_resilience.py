"""Request-level faults in-process: the database-outage answer (rendered without a query) and
the middleware that gives it; the 413 of a body too big. ``tests/faults/`` stops and restarts a
real PostgreSQL under gunicorn."""

import pytest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse

from library_cms.resilience import DatabaseOutageMiddleware, outage_response


def failing(error):
    def get_response(request):
        raise error

    return get_response


def test_the_outage_page_is_the_sites_design_in_vietnamese_without_the_database(rf):
    response = outage_response(rf.get("/tin-tuc/?trang=2"))  # no db fixture: a query would fail
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert '<html lang="vi">' in html and "Trang web tạm thời gián đoạn" in html
    assert 'class="site-header"' in html and "/static/css/site.css" in html
    assert "Thư viện tỉnh Quảng Ninh" in html and 'href="/tin-tuc/?trang=2"' in html


def test_the_api_outage_answer_is_problem_json(rf):
    response = outage_response(rf.get("/api/v3/hours/"))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response["Content-Type"] == "application/problem+json"
    assert "Cơ sở dữ liệu tạm thời không truy cập được" in response.content.decode()


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"),
                                   InterfaceError("connection already closed")])
def test_the_middleware_answers_503_for_a_lost_database(rf, error):
    middleware = DatabaseOutageMiddleware(failing(error))
    assert middleware(rf.get("/")).status_code == 503
    assert middleware.process_exception(rf.get("/api/v2/pages/"), error).status_code == 503


def test_the_middleware_leaves_other_errors_and_answers_alone(rf):
    with pytest.raises(ValueError):
        DatabaseOutageMiddleware(failing(ValueError("bug")))(rf.get("/"))
    assert DatabaseOutageMiddleware(failing(ValueError()),).process_exception(
        rf.get("/"), ValueError()) is None
    ok = DatabaseOutageMiddleware(lambda request: HttpResponse("ok"))(rf.get("/"))
    assert ok.status_code == 200
