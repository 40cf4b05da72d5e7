"""OPAC search latency on a three-node search cluster next to a single node, and the cluster's
import throughput: the same N synthetic MARC records (``bench/opac/generate_marc.py``) imported
with ``manage.py import_marc`` into a fresh site on each, then the OPAC API's searches through
gunicorn (``ROUNDS`` each, one at a time). Prints one Markdown table.

    .venv/bin/python bench/search_cluster.py               # N=100000, ROUNDS=50
    N=1000000 ROUNDS=50 .venv/bin/python bench/search_cluster.py
    SMOKE=1 .venv/bin/python bench/search_cluster.py       # 300 records, 3 rounds: a minute or two

The searches start right after ``import_marc`` returns, while the engine still merges the
segments it wrote (the index "as imported"); ``WAIT_MERGE=1`` imports with ``--wait-merge``
instead (the throughput then includes the merge, the searches see the merged index).

Everything is the run's own (``bench/fault_harness.py``, ``bench/search_cluster_harness.py``): a
PostgreSQL, a single node (2 GiB heap unless ``SEARCH_HEAP``) and the cluster (three nodes,
the same heap each, ``SEARCH_REPLICAS=1``), one after the other, each stopped after its turn.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench.fault_harness import Engine, Postgres, Site, get  # noqa: E402
from bench.mixed_load import percentile  # noqa: E402
from bench.opac import generate_marc  # noqa: E402
from bench.search_cluster_harness import SearchCluster  # noqa: E402

SMOKE = os.environ.get("SMOKE") == "1"
N = int(os.environ.get("N", "300" if SMOKE else "100000"))
ROUNDS = int(os.environ.get("ROUNDS", "3" if SMOKE else "50"))
HEAP = os.environ.get("SEARCH_HEAP", "384m" if SMOKE else "2g")
WAIT_MERGE = ["--wait-merge"] if os.environ.get("WAIT_MERGE") == "1" else []
QUERIES = ["lịch sử Quảng Ninh", "lich su quang ninh", "sach", "ha long du lich",
           '"nuôi trồng thuỷ sản"', "than da OR thuy san NOT giao trinh"]


def measure(name, engine, url, replicas, postgres, records):
    """Import ``records`` into a fresh site on ``engine``; ``(records/s, [latencies])``."""
    postgres.create_database(name)
    site = Site(postgres.url(name), url, env={"SEARCH_REPLICAS": str(replicas)})
    try:
        engine.start()
        site.prepare()
        started = time.monotonic()
        site.manage("import_marc", str(records), *WAIT_MERGE, timeout=3600)
        rate = N / (time.monotonic() - started)
        site.serve()
        times = []
        for query in QUERIES:
            path = f"/api/v3/opac/search?q={quote(query)}"
            get(site.base + path, 60)  # warm-up
            for _ in range(ROUNDS):
                started = time.monotonic()
                status, _headers, body = get(site.base + path, 60)
                times.append(time.monotonic() - started)
                if status != 200 or b'"fallback": true' in body or b'"fallback":true' in body:
                    raise RuntimeError(f"{name}: {path} answered {status} or from the database")
        return rate, times
    finally:
        site.cleanup()
        engine.cleanup()


def main():
    postgres = Postgres()
    try:
        postgres.start()
        records = Path(postgres.dir) / f"records-{N}.mrc"
        generate_marc.main(N, str(records))
        rows = []
        for name, engine, replicas in (("single", Engine(heap=HEAP), 0),
                                       ("cluster", SearchCluster(heap=HEAP), 1)):
            rate, times = measure(name, engine, engine.url, replicas, postgres, records)
            rows.append(f"| {name} | {N} | {rate:.0f} | {statistics.median(times) * 1000:.0f} "
                        f"| {percentile(times, 0.95) * 1000:.0f} | {len(times)} |")
        print("| engine | records | import records/s | OPAC p50 ms | OPAC p95 ms | searches |")
        print("| --- | --- | --- | --- | --- | --- |")
        print("\n".join(rows))
    finally:
        postgres.cleanup()


if __name__ == "__main__":
    sys.exit(main())
