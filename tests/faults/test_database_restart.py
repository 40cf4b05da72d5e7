"""PostgreSQL stops and restarts: requests answer at once 503 with Retry-After (problem+json
under /api/, the Vietnamese outage page elsewhere), never a bare 500, and the first requests
after the restart succeed."""

import json
import time

from bench.fault_harness import get, wait_until
from bench.mixed_load import Load, demo_paths
from library_cms.config import DATABASE_CONNECT_TIMEOUT as CONNECT_TIMEOUT


def timed_get(url):
    """``(status, headers, body, seconds)`` of a GET."""
    started = time.monotonic()
    return *get(url), time.monotonic() - started


def test_database_down_answers_503_with_retry_after(faults):
    site, postgres = faults.site, faults.postgres
    postgres.stop()
    try:
        status, headers, body, seconds = timed_get(site.base + "/api/v3/hours/")
        assert status == 503 and headers["Retry-After"].isdigit()
        assert headers["Content-Type"] == "application/problem+json"
        assert json.loads(body)["status"] == 503 and json.loads(body)["detail"]
        assert seconds < CONNECT_TIMEOUT - 1  # at once, not after a connection timeout
        status, headers, body, seconds = timed_get(site.base + "/tin-tuc/")
        assert status == 503 and headers["Retry-After"].isdigit()
        html = body.decode()
        assert '<html lang="vi">' in html and "Trang web tạm thời gián đoạn" in html
        assert "/static/css/site." in html  # the site's design
        assert seconds < CONNECT_TIMEOUT - 1
    finally:
        postgres.start()
    for path in ("/", "/api/v3/hours/", "/tin-tuc/"):  # the first requests after the restart
        assert get(site.base + path)[0] == 200, path


def test_database_restart_under_load_answers_only_503_meanwhile_and_200_after(faults):
    site, postgres = faults.site, faults.postgres
    load = Load(site.base, demo_paths(site.base), clients=8)
    load.start()
    try:
        time.sleep(3)
        down = time.monotonic()
        postgres.stop()
        time.sleep(2.5)  # a restart as an operator's takes (2.5-3.3 s)
        postgres.start()
        up = time.monotonic()
        wait_until(lambda: len(load.between(up, time.monotonic())) >= 16, 60, "16 answers after")
    finally:
        load.stop()
    during = load.between(down, up)
    after = load.between(up, time.monotonic())
    print(f"\nrestart {up - down:.1f} s: {sorted(s.status for s in during)}")
    assert 503 in {s.status for s in during}  # the outage was seen
    assert {s.status for s in load.samples} <= {200, 503}, sorted(s.status for s in during)
    assert all(s.retry_after.isdigit() for s in load.samples if s.status == 503)
    assert {s.status for s in after} == {200}
