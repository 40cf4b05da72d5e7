"""Wagtail search backends with Vietnamese analysis and a retry queue for failed updates.

Selected by ``SEARCH_URL`` (see ``library_cms.config``): ``OpenSearch2Backend``,
``Elasticsearch8Backend`` or ``Elasticsearch9Backend``. Each is the stock
modelsearch backend with our index settings and autocomplete mapping, one shared
client per process (:func:`shared_client`), plus :class:`RetryQueueMixin`, which
records an update the engine refused so that ``manage.py flush_search_queue`` can
replay it when the engine is back. :func:`DatabaseBackend` (no engine, or the readers'
fallback) is the stock database backend comparing text folded by :func:`search.analysis.fold`.
"""

from copy import copy, deepcopy
from functools import cache

from django.utils.encoding import force_str
from modelsearch.backends import database
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend
from modelsearch.index import RelatedFields
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText
from modelsearch.utils import deep_update

from search.analysis import AUTOCOMPLETE_MAPPING, INDEX_SETTINGS, fold
from search.queue import remember


class RetryQueueMixin:
    """Queue the object when the engine fails to index or delete it, then re-raise."""

    def add(self, obj):
        self._or_queue(super().add, obj, "index")

    def delete(self, obj):
        self._or_queue(super().delete, obj, "delete")

    def _or_queue(self, update, obj, action):
        try:
            update(obj)
        except Exception:
            remember(obj, action)
            raise


_clients = {}


def shared_client(client_class):
    """A stand-in for ``client_class(hosts=…, **options)`` that returns one client per
    configuration and process. Wagtail builds a backend object for every search; a new client
    is a new connection pool, i.e. a new TCP connection to the engine for every request."""

    def build(hosts, **options):
        key = (client_class, repr(hosts), repr(sorted(options.items())))
        if key not in _clients:
            _clients[key] = client_class(hosts=hosts, **options)
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


OpenSearch2Backend = vietnamese_backend(OpenSearch2SearchBackend)
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
