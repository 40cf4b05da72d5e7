"""Wagtail search backends with Vietnamese analysis and a retry queue for failed updates.

Selected by ``SEARCH_URL`` (see ``library_cms.config``): ``OpenSearchBackend`` (OpenSearch 2.x
and 3.x: modelsearch's ``opensearch3`` backend, whose calls opensearch-py 3 takes; its
``opensearch2`` backend passes arguments by position, which opensearch-py 3 refuses),
``Elasticsearch8Backend`` or ``Elasticsearch9Backend``. Each is the stock
modelsearch backend with our index settings and autocomplete mapping, one shared
client per process (:func:`shared_client`) whose transport asks the engine's circuit breaker
(``search.breaker``) before every request (one breaker for all the nodes of a cluster: a request
the client's retries carry to another node is no failure; the engine counts as down only when
no node answers), plus :class:`RetryQueueMixin`, which
records an update the engine refused so that ``manage.py flush_search_queue`` can
replay it when the engine is back. :func:`DatabaseBackend` (no engine, or the readers'
fallback) is the stock database backend comparing text folded by :func:`search.analysis.fold`.
"""

import logging
from copy import copy, deepcopy
from functools import cache

import elastic_transport
import opensearchpy
from django.utils.encoding import force_str
from modelsearch.backends import database
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend
from modelsearch.index import RelatedFields
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText
from modelsearch.utils import deep_update

from search.analysis import AUTOCOMPLETE_MAPPING, INDEX_SETTINGS, fold
from search.breaker import Breaker, EngineDown, describe
from search.engine import engine_errors, outage_errors
from search.indexes import schema_meta
from search.queue import remember

logger = logging.getLogger(__name__)
OUTAGE_STATUSES = {502, 503, 504}


class RetryQueueMixin:
    """Queue the object when the engine fails to index or delete it; record the version of
    the mapping in every index the backend creates (``search.indexes``)."""

    def __init__(self, params):
        super().__init__(params)
        self.settings["mappings"] = schema_meta(type(self))

    def add(self, obj):
        self._or_queue(super().add, obj, "index")

    def delete(self, obj):
        self._or_queue(super().delete, obj, "delete")

    def add_or_raise(self, obj):
        """Index ``obj``; raise when the engine fails (the queue's replay)."""
        super().add(obj)

    def delete_or_raise(self, obj):
        """Remove ``obj`` from the index; raise when the engine fails."""
        super().delete(obj)

    def _or_queue(self, update, obj, action):
        """Queue the update when it fails. The engine's errors are not re-raised (Wagtail would
        log a traceback per save): the breaker says once that the engine is down, and a
        refusal (a missing index) gets one line."""
        try:
            update(obj)
        except engine_errors() as error:
            remember(obj, action)
            if not isinstance(error, outage_errors()):
                logger.warning("Index update of %r queued: %s", obj, describe(error))
        except Exception:
            remember(obj, action)
            raise


class OpenSearchTransport(opensearchpy.Transport):
    """opensearch-py's transport, through the engine's breaker."""

    breaker = None  # set on the subclass made for each engine address

    def perform_request(self, method, url, params=None, body=None, timeout=None, ignore=(),
                        headers=None):
        params = dict(params or {})
        timeout = timeout or params.pop("request_timeout", None)
        send = super().perform_request

        def request(timeout):
            return send(method, url, params, body, timeout, ignore, headers)

        try:
            return self.breaker.send(request, timeout, opensearch_outage)
        except EngineDown as down:
            raise opensearchpy.ConnectionError("N/A", str(down), down) from None


def opensearch_outage(answer):
    """Whether opensearch-py's ``answer`` (an error or a response) means the engine is down."""
    return isinstance(answer, opensearchpy.ConnectionError) or (
        isinstance(answer, opensearchpy.TransportError) and answer.status_code in OUTAGE_STATUSES)


class ElasticTransport(elastic_transport.Transport):
    """elastic-transport's transport (elasticsearch-py), through the engine's breaker."""

    breaker = None

    def perform_request(self, method, target, **options):
        timeout = options.get("request_timeout")
        timeout = timeout if isinstance(timeout, int | float) else None
        send = super().perform_request

        def request(timeout):
            return send(method, target, **{**options, **(
                {"request_timeout": timeout} if timeout else {})})

        try:
            return self.breaker.send(request, timeout, elastic_outage)
        except EngineDown as down:
            raise elastic_transport.ConnectionError(str(down)) from None


def elastic_outage(answer):
    """Whether elastic-transport's ``answer`` (an error or a response) means the engine is down."""
    if isinstance(answer, elastic_transport.ConnectionError | elastic_transport.ConnectionTimeout):
        return True
    meta = getattr(answer, "meta", None)
    return getattr(meta, "status", None) in OUTAGE_STATUSES


