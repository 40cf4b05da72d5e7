"""One small adapter over the two engine clients (opensearch-py and elasticsearch-py 9).

opensearch-py takes a request body as ``body=``; elasticsearch-py 9 takes its parts as keyword
arguments (``query=``, ``aggs=``, ``settings=``…). :func:`call` hides the difference, and
:func:`bulk` picks the matching ``helpers.bulk``.
"""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from wagtail.search.backends import get_search_backend

# Body keys that elasticsearch-py spells differently as keyword arguments.
ES_KEYWORDS = {"from": "from_", "_source": "source"}


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


def is_elasticsearch(client):
    return type(client).__module__.startswith("elasticsearch")


def call(client, method, body=None, body_name=None, timeout=None, **params):
    """Call ``client.<method>`` (dotted, e.g. ``"indices.create"``) with ``body``.

    ``body_name`` is the keyword elasticsearch-py wants the whole body under when its API takes
    one object (``settings=`` for ``indices.put_settings``); ``timeout`` (seconds) overrides the
    client's for this request.
    """
    target = client
    if timeout and is_elasticsearch(client):
        target = client.options(request_timeout=timeout)
    elif timeout:
        params["request_timeout"] = timeout
    for part in method.split("."):
        target = getattr(target, part)
    if body is None:
        return target(**params)
    if not is_elasticsearch(client):
        return target(body=body, **params)
    if body_name:
        return target(**{body_name: body}, **params)
    return target(**{ES_KEYWORDS.get(key, key): value for key, value in body.items()}, **params)


def bulk(client, actions, timeout=120, **params):
    """Send bulk ``actions`` with the client's own helper; return the number indexed."""
    if is_elasticsearch(client):
        from elasticsearch import helpers

        done, _errors = helpers.bulk(client.options(request_timeout=timeout), actions, **params)
    else:
        from opensearchpy import helpers

        done, _errors = helpers.bulk(client, actions, request_timeout=timeout, **params)
    return done


class BulkRefused(Exception):
    """The engine refused some of the documents of a bulk request."""


def bulk_ndjson(client, index, body, timeout=120):
    """Send a bulk request already written as NDJSON text; raise :class:`BulkRefused` when the
    engine refuses any of its items (the others are indexed)."""
    only = "errors,items.*.error"  # the engine's answer without a line per indexed document
    if is_elasticsearch(client):
        response = client.options(request_timeout=timeout).bulk(
            operations=body, index=index, filter_path=only
        )
    else:
        response = client.bulk(body=body, index=index, request_timeout=timeout, filter_path=only)
    if response["errors"]:
        refused = [item for entry in response["items"] for item in entry.values()
                   if item.get("error")]
        raise BulkRefused(f"{len(refused)} refused, the first: {refused[0]['error']}")


def alias_name():
    """The alias readers' searches go through (the index behind it changes on rebuild)."""
    return f"{settings.SEARCH_INDEX_PREFIX}catalogue"
