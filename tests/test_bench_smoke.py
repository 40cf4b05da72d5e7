"""Every benchmark in ``bench/`` runs in its smoke mode (``SMOKE=1``: tiny sizes, seconds) and
prints its numbers, so that none can rot unnoticed.

Each runs as an operator would run it, in a process of its own, on scratch databases, an index
prefix and ports of this checkout's (``CHECKOUT_ID``, free ports), never the shared bench ones
(``library_bench``, port 9250); what they create is removed afterwards.
"""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from django.conf import settings

from bench.fault_harness import free_port
from search.engine import client

ROOT = Path(__file__).resolve().parent.parent
ID = settings.CHECKOUT_ID
NUMBER = r"\d+(\.\d+)?"


def scratch_url(name):
    """``DATABASE_URL`` with the database ``name`` (on the same PostgreSQL server)."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(name):
    parts = urlsplit(os.environ["DATABASE_URL"])
    connection = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, dbname="postgres",
                                  user=parts.username, password=parts.password)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def run(command, timeout=240, **env):
    """Run ``command`` from the checkout with ``SMOKE=1`` and ``env``; return its output."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DJANGO_SETTINGS_MODULE", "TEST_DATABASE_NAME")}
    environment.update(SMOKE="1", PYTHONPATH=str(ROOT), **env)
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=timeout, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{output[-3000:]}"
    return output


def printed(output, *patterns):
    for pattern in patterns:
        assert re.search(pattern, output), f"{pattern!r} not in:\n{output[-3000:]}"


@pytest.fixture
def scratch():
    """A scratch database name and index prefix of this checkout, dropped afterwards."""
    names = {"db": f"smoke_{ID}_bench", "prefix": f"smoke_{ID}_"}
    yield names
    drop_database(names["db"])
    client().indices.delete(index=f"{names['prefix']}*", ignore_unavailable=True)


def test_opac_import_latency_concurrency_and_sitemap(scratch):
    env = {"BENCH_DB_URL": scratch_url(scratch["db"]), "BENCH_SEARCH_URL": os.environ["SEARCH_URL"],
           "BENCH_INDEX_PREFIX": scratch["prefix"]}
    output = run(["bench/opac/import.sh"], **env)
    printed(output, rf"300 records in {NUMBER} s: \d+ records/s", r'"count":300',
            r"segments: 1\b", "đang được gộp")
    assert '"-1"' not in output and '"index.refresh_interval":"1s"' in output  # back on
    port = str(free_port())
    output = run(["bench/opac/latency.sh"], ROUNDS="2", OPAC_PORT=port, **env)
    printed(output, rf"search mix: \d+ requests\n  OPAC over HTTP  p50 +{NUMBER}  p95 +{NUMBER}",
            r"autocomplete: \d+ requests", rf"ratio OPAC/engine p50 {NUMBER}")
    output = run(["bench/opac/latency.sh"], ROUNDS="1", OPAC_PORT=port, CONCURRENCY="4",
                 WEB_THREADS="2", **env)
    printed(output, r"search mix: \d+ requests by 4 clients at once",
            rf"p99 +{NUMBER} ms +{NUMBER} req/s", r"autocomplete: \d+ requests by 4 clients")
    output = run([sys.executable, "bench/opac/sitemap_bench.py"], ROUNDS="1",
                 DJANGO_SETTINGS_MODULE="library_cms.settings.production", SECRET_KEY="smoke",
                 ALLOWED_HOSTS="127.0.0.1", DATABASE_URL=env["BENCH_DB_URL"], SEARCH_URL="")
    printed(output, r"records: 3300", rf"sitemap.xml: {NUMBER} ms", rf"Sách mới .*: {NUMBER} ms")


def test_sru_latency(scratch):
    output = run(["bench/sru/latency.sh"], BENCH_DB_URL=scratch_url(scratch["db"]),
                 SEARCH_PORT=urlsplit(os.environ["SEARCH_URL"]).port and str(
                     urlsplit(os.environ["SEARCH_URL"]).port),
                 SRU_SMOKE_PREFIX=scratch["prefix"], SRU_PORT=str(free_port()))
    printed(output, r'records in the index: \{"count":300', rf"p95 +{NUMBER}")


def test_oai_harvest(scratch):
    output = run(["bench/oai/harvest.sh"], OAI_SMOKE_DB=scratch["db"],
                 PORT_HTTP=str(free_port()))
    printed(output, rf"300 records \(0 deleted\) in \d+ pages, {NUMBER} s: \d+ records/s",
            rf"page time ms: p50 {NUMBER}")


def test_engagement():
    output = run([sys.executable, "bench/engagement_bench.py"],
                 DJANGO_SETTINGS_MODULE="library_cms.settings.test")
    printed(output, r"votes: \d+/s on one thread, \d+/s on 2 threads")


def test_engine_cold_start():
    output = run(["bench/engine_start.sh"], ENGINE_START_PORT=str(free_port()))
    printed(output, rf"run 1: cold start {NUMBER} s, RSS \d+ MiB", r"median cold start")


def test_mixed_load_with_its_own_postgres_and_engine():
    output = run([sys.executable, "bench/mixed_load.py"], timeout=400)
    printed(output, rf"\| before, all \| \d+ \| {NUMBER} \|", r"\| after")


def test_api_throughput():
    output = run([sys.executable, "bench/api_throughput.py"])
    row = rf" \| {NUMBER} \| {NUMBER} \| {NUMBER} \| {NUMBER} \| {NUMBER} \|"
    printed(output, r"\| v2 news list[^|]*" + row, r"\| v2 article detail[^|]*" + row,
            r"\| v3 news list[^|]*" + row, r"\| v3 article detail[^|]*" + row)
    for ours in ("v2 news list", "v2 article detail", "v3 article detail"):  # stock, same fields
        printed(output, rf"\| {ours}[^|]* vs stock v2, same fields" + row)
