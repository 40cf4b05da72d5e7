"""The catalogue's own index in the search engine: bulk updates, updates after a commit, rebuild.

Wagtail's per-object indexing is far too slow for a million records, so the catalogue is indexed
in bulk, into an index behind an alias (``<prefix>catalogue``) that a rebuild swaps atomically.
What goes into the index is defined in :mod:`catalogue.documents`; every request goes through
:mod:`search.engine`.
"""

import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy

from django.db import transaction
from django.utils import timezone

from catalogue.documents import SCHEMA_VERSION, document, index_body
from catalogue.models import Holding, Record
from search import queue
from search.engine import (
    EngineUnavailable,
    alias_exists,
    bulk,
    bulk_ndjson,
    call,
    client,
    create_index,
    index_name,
    mappings_behind,
    outage_errors,
    refresh_index,
    swap_alias,
)

logger = logging.getLogger(__name__)
BULK_CHUNK = 2000
MERGE_TIMEOUT = 1800  # seconds; merging a million records' index takes minutes
# A rebuilt index, and one a large import leaves (catalogue.bulk_load), is merged into this
# many segments per shard: one answers the OPAC fastest under concurrent readers, as fast alone
# (bench/RESULTS.md, issue 18: 1M records, 4 readers' p95 56.8 ms on two segments, 50.2 on one).
MERGED_SEGMENTS = 1
# Without SEARCH_SHARDS, a rebuilt index has one shard per this many records (at least one; about
# 2.5 GB of index): one shard answers concurrent readers faster than two on a small server (1M
# records on 2 cores, 4 readers: p95 49.4 ms on one shard, 54.4 on two, 17 % more searches/s);
# SEARCH_SHARDS spreads a big catalogue over a cluster.
RECORDS_PER_SHARD = 5_000_000
CHECK_SCHEMA_EVERY = 60  # seconds a current index is trusted before its mapping is read again
RECORD_LABEL = "catalogue.record"


def alias_name():
    """The alias readers' searches go through (the index behind it changes on rebuild)."""
    return index_name("catalogue")


_trusted_until = {}


def index_state(es):
    """``"ok"``, ``"missing"`` (no alias) or ``"outdated"`` (an index behind the alias has
    another mapping than the code's)."""
    alias = alias_name()
    if not alias_exists(es, alias):
        return "missing"
    current = all(
        mappings.get("_meta", {}).get("schema_version") == SCHEMA_VERSION
        for mappings in mappings_behind(es, alias).values()
    )
    return "ok" if current else "outdated"


def index_is_current(es):
    """Whether the alias exists and every index behind it has the current mapping."""
    return index_state(es) == "ok"


def search_client():
    """The client for searches; raise :class:`EngineUnavailable` while the index is missing or
    older than the code (so readers get the database search, not wrong answers)."""
    es = client()
    alias = alias_name()
    if _trusted_until.get(alias, 0) > time.monotonic():
        return es
    if not index_is_current(es):
        logger.warning("The catalogue index %s is missing or outdated: run reindex_catalogue",
                       alias)
        raise EngineUnavailable("outdated-index")
    _trusted_until[alias] = time.monotonic() + CHECK_SCHEMA_EVERY
    return es


def ensure_index(es=None):
    """Create the index and its alias when they do not exist yet."""
    es = es or client()
    if not alias_exists(es, alias_name()):
        name = f"{alias_name()}_{time.time_ns()}"
        create_index(es, name, index_body())
        call(es, "indices.put_alias", index=name, name=alias_name())


def _actions(records, holdings_by_record, index):
    for record in records:
        yield {
            "_op_type": "index", "_index": index, "_id": str(record.pk),
            "_source": document(record, holdings_by_record.get(record.pk, [])),
        }


def holdings_of(record_ids):
    """``{record id: [holdings]}`` in one query."""
    grouped = {}
    for holding in Holding.objects.filter(record_id__in=record_ids).only(
        "record_id", "status", "branch"
    ):
        grouped.setdefault(holding.record_id, []).append(holding)
    return grouped


def send(records, holdings_by_record, index=None, refresh=False):
    """Index ``records`` (model instances with pks) with their holdings; raise when it fails."""
    es = client()
    if index is None:
        ensure_index(es)
    return bulk(
        es, _actions(records, holdings_by_record, index or alias_name()),
        chunk_size=BULK_CHUNK, refresh=refresh,
    )


