"""kill -9 one app server under load: HAProxy's health check takes it out, and the only
requests lost are those it was serving at that moment (runs after the other cluster tests:
the instance stays dead)."""

import time

from bench.fault_harness import wait_until
from bench.mixed_load import Load, demo_paths
from tests.cluster.client import Client

CLIENTS = 6


def test_killing_one_instance_loses_only_the_requests_in_flight_on_it(cluster):
    mix = [(kind, path) for kind, path in demo_paths(cluster.base) if kind == "plain"]
    load = Load(cluster.base, mix, clients=CLIENTS)
    load.start()
    try:
        wait_until(lambda: len(load.samples) >= 30, 60, "30 answers before the kill")
        killed = time.monotonic()
        cluster.kill(2)
        wait_until(lambda: len(load.between(killed + 3, time.monotonic())) >= 30, 60,
                   "30 answers after the kill")
    finally:
        load.stop()
    failed = [s for s in load.samples if s.status != 200]
    in_flight = [s for s in load.samples if s.started <= killed <= s.started + s.seconds]
    print(f"\n{len(load.samples)} requests, {len(in_flight)} in flight at the kill, "
          f"failed: {[(s.path, s.status) for s in failed]}")
    assert len(load.between(killed, time.monotonic())) >= 30
    assert all(s in in_flight for s in failed), failed  # none started after the kill failed
    assert len(failed) <= CLIENTS
    assert {Client(cluster.base).get("/healthz").server for _ in range(4)} == {"app1"}
