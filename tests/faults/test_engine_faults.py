"""The engine hangs (SIGSTOP) or dies (SIGKILL) under a mixed load through gunicorn: pages that
never search keep their latency, searches fall back to the database within the readers' short
timeout, nothing answers 5xx, and the log says once that the engine is down and once that it is
back."""

import time

from bench.mixed_load import Load, demo_paths, summary
from tests.faults.conftest import READER_TIMEOUT, RETRY_AFTER

CLIENTS = 4  # a bounded load: a 2-core machine shared with other work


def phase(seconds):
    """``(start, end)`` of a phase of ``seconds`` of the running load."""
    start = time.monotonic()
    time.sleep(seconds)
    return start, time.monotonic()


def test_a_hung_engine_costs_searches_one_short_timeout_and_other_pages_nothing(faults):
    site, engine = faults.site, faults.engine
    log_before = site.log_text()
    load = Load(site.base, demo_paths(site.base), clients=CLIENTS)
    load.start()
    try:
        time.sleep(2)  # warm-up
        before = phase(8)
        engine.pause()
        hung = phase(8)
    finally:
        engine.resume()
    after = phase(RETRY_AFTER + 4)  # the probe finds the engine back
    load.stop()

    plain_before, plain_hung = (summary(load.between(*when, "plain"), 8) for when in (before, hung))
    search_before, search_hung = (summary(load.between(*when, "search"), 8)
                                  for when in (before, hung))
    print(f"\nplain before {plain_before}\nplain hung {plain_hung}\n"
          f"search before {search_before}\nsearch hung {search_hung}")
    # pages that never search keep their throughput and latency
    assert plain_hung["per_second"] >= plain_before["per_second"] / 2
    assert plain_hung["p95"] <= 2 * plain_before["p95"] + 0.1
    assert search_hung["requests"] >= 6
    # a search waits the engine once (SEARCH_READER_TIMEOUT), then the database answers at once
    assert search_hung["p50"] <= search_before["p95"] + 0.5
    assert search_hung["max"] <= max(plain_before["p95"], search_before["p95"]) + READER_TIMEOUT + 1
    assert search_hung["fallback"] >= search_hung["requests"] // 2  # the database answered
    assert {s.status for s in load.samples} == {200}
    assert summary(load.between(after[1] - 2, after[1], "search"), 2)["fallback"] == 0

    # once per outage (a worker's engine request that timed out under the load of the
    # machine, before the pause, is an outage of its own), not once per request
    log = site.log_text()[len(log_before):]
    assert 1 <= log.count("is down (") == log.count("is back") <= 2, log[-3000:]
    assert "Traceback" not in log, log[-3000:]


def test_an_engine_killed_under_load_answers_no_5xx(faults):
    site, engine = faults.site, faults.engine
    searching = [(kind, path) for kind, path in demo_paths(site.base) if kind == "search"]
    load = Load(site.base, searching, clients=8)
    load.start()
    try:
        time.sleep(3)
        engine.kill()
        time.sleep(5)
    finally:
        load.stop()
        engine.start()  # a new node on the same data: the indexes are kept
    statuses = [s.status for s in load.samples]
    assert len(statuses) > 30 and set(statuses) == {200}, sorted(set(statuses))
    assert any(s.fallback for s in load.samples)