def send_documents(documents):
    """Index ``[(pk, document as JSON text)]`` as they are; raise when it fails."""
    if not documents:
        return
    es = client()
    ensure_index(es)
    body = "".join(f'{{"index":{{"_id":"{pk}"}}}}\n{source}\n' for pk, source in documents)
    bulk_ndjson(es, alias_name(), body)


def index_records(queryset, refresh=False):
    """Index the records of ``queryset`` (reading their holdings); withdrawn ones are left out."""
    records = list(queryset.visible().select_related("cover"))
    return send(records, holdings_of([r.pk for r in records]), refresh=refresh)


def index_or_remove(pks):
    """Index these records as the database holds them now; remove the withdrawn or deleted."""
    pks = [int(pk) for pk in pks]  # the retry queue keeps them as text
    shown = {record.pk for record in Record.objects.visible().filter(pk__in=pks).only("pk")}
    if shown:
        index_records(Record.objects.filter(pk__in=shown))
    if gone := [pk for pk in pks if pk not in shown]:
        delete_records(gone)


def delete_records(pks):
    """Remove records from the index (missing ones are fine)."""
    es = client()
    ensure_index(es)
    actions = ({"_op_type": "delete", "_index": alias_name(), "_id": str(pk)} for pk in pks)
    bulk(es, actions, raise_on_error=False)


def queue_failed(pks, action):
    """Remember records whose index update failed, for ``flush_search_queue``."""
    queue.remember_many(RECORD_LABEL, pks, action)


def replay_index_update(pk, action):
    """Send a queued index update again (``flush_search_queue``, through the search queue)."""
    if action == "delete":
        delete_records([pk])
    else:
        index_or_remove([pk])


class _PendingIndex(threading.local):
    """Records to index once the current transaction commits (one set per thread)."""

    def __init__(self):
        self.pks = set()


_pending_index = _PendingIndex()


def update_after_commit(pks, action="index"):
    """Index (or delete) records once the transaction commits; queue them if the engine fails.

    The records to index in one transaction go in one request: a record saved with its holdings
    (the admin's form) is indexed once, after the last of them, with what the database holds
    then. Deletes are sent as asked.
    """
    pks = list(pks)
    if action == "index":
        _pending_index.pks.update(pks)
    transaction.on_commit(lambda: _run_update(pks, action))


def _run_update(pks, action):
    if action == "index":  # the first callback of the transaction sends them all
        pks, _pending_index.pks = list(_pending_index.pks), set()
        if not pks:
            return
    try:
        if action == "delete":
            delete_records(pks)
        else:
            index_or_remove(pks)
    except EngineUnavailable:
        return
    except outage_errors():  # the breaker has logged the outage once
        queue_failed(pks, action)
    except Exception:
        logger.warning("Catalogue index update failed; queued", exc_info=True)
        queue_failed(pks, action)


def shards_by_size():
    """One shard per :data:`RECORDS_PER_SHARD` visible records, at least one."""
    return max(1, math.ceil(Record.objects.visible().count() / RECORDS_PER_SHARD))


def rebuild(progress=None):
    """Index every record into a new index, then swap the alias to it; return the count.

    Updates queued before the rebuild started are in it, so they leave the retry queue.
    """
    started = timezone.now()
    es = client()
    body = index_body()
    live = deepcopy(body["settings"].get("index", {}))
    body["settings"].setdefault("index", {}).update(refresh_interval="-1", number_of_replicas=0)
    body["settings"]["index"].setdefault("number_of_shards", shards_by_size())
    name = f"{alias_name()}_{time.time_ns()}"
    create_index(es, name, body)
    count, last = 0, 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        while True:
            records = list(Record.objects.visible().filter(pk__gt=last).order_by("pk")
                           .select_related("cover").defer("marcxml", "search_text")
                           [:BULK_CHUNK * 5])
            if not records:
                break
            last = records[-1].pk
            holdings = holdings_of([r.pk for r in records])
            if pending:
                pending.result()
            pending = pool.submit(send, records, holdings, name)
            count += len(records)
            if progress:
                progress(count)
        if pending:
            pending.result()
    call(es, "indices.put_settings", {"index": {
        "refresh_interval": live.get("refresh_interval", "1s"),
        "number_of_replicas": live.get("number_of_replicas", 1),
    }}, body_name="settings", index=name)
    refresh_index(es, name)
    # A rebuilt index is read, not written: few, big segments answer queries fastest.
    call(es, "indices.forcemerge", index=name, max_num_segments=MERGED_SEGMENTS,
         timeout=MERGE_TIMEOUT)
    swap_alias(es, alias_name(), name)
    queue.forget(RECORD_LABEL, queued_before=started)
    return count
