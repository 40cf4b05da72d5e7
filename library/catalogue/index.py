"""The catalogue's own index in the search engine: mapping, documents, bulk updates, rebuild.

Wagtail's per-object indexing is far too slow for a million records, so the catalogue is indexed
in bulk with the engine's client, into an index behind an alias (``<prefix>catalogue``) that a
rebuild swaps atomically. Analysis comes from :mod:`search.analysis` through the Wagtail
backend's settings (folding ``default`` analyzer, edge n-grams for autocomplete).
"""

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy

from django.db import transaction
from django.utils import timezone

from library.catalogue.engine import (
    alias_name,
    bulk,
    bulk_ndjson,
    call,
    is_elasticsearch,
    search_backend,
)
from library.models.catalogue import Holding, HoldingStatus, Record
from search.analysis import AUTOCOMPLETE_MAPPING

logger = logging.getLogger(__name__)
BULK_CHUNK = 2000
MERGE_TIMEOUT = 1800  # seconds; merging a million records' index takes minutes
# A rebuilt index is merged to this many segments, searched side by side (one per core) with
# OpenSearch's concurrent segment search (2.17+) in requests that aggregate (facets).
MERGED_SEGMENTS = 2
CONCURRENT_SEARCH = {"search.concurrent_segment_search.mode": "auto"}
SORT_NORMALIZER = {"vi_sort": {"type": "custom", "filter": ["lowercase", "asciifolding"]}}
# Words exactly as written (lowercased, diacritics kept): an exact "sạch" ranks above "sách".
# Words folded only: the index keeps both "sách" and "sach" at one position, and "sach" is in
# every document "sách" is in, so a search matches on the folded words alone (half the postings
# to read); the words as written only rank (the rescore's ``.exact`` clause).
ANALYZERS = {
    "vi_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
    "vi_folded": {"type": "custom", "tokenizer": "standard",
                  "filter": ["lowercase", "asciifolding"]},
}
EXACT = {"exact": {"type": "text", "analyzer": "vi_exact"}}
TEXT = {"type": "text"}
KEYWORD = {"type": "keyword"}
SORTABLE = {"type": "keyword", "normalizer": "vi_sort"}
# Every field a keyword search looks in is also copied into ``keywords``: the OPAC matches a
# keyword search on that one field (see library.opac.engine_query).
KEYWORDS = {"copy_to": "keywords"}
# Raised when the mapping changes in a way an older index cannot answer (new fields the OPAC
# queries): searches then use the database until ``reindex_catalogue`` rebuilds the index.
SCHEMA_VERSION = 2
CHECK_SCHEMA_EVERY = 60  # seconds a current index is trusted before its mapping is read again
MAPPING = {
    "dynamic": False,
    "_meta": {"schema_version": SCHEMA_VERSION},
    "properties": {
        "keywords": TEXT,
        "control_number": {**KEYWORD, **KEYWORDS},
        "title": {**TEXT, **KEYWORDS, "fields": {
            **EXACT, "sort": SORTABLE,
            "autocomplete": {"type": "text", **AUTOCOMPLETE_MAPPING},
        }},
        "subtitle": {**TEXT, **KEYWORDS, "fields": EXACT},
        "responsibility": {**TEXT, **KEYWORDS},
        "authors": {**TEXT, **KEYWORDS, "fields": {**EXACT, "keyword": KEYWORD}},
        "author_sort": SORTABLE,
        "subjects": {**TEXT, **KEYWORDS, "fields": {**EXACT, "keyword": KEYWORD}},
        "isbns": {**KEYWORD, **KEYWORDS},
        "issns": KEYWORD,
        "publisher": {**TEXT, **KEYWORDS},
        "place": TEXT,
        "series": {**TEXT, **KEYWORDS},
        "summary": {**TEXT, **KEYWORDS},
        "notes": {**TEXT, **KEYWORDS},
        "call_number": {**TEXT, **KEYWORDS, "fields": {"keyword": KEYWORD}},
        "classification": KEYWORD,
        "year": {"type": "short"},
        "language": KEYWORD,
        "material_type": KEYWORD,
        "available": {"type": "boolean"},
        "branches": KEYWORD,
        # Every facet value of the record ("language:vie", "decade:1990"…) in one field: one
        # terms aggregation counts them all, several times cheaper than one per facet.
        "facets": {"type": "keyword", "eager_global_ordinals": True},
        "cover": {"type": "keyword", "index": False, "doc_values": False},  # shown, not searched
    },
}


# Fields copied into a document as they are in the database.
DOCUMENT_FIELDS = (
    "control_number", "title", "subtitle", "responsibility", "subjects", "isbns", "issns",
    "publisher", "place", "series", "summary", "notes", "call_number", "classification", "year",
    "language", "material_type",
)


class EngineUnavailable(Exception):
    """No search engine is configured, or it did not answer."""


def client():
    """The engine client; raise :class:`EngineUnavailable` with the database backend."""
    backend = search_backend()
    if backend is None:
        raise EngineUnavailable("database-backend")
    return backend.es


_trusted_until = {}


