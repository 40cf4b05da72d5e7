"""A three-node search cluster under a mixed read load through gunicorn: kill -9 a data node,
then the elected cluster manager. Every reader gets a 200 answered by the engine (the client
sends a request the dead node cannot take to another node, and the breaker does not trip),
``/healthz`` says the cluster is degraded, and an edit and an import made while a node is dead
are searchable once the cluster is whole again. With every node stopped, readers get the
database's answers, as with one node."""

import json
import time
from urllib.parse import quote

from bench.fault_harness import get, wait_until
from bench.mixed_load import Load, demo_paths
from catalogue.tests.marc_samples import marc_record, marcxml

CLIENTS = 4  # a bounded load: a 2-core machine shared with other work
PHASE = 6  # seconds of load with a node dead, after the writes

EDIT = """
from catalogue.models import Record
record = Record.objects.visible().order_by("pk").first()
record.title = record.title + " {word}"
record.save()
"""


def healthz(site):
    status, _headers, body = get(site.base + "/healthz", timeout=30)
    return json.loads(body) if status == 200 else {}


def engine_total(site, query):
    """How many records the OPAC's API finds for ``query``; fail when the database answered."""
    status, _headers, body = get(site.base + "/api/v3/opac/search?q=" + quote(query), timeout=30)
    assert status == 200, body[:300]
    answer = json.loads(body)
    assert answer["fallback"] is False
    return answer["total"]


def write_during_the_fault(site, word):
    """An edit (a record's title gets ``word``) and an import (a record titled ``word``)."""
    site.manage("shell", "-c", EDIT.format(word=word))
    path = site.work / f"{word}.xml"
    path.write_bytes(marcxml(marc_record(f"{word}-1", f"Sách {word}", year="2024")))
    site.manage("import_marc", str(path), "--processes", "1")


def degraded(site, nodes):
    """``/healthz`` once it reports ``nodes`` nodes (the last answer after 60 s)."""
    deadline = time.monotonic() + 60
    while (state := healthz(site)).get("cluster", {}).get("nodes") != nodes:
        if time.monotonic() > deadline:
            return state
        time.sleep(0.5)
    return state


def test_a_dead_node_then_a_dead_manager_cost_readers_nothing(cluster_site):
    site, cluster = cluster_site.site, cluster_site.cluster
    wait_until(lambda: healthz(site).get("search") == "ok", 120, "the site sees the cluster")
    assert healthz(site)["cluster"] == {"status": "green", "nodes": 3, "expected_nodes": 3}
    mix = [(kind, path) for kind, path in demo_paths(site.base) if path != "/healthz"]
    load = Load(site.base, mix, clients=CLIENTS)
    load.start()
    try:
        time.sleep(3)  # warm-up
        manager = cluster.manager()
        node = next(port for port in cluster.ports if port != manager)
        first_kill = time.monotonic()
        cluster.kill(node)  # a data node
        write_during_the_fault(site, "xyanode")
        health = degraded(site, 2)
        time.sleep(PHASE)
        cluster.start()  # the node back, the cluster green again
        alive = [port for port in cluster.ports if port != manager]
        cluster.kill(manager)
        new_manager = cluster.manager(alive)  # waits for the election
        write_during_the_fault(site, "xybmanager")
        manager_health = degraded(site, 2)
        time.sleep(PHASE)
        last_kill_end = time.monotonic()
    finally:
        load.stop()

    samples = load.between(first_kill, last_kill_end)
    statuses = sorted({s.status for s in load.samples})
    searches = [s for s in samples if s.kind == "search"]
    print(f"\n{len(samples)} requests while a node was dead, {len(searches)} searches; "
          f"manager {manager} -> {new_manager}")
    assert statuses == [200], [(s.path, s.status) for s in load.samples if s.status != 200][:5]
    assert len(searches) >= 10
    assert [s.path for s in searches if s.fallback] == []  # the engine answered every one
    assert new_manager in alive
    for state in (health, manager_health):
        assert state.get("search") == "degraded", state
        assert state["cluster"]["nodes"] == 2 and state["cluster"]["expected_nodes"] == 3
        assert state["cluster"]["status"] in {"yellow", "green"}

    cluster.start()  # whole again
    site.manage("flush_search_queue")  # what cron runs: updates the engine refused, replayed
    wait_until(lambda: healthz(site).get("search") == "ok", 120, "the cluster whole again")
    for word in ("xyanode", "xybmanager"):
        assert engine_total(site, word) == 2, word  # the edited record and the imported one


def test_every_node_stopped_readers_get_the_database(cluster_site):
    site, cluster = cluster_site.site, cluster_site.cluster
    searching = [(kind, path) for kind, path in demo_paths(site.base) if kind == "search"]
    cluster.stop()
    load = Load(site.base, searching, clients=CLIENTS)
    load.start()
    try:
        time.sleep(5)
    finally:
        load.stop()
    assert {s.status for s in load.samples} == {200}
    assert sum(s.fallback for s in load.samples) >= len(load.samples) // 2
    assert healthz(site)["search"] == "unavailable"
