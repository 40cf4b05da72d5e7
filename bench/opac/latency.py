"""OPAC latency through HTTP vs. the same queries sent straight to the engine.

    bench/opac/latency.sh            (starts gunicorn on the bench database and engine)

For each query of a fixed mix (keyword, unaccented, fielded, boolean, phrase, faceted/limited,
sorted, deep page) it sends ROUNDS requests, one at a time over a kept-alive connection, to
``/api/v3/opac/search`` and, with the very request bodies the OPAC builds, to the engine's
``_msearch`` (page and facets); then autocomplete prefixes the same way (``_search``).
``latency.sh`` turns the engine's shard request cache off first (``REQUEST_CACHE=1`` keeps it):
the facet request has ``size: 0``, which that cache would answer after the first round.
Prints p50/p95/p99 (ms) and the ratios.

``CONCURRENCY=N`` (4, 8…) measures readers at once instead: N clients, each on its own
kept-alive connection, send the mix (then the prefixes) ROUNDS times each, all together;
prints p50/p95/p99 over every request, each request's median and the requests/s of the whole.
"""

import http.client
import json
import os
import statistics
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit

import django

django.setup()

from catalogue.index import alias_name  # noqa: E402
from catalogue.opac import engine_query  # noqa: E402
from catalogue.opac.params import parse_params  # noqa: E402
from catalogue.opac.search import AUTOCOMPLETE_SIZE  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "50"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "0"))
MIX = [
    {"q": "lịch sử Quảng Ninh"},
    {"q": "lich su quang ninh"},
    {"q": "sach"},
    {"q": "ha long du lich"},
    {"q": "văn hoá dân gian", "sort": "year_desc"},
    {"q": '"nuôi trồng thuỷ sản"'},
    {"q": "than da OR thuy san NOT giao trinh"},
    {"author": "Nguyễn Văn An"},
    {"title": "giao trinh", "subject": "Kinh tế"},
    {"q": "kinh te", "language": "vie", "year_from": "2000", "year_to": "2010"},
    {"q": "thuy san", "branch": "Chi nhánh Hạ Long", "available": "1"},
    {"q": "history", "language": "eng", "sort": "title"},
    {"q": "tre em", "page": "5"},
    # the other spelling (kĩ/Kỹ, thủy/thuỷ); one word no record holds (best-partial matches:
    # the OPAC sends a second request, and asks for "did you mean", which the engine column
    # does not count)
    {"q": "kĩ thuật nuôi trồng thủy sản"},
    {"q": "lịch sử Quảng Ninh xưaa"},
]
PREFIXES = ["lic", "lich s", "ha lo", "giao tr", "nguy", "van hoa d", "tu di", "hist"]


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda p: ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]  # noqa: E731
    return statistics.median(ordered), pick(95), pick(99)


def timed(connection, method, path, body=None):
    headers = {"Content-Type": "application/json"} if body else {}
    start = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != 200:
        sys.exit(f"{method} {path} → {response.status}: {data[:300]!r}")
    return elapsed


def run(opac, engine, requests):
    """``requests``: [(opac path, engine path, engine body)]; return (opac ms, engine ms).

    Also prints each request's median over the rounds, OPAC and engine.
    """
    for path, engine_path, body in requests:  # warm-up: caches, connections, JIT
        timed(opac, "GET", path)
        timed(engine, "POST", engine_path, body)
    per_request = {path: ([], []) for path, _e, _b in requests}
    for _round in range(ROUNDS):
        for path, engine_path, body in requests:
            per_request[path][0].append(timed(opac, "GET", path))
            per_request[path][1].append(timed(engine, "POST", engine_path, body))
    for path, (o, e) in per_request.items():
        print(f"    {statistics.median(o):6.1f} / {statistics.median(e):6.1f} ms  {path}")
    return ([ms for o, _e in per_request.values() for ms in o],
            [ms for _o, e in per_request.values() for ms in e])


def report(name, opac_ms, engine_ms):
    o, e = percentiles(opac_ms), percentiles(engine_ms)
    print(f"{name}: {len(opac_ms)} requests")
    print(f"  OPAC over HTTP  p50 {o[0]:6.1f}  p95 {o[1]:6.1f}  p99 {o[2]:6.1f} ms")
    print(f"  engine directly p50 {e[0]:6.1f}  p95 {e[1]:6.1f}  p99 {e[2]:6.1f} ms")
    print(f"  ratio OPAC/engine p50 {o[0] / e[0]:.2f}  p95 {o[1] / e[1]:.2f}  "
          f"p99 {o[2] / e[2]:.2f}")


def concurrent(server, name, paths):
    """``CONCURRENCY`` clients send ``paths`` ROUNDS times each, all at once."""
    by_path, failures = {path: [] for path in paths}, []

    def reader():
        connection = http.client.HTTPConnection(server.hostname, server.port)
        try:
            timed(connection, "GET", paths[0])  # its connection open before the clock starts
            start.wait()
            for _round in range(ROUNDS):
                for path in paths:
                    by_path[path].append(timed(connection, "GET", path))
        except BaseException as error:  # noqa: BLE001 -- reported below, the run fails
            failures.append(error)

    start = threading.Barrier(CONCURRENCY + 1)
    threads = [threading.Thread(target=reader) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if failures:
        sys.exit(f"{name}: {failures[0]}")
    samples = [ms for found in by_path.values() for ms in found]
    for path, found in by_path.items():
        print(f"    {statistics.median(found):6.1f} ms  {path}")
    p50, p95, p99 = percentiles(samples)
    print(f"{name}: {len(samples)} requests by {CONCURRENCY} clients at once in {seconds:.1f} s")
    print(f"  OPAC over HTTP  p50 {p50:6.1f}  p95 {p95:6.1f}  p99 {p99:6.1f} ms  "
          f"{len(samples) / seconds:6.1f} req/s")


def main():
    server = urlsplit(os.environ.get("OPAC_URL", "http://127.0.0.1:8765"))
    if CONCURRENCY:
        concurrent(server, "search mix", [f"/api/v3/opac/search?{urlencode(q)}" for q in MIX])
        concurrent(server, "autocomplete", [
            f"/api/v3/opac/autocomplete?{urlencode({'q': prefix})}" for prefix in PREFIXES])
        return
    search_url = urlsplit(os.environ["SEARCH_URL"].replace("opensearch", "http", 1))
    opac = http.client.HTTPConnection(server.hostname, server.port)
    engine = http.client.HTTPConnection(search_url.hostname, search_url.port)
    index = alias_name()
    searches = [
        (f"/api/v3/opac/search?{urlencode(query)}", f"/{index}/_msearch",
         "".join(f"{{}}\n{json.dumps(body)}\n"
                 for body in engine_query.search_bodies(parse_params(query))))
        for query in MIX
    ]
    report("search mix", *run(opac, engine, searches))
    completions = [
        (f"/api/v3/opac/autocomplete?{urlencode({'q': prefix})}", f"/{index}/_search",
         json.dumps(engine_query.autocomplete_body(prefix, AUTOCOMPLETE_SIZE)))
        for prefix in PREFIXES
    ]
    report("autocomplete", *run(opac, engine, completions))


if __name__ == "__main__":
    main()