def index_is_current(es):
    """Whether the alias exists and every index behind it has the current mapping."""
    alias = alias_name()
    if not es.indices.exists_alias(name=alias):
        return False
    return all(
        index["mappings"].get("_meta", {}).get("schema_version") == SCHEMA_VERSION
        for index in es.indices.get_mapping(index=alias).values()
    )


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


def index_body(backend=None):
    """Settings (our Vietnamese analysis, the configured replicas) and mapping of the index."""
    backend = backend or search_backend()
    body = deepcopy(backend.settings)
    body["settings"]["analysis"].setdefault("normalizer", {}).update(SORT_NORMALIZER)
    body["settings"]["analysis"]["analyzer"].update(ANALYZERS)
    body["mappings"] = MAPPING
    if not is_elasticsearch(backend.es):
        body["settings"].setdefault("index", {}).update(CONCURRENT_SEARCH)
    return body


def facet_values(fields, available, branches):
    """The ``facets`` field: ``name:value`` for each facet value of the record."""
    values = [f"language:{fields['language']}", f"type:{fields['material_type']}"]
    values += [f"branch:{branch}" for branch in branches]
    if available:
        values.append("available:true")
    if fields["year"] is not None:
        values.append(f"decade:{fields['year'] // 10 * 10}")
    return values


def document_of(fields, holdings, cover):
    """The engine document of a record given as a dict of its field values, its holdings as
    ``(status, branch)`` pairs and the address of the cover a result list shows."""
    available = any(status == HoldingStatus.AVAILABLE for status, _branch in holdings)
    branches = sorted({branch for _status, branch in holdings if branch})
    authors = [author["name"] for author in fields["authors"]]
    return {
        **{name: fields[name] for name in DOCUMENT_FIELDS},
        "authors": authors,
        "author_sort": authors[0] if authors else "",
        "available": available,
        "branches": branches,
        "facets": facet_values(fields, available, branches),
        "cover": cover,
    }


def document(record, holdings):
    """The engine document of a record and its holdings (model instances)."""
    return document_of(
        vars(record), [(h.status, h.branch) for h in holdings], record.cover_thumbnail
    )


def ensure_index(es=None):
    """Create the index and its alias when they do not exist yet."""
    es = es or client()
    if not es.indices.exists_alias(name=alias_name()):
        name = f"{alias_name()}_{time.time_ns()}"
        call(es, "indices.create", index_body(), index=name)
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
    """Index the records of ``queryset`` (reading their holdings)."""
    records = list(queryset.select_related("cover"))
    return send(records, holdings_of([r.pk for r in records]), refresh=refresh)


def delete_records(pks):
    """Remove records from the index (missing ones are fine)."""
    es = client()
    ensure_index(es)
    actions = ({"_op_type": "delete", "_index": alias_name(), "_id": str(pk)} for pk in pks)
    bulk(es, actions, raise_on_error=False)


def queue_failed(pks, action):
    """Remember records whose index update failed, for ``flush_search_queue``."""
    from search.models import PendingIndexUpdate

    label = Record._meta.label_lower
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(model_label=label, object_pk=str(pk), action=action) for pk in pks],
        update_conflicts=True, unique_fields=["model_label", "object_pk"],
        update_fields=["action"],
    )


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
            index_records(Record.objects.filter(pk__in=pks))
    except EngineUnavailable:
        return
    except Exception:
        logger.warning("Catalogue index update failed; queued", exc_info=True)
        queue_failed(pks, action)


def rebuild(progress=None):
    """Index every record into a new index, then swap the alias to it; return the count.

    Updates queued before the rebuild started are in it, so they leave the retry queue.
    """
    from search.models import PendingIndexUpdate

    started = timezone.now()
    es = client()
    body = index_body()
    live = deepcopy(body["settings"].get("index", {}))
    body["settings"].setdefault("index", {}).update(refresh_interval="-1", number_of_replicas=0)
    name = f"{alias_name()}_{time.time_ns()}"
    call(es, "indices.create", body, index=name)
    count, last = 0, 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        while True:
            records = list(Record.objects.filter(pk__gt=last).order_by("pk").select_related(
                "cover").defer(
                "marcxml", "search_text")[:BULK_CHUNK * 5])
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
    es.indices.refresh(index=name)
    # A rebuilt index is read, not written: few, big segments answer queries fastest.
    call(es, "indices.forcemerge", index=name, max_num_segments=MERGED_SEGMENTS,
         timeout=MERGE_TIMEOUT)
    swap_alias(es, name)
    PendingIndexUpdate.objects.filter(
        model_label=Record._meta.label_lower, queued_at__lt=started
    ).delete()
    return count


def swap_alias(es, name):
    """Point the alias at index ``name`` and delete the indexes it pointed at before."""
    alias = alias_name()
    old = list(es.indices.get_alias(name=alias)) if es.indices.exists_alias(name=alias) else []
    if es.indices.exists(index=alias) and not old:  # a plain index squatting the alias name
        es.indices.delete(index=alias)
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    call(es, "indices.update_aliases", {"actions": actions})
    for index in old:
        es.indices.delete(index=index)