_clients = {}
_breakers = {}


def breaker_for(hosts):
    """The one :class:`~search.breaker.Breaker` of the engine at ``hosts``."""
    address = ",".join(
        f"{host.get('host')}:{host.get('port')}" if isinstance(host, dict) else str(host)
        for host in hosts)
    return _breakers.setdefault(address, Breaker(address))


def shared_client(client_class):
    """A stand-in for ``client_class(hosts=…, **options)`` that returns one client per
    configuration and process, its transport guarded by the engine's breaker. Wagtail builds a
    backend object for every search; a new client is a new connection pool, i.e. a new TCP
    connection to the engine for every request."""
    opensearch = issubclass(client_class, opensearchpy.OpenSearch)

    def build(hosts, **options):
        key = (client_class, repr(hosts), repr(sorted(options.items())))
        if key not in _clients:
            base = OpenSearchTransport if opensearch else ElasticTransport
            transport = type(base.__name__, (base,), {"breaker": breaker_for(hosts)})
            _clients[key] = client_class(hosts=hosts, transport_class=transport, **options)
        return _clients[key]

    return build


def vietnamese_backend(base):
    """Build ``base`` with our analysis settings, autocomplete mapping and retry queue."""
    mapping = type(
        f"Vietnamese{base.mapping_class.__name__}",
        (base.mapping_class,),
        {"edgengram_analyzer_config": AUTOCOMPLETE_MAPPING},
    )
    return type(
        f"Vietnamese{base.__name__}",
        (RetryQueueMixin, base),
        {
            "mapping_class": mapping,
            "settings": deep_update(deepcopy(base.settings), INDEX_SETTINGS),
            "client_class": staticmethod(shared_client(base.client_class)),
            "__module__": __name__,
        },
    )


OpenSearchBackend = vietnamese_backend(OpenSearch3SearchBackend)
Elasticsearch8Backend = vietnamese_backend(Elasticsearch8SearchBackend)
Elasticsearch9Backend = vietnamese_backend(Elasticsearch9SearchBackend)


def folded_value(value):
    """A search field's value with its text folded (lists and dicts of text too)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return [folded_value(item) for item in value]
    if isinstance(value, dict):
        return {key: folded_value(item) for key, item in value.items()}
    return fold(force_str(value))


def folded_field(field):
    """A copy of a model's search field that reads its value (of the object, or of the object a
    :class:`FoldedObject` stands for) folded."""
    folded = copy(field)
    if isinstance(field, RelatedFields):
        folded.fields = [folded_field(sub_field) for sub_field in field.fields]
        folded.get_value = lambda obj: field.get_value(getattr(obj, "obj", obj))
    else:
        folded.get_value = lambda obj: folded_value(field.get_value(getattr(obj, "obj", obj)))
    return folded


class FoldedObject:
    """An object as the database index sees it: its search fields read folded."""

    def __init__(self, obj):
        self.obj = obj

    def __getattr__(self, name):
        return getattr(self.obj, name)

    def get_search_fields(self):
        return [folded_field(field) for field in self.obj.get_search_fields()]


def folded_query(query):
    """A query (text or modelsearch query objects) with its words folded."""
    if isinstance(query, str):
        return fold(query)
    if isinstance(query, PlainText):
        return PlainText(fold(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(fold(query.query_string))
    if isinstance(query, Boost):
        return Boost(folded_query(query.subquery), query.boost)
    if isinstance(query, Not):
        return Not(folded_query(query.subquery))
    if isinstance(query, And | Or):
        return type(query)([folded_query(subquery) for subquery in query.subqueries])
    return query


class FoldingMixin:
    """Index and search folded text: "kĩ năng", "ky nang" and "Kỹ năng" are one."""

    def search(self, query, model_or_queryset, **kwargs):
        return super().search(folded_query(query), model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return super().autocomplete(folded_query(query), model_or_queryset, **kwargs)


@cache
def folding_backend(base):
    """``base`` (a database backend class) indexing and searching folded text."""
    index = type(f"Folding{base.index_class.__name__}", (base.index_class,), {
        "add_items": lambda self, model, objs: base.index_class.add_items(
            self, model, [FoldedObject(obj) for obj in objs]),
    })
    return type(f"Folding{base.__name__}", (FoldingMixin, base),
                {"index_class": index, "__module__": __name__})


def DatabaseBackend(params):  # noqa: N802 -- named like the backend classes it stands for
    """Wagtail's database backend for this database (PostgreSQL, SQLite…), on folded text;
    PostgreSQL's ``simple`` configuration (no English stemming or stop words: "do", "to", "an"
    are Vietnamese words once folded)."""
    params = {"SEARCH_CONFIG": "simple", **params}
    return folding_backend(type(database.SearchBackend(params)))(params)
