"""Wagtail search backends with Vietnamese analysis and a retry queue for failed updates.

Selected by ``SEARCH_URL`` (see ``library_cms.config``): ``OpenSearch2Backend``,
``Elasticsearch8Backend`` or ``Elasticsearch9Backend``. Each is the stock
modelsearch backend with our index settings and autocomplete mapping, one shared
client per process (:func:`shared_client`), plus :class:`RetryQueueMixin`, which
records an update the engine refused so that ``manage.py flush_search_queue`` can
replay it when the engine is back.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend
from modelsearch.utils import deep_update

from search.analysis import AUTOCOMPLETE_MAPPING, INDEX_SETTINGS
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
