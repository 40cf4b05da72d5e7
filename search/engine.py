"""The one door to the search engine: the client, its requests and its errors.

Every module that talks to OpenSearch or Elasticsearch does it through here; no other module
imports ``opensearchpy`` or ``elasticsearch`` (an ``import-linter`` contract keeps it so). The
two clients differ in how they take a request body: opensearch-py takes ``body=``,
elasticsearch-py 9 takes its parts as keyword arguments (``query=``, ``aggs=``,
``settings=``…). :func:`call` hides the difference, :func:`bulk` picks the matching helper.
Domain requests (the OPAC's query bodies) stay with their domain.
"""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from wagtail.search.backends import get_search_backend

from search.breaker import describe

# Body keys that elasticsearch-py spells differently as keyword arguments.
ES_KEYWORDS = {"from": "from_", "_source": "source"}


def engine_errors():
    """What either client raises when the engine fails or refuses a request.

    The clients are imported when first needed (about 0.3 s), not by every management command.
    """
    import elastic_transport
    from opensearchpy.exceptions import OpenSearchException

    return (OpenSearchException, elastic_transport.ApiError, elastic_transport.TransportError)


def outage_errors():
    """What either client raises when the engine cannot be reached in time (down, hung, or
    counted as down by the breaker of ``search.breaker``)."""
    import elastic_transport
    from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError

    return (OpenSearchConnectionError, elastic_transport.ConnectionError,
            elastic_transport.ConnectionTimeout)


def log_fallback(logger, what, error):
    """Log that ``what`` answered from the database because of ``error``: one line, and only
    at debug level for an outage (the breaker says once per outage that the engine is down)."""
    if isinstance(error, outage_errors()):
        logger.debug("%s from the database: the search engine is down", what)
    else:
        logger.warning("%s from the database: %s", what, describe(error))


class EngineUnavailable(Exception):
    """No search engine is configured, or the index a search needs is not there yet."""


class BulkRefused(Exception):
    """The engine refused some of the documents of a bulk request."""


@cache
def search_backend():
    """The configured Wagtail backend when it is an engine (has ``.es``), else ``None``.

    Built once per process (Wagtail builds a new one on every call) and again when the search
    settings change.
    """
    backend = get_search_backend("default")
    return backend if hasattr(backend, "es") else None


@receiver(setting_changed)
def _forget_backend(setting, **kwargs):
    if setting in ("WAGTAILSEARCH_BACKENDS", "SEARCH_INDEX_PREFIX"):
        search_backend.cache_clear()


def client():
    """The engine client; raise :class:`EngineUnavailable` with the database backend."""
    backend = search_backend()
    if backend is None:
        raise EngineUnavailable("database-backend")
    return backend.es


def index_name(name):
    """``name`` with the configured ``SEARCH_INDEX_PREFIX`` (one prefix per site or test run)."""
    return f"{settings.SEARCH_INDEX_PREFIX}{name}"


def engine_state():
    """``"database-backend"`` (no engine configured), ``"ok"`` or ``"unavailable"`` (also, at
    once, while the breaker counts the engine as down)."""
    backend = search_backend()
    if backend is None:
        return "database-backend"
    try:
        return "ok" if backend.es.ping() else "unavailable"
    except Exception:
        return "unavailable"


def cluster_state(es):
    """``{"status": "green" | "yellow" | "red", "nodes": n, "expected_nodes": m}``: the
    cluster's health as the node asked knows it (``local``: answered also while the cluster
    elects a new manager) and how many nodes ``SEARCH_URL`` lists."""
    health = es.cluster.health(local=True)
    urls = settings.WAGTAILSEARCH_BACKENDS["default"].get("URLS", [])
    return {"status": health["status"], "nodes": health["number_of_nodes"],
            "expected_nodes": len(urls)}


def is_elasticsearch(es):
    """Whether ``es`` is an elasticsearch-py client (else opensearch-py)."""
    return type(es).__module__.startswith("elasticsearch")


def call(es, method, body=None, body_name=None, timeout=None, **params):
    """Call ``es.<method>`` (dotted, e.g. ``"indices.create"``) with ``body``.

    ``body_name`` is the keyword elasticsearch-py wants the whole body under when its API takes
    one object (``settings=`` for ``indices.put_settings``); ``timeout`` (seconds) overrides the
    client's for this request.
    """
    target = es
    if timeout and is_elasticsearch(es):
        target = es.options(request_timeout=timeout)
    elif timeout:
        params["request_timeout"] = timeout
    for part in method.split("."):
        target = getattr(target, part)
    if body is None:
        return target(**params)
    if not is_elasticsearch(es):
        return target(body=body, **params)
    if body_name:
        return target(**{body_name: body}, **params)
    return target(**{ES_KEYWORDS.get(key, key): value for key, value in body.items()}, **params)


