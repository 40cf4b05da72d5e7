"""A mixed load on the site while the search engine hangs: throughput and p50/p95 per phase.

``CLIENTS`` clients (8) request, round-robin from their own place in the list, pages that never
search (home, news, an article, API lists, opening hours) and pages that do (site search,
OPAC, autocomplete, API page search, ``/healthz``), against gunicorn (``WORKERS``: 3) with the
production settings, a PostgreSQL and an OpenSearch node of the run's own
(``bench/fault_harness.py``). After a warm-up, phases of ``PHASE_SECONDS`` (20) each: **before**;
**engine hung** (the node SIGSTOPped); **after** (SIGCONT). One Markdown table row per phase and
kind.

    .venv/bin/python bench/mixed_load.py                 # this checkout
    CHECKOUT=/path/to/older/checkout .venv/bin/python bench/mixed_load.py
    SMOKE=1 .venv/bin/python bench/mixed_load.py         # 2 s phases, 2 clients: seconds

Only the standard library and HTTP: the checkout measured is driven through its own
``manage.py``, scripts and gunicorn, so an older checkout (without this script's helpers in its
code) is measured the same way.
"""

import json
import os
import statistics
import sys
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench.fault_harness import Engine, Postgres, Site, get, wait_until  # noqa: E402

PLAIN = ["/", "/tin-tuc/", "{article}", "/api/v2/pages/?type=articles.ArticlePage&fields=*",
         "/api/v3/hours/", "/api/v2/pages/{article_id}/"]
SEARCHING = ["/search/?q=thư viện", "/opac/?q=lịch sử", "/api/v3/opac/autocomplete?q=lich",
             "/api/v2/pages/?search=sách", "/healthz"]
FALLBACK_MARKS = ("Máy tìm kiếm đang bảo trì".encode(), b'"fallback": true', b'"fallback":true')


@dataclass
class Sample:
    """One request: when it started, its kind ("plain"/"search"), status (0: no answer), time."""

    started: float
    kind: str
    path: str
    status: int
    seconds: float
    fallback: bool
    retry_after: str = ""


def demo_paths(base):
    """The mix's paths, with a demo article's path and id filled in."""
    _status, _headers, body = get(
        base + "/api/v2/pages/?type=articles.ArticlePage&limit=1", timeout=60)
    item = json.loads(body)["items"][0]
    fill = {"article": item["meta"]["html_url"].split("://", 1)[1].split("/", 1)[1],
            "article_id": item["id"]}
    plain = [path.format(**fill) for path in PLAIN]
    plain = [path if path.startswith("/") else "/" + path for path in plain]
    return [("plain", path) for path in plain] + [("search", path) for path in SEARCHING]


class Load:
    """``clients`` threads requesting ``mix`` (``[(kind, path)]``) until :meth:`stop`."""

    def __init__(self, base, mix, clients=8, timeout=30):
        self.base, self.mix, self.clients, self.timeout = base, mix, clients, timeout
        self.samples = []
        self.running = False
        self.threads = []
        self.lock = threading.Lock()

    def start(self):
        self.running = True
        self.threads = [threading.Thread(target=self._client, args=(n,), daemon=True)
                        for n in range(self.clients)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(self.timeout + 5)

    def _client(self, number):
        turn = number * 3  # the clients start at different places in the mix
        while self.running:
            kind, path = self.mix[turn % len(self.mix)]
            turn += 1
            started = time.monotonic()
            status, headers, body = get(self.base + quote(path, safe="/?=&*-.:"), self.timeout)
            fallback = bool(headers.get("Search-Fallback")) or any(
                mark in body for mark in FALLBACK_MARKS)
            sample = Sample(started, kind, path, status, time.monotonic() - started, fallback,
                            headers.get("Retry-After", ""))
            with self.lock:
                self.samples.append(sample)

    def between(self, start, end, kind=None):
        """The samples started in ``[start, end)`` (of ``kind``)."""
        return [s for s in list(self.samples)
                if start <= s.started < end and (kind is None or s.kind == kind)]


def percentile(values, fraction):
    """The ``fraction`` percentile (nearest rank) of ``values``; 0 when there are none."""
    values = sorted(values)
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else 0.0


def summary(samples, seconds):
    """Throughput and latencies of ``samples`` over ``seconds``."""
    times = [s.seconds for s in samples]
    return {
        "requests": len(samples), "per_second": len(samples) / seconds if seconds else 0,
        "p50": statistics.median(times) if times else 0.0, "p95": percentile(times, 0.95),
        "max": max(times, default=0.0),
        "errors": sum(1 for s in samples if s.status == 0 or s.status >= 500),
        "fallback": sum(1 for s in samples if s.fallback),
    }


def run_phases(site, engine, seconds, clients):
    """The three phases over ``site``; ``{phase: {kind: summary}}``."""
    load = Load(site.base, demo_paths(site.base), clients=clients)
    load.start()
    marks = {}
    try:
        # warm-up, not measured: every path answered once (a worker's first pages are slow)
        wait_until(lambda: len(load.samples) >= len(load.mix), 300, "the warm-up")
        time.sleep(max(3.0, seconds / 4))
        for phase in ("before", "engine hung", "after"):
            if phase == "engine hung":
                engine.pause()
            elif phase == "after":
                engine.resume()
            marks[phase] = time.monotonic()
            time.sleep(seconds)
        end = time.monotonic()
    finally:
        engine.resume()
        load.stop()
    starts = [*marks.values(), end]
    return {phase: {kind: summary(load.between(starts[n], starts[n + 1], kind), seconds)
                    for kind in ("plain", "search", None)}
            for n, phase in enumerate(marks)}


def main():
    smoke = os.environ.get("SMOKE") == "1"
    seconds = float(os.environ.get("PHASE_SECONDS", "2" if smoke else "20"))
    clients = int(os.environ.get("CLIENTS", "2" if smoke else "8"))
    workers = int(os.environ.get("WORKERS", "3"))
    checkout = Path(os.environ.get("CHECKOUT", Path(__file__).resolve().parent.parent))
    with ExitStack() as cleanups:  # in reverse order, each even when another one failed
        postgres = Postgres()
        cleanups.callback(postgres.cleanup)
        engine = Engine(checkout)
        cleanups.callback(engine.cleanup)
        postgres.start()
        postgres.create_database("site")
        engine.start()
        site = Site(postgres.url("site"), engine.url, root=checkout, workers=workers)
        cleanups.callback(site.cleanup)
        site.prepare()
        site.serve()
        results = run_phases(site, engine, seconds, clients)
    print(f"| phase | requests | req/s | p50 (s) | p95 (s) | max (s) | 5xx/none | fallback |  "
          f"# {checkout.name}, {clients} clients, {workers} workers, {seconds:g} s phases, "
          f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for phase, kinds in results.items():
        for kind, row in kinds.items():
            print(f"| {phase}, {kind or 'all'} | {row['requests']} | {row['per_second']:.1f} | "
                  f"{row['p50']:.3f} | {row['p95']:.3f} | {row['max']:.2f} | {row['errors']} | "
                  f"{row['fallback']} |")


if __name__ == "__main__":
    main()