def bulk(es, actions, timeout=120, **params):
    """Send bulk ``actions`` with the client's own helper; return the number indexed."""
    if is_elasticsearch(es):
        from elasticsearch import helpers

        done, _errors = helpers.bulk(es.options(request_timeout=timeout), actions, **params)
    else:
        from opensearchpy import helpers

        done, _errors = helpers.bulk(es, actions, request_timeout=timeout, **params)
    return done


def bulk_ndjson(es, index, body, timeout=120):
    """Send a bulk request already written as NDJSON text; raise :class:`BulkRefused` when the
    engine refuses any of its items (the others are indexed)."""
    only = "errors,items.*.error"  # the engine's answer without a line per indexed document
    if is_elasticsearch(es):
        response = es.options(request_timeout=timeout).bulk(
            operations=body, index=index, filter_path=only
        )
    else:
        response = es.bulk(body=body, index=index, request_timeout=timeout, filter_path=only)
    if response["errors"]:
        refused = [item for entry in response["items"] for item in entry.values()
                   if item.get("error")]
        raise BulkRefused(f"{len(refused)} refused, the first: {refused[0]['error']}")


def local_read(es):
    """``{"local": True}`` for OpenSearch: a read of the cluster's metadata answered by the node
    asked, not forwarded to the cluster manager (answered while a cluster elects a new one;
    Elasticsearch answers these locally already)."""
    return {} if is_elasticsearch(es) else {"local": True}


def alias_exists(es, alias):
    """Whether ``alias`` names an alias (not a plain index)."""
    return bool(es.indices.exists_alias(name=alias, **local_read(es)))


def mappings_behind(es, alias):
    """``{index: mappings}`` of the indexes behind ``alias``."""
    mappings = es.indices.get_mapping(index=alias, **local_read(es))
    return {name: index["mappings"] for name, index in mappings.items()}


def create_index(es, name, body):
    """Create index ``name`` with ``body`` (settings and mappings)."""
    call(es, "indices.create", body, index=name)


def refresh_index(es, index):
    """Make what was indexed into ``index`` searchable now."""
    es.indices.refresh(index=index)


def swap_alias(es, alias, name):
    """Point ``alias`` at index ``name`` in one step and delete the indexes it pointed at.

    A plain index squatting the alias's name (left by an engine that auto-created it) is deleted
    first, so that the alias can be made.
    """
    old = list(es.indices.get_alias(name=alias)) if alias_exists(es, alias) else []
    if es.indices.exists(index=alias) and not old:
        es.indices.delete(index=alias)
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    call(es, "indices.update_aliases", {"actions": actions})
    for index in old:
        es.indices.delete(index=index)


def index_settings(es, index):
    """``{index: flat settings}`` (``"index.refresh_interval"``…) of the indexes ``index``
    names (an alias: those behind it); defaults left out."""
    answer = es.indices.get_settings(index=index, flat_settings=True)
    return {name: found["settings"] for name, found in answer.items()}


def put_index_settings(es, index, values):
    """Change dynamic settings (``{"refresh_interval": "-1"}``…) of ``index``."""
    call(es, "indices.put_settings", {"index": values}, body_name="settings", index=index)


def put_index_meta(es, index, meta):
    """Replace the mapping's ``_meta`` of ``index`` with ``meta``."""
    call(es, "indices.put_mapping", {"_meta": meta}, index=index)


def forcemerge(es, index, max_num_segments):
    """Start merging ``index`` down to ``max_num_segments`` segments and return the engine's
    task id at once: the merge goes on in the engine (its own thread pool, readers keep being
    answered) after the caller has moved on."""
    answer = call(es, "indices.forcemerge", index=index, max_num_segments=max_num_segments,
                  wait_for_completion=False)
    return answer.get("task") if isinstance(answer, dict) else answer.body.get("task")


def task_done(es, task):
    """Whether the engine's ``task`` (an id :func:`forcemerge` returned) has completed."""
    return bool(call(es, "tasks.get", task_id=task).get("completed"))


def segment_count(es, index):
    """How many segments the primary shards of ``index`` hold."""
    shards = es.indices.segments(index=index)["indices"]
    return sum(len(copy["segments"]) for found in shards.values()
               for copies in found["shards"].values() for copy in copies
               if copy["routing"]["primary"])
