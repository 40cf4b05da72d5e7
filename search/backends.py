"""Wagtail search backends with Vietnamese analysis and a retry queue for failed updates.

Selected by ``SEARCH_URL`` (see ``library_cms.config``): ``OpenSearch2Backend``,
``Elasticsearch8Backend`` or ``Elasticsearch9Backend``. Each is the stock
modelsearch backend with our index settings and autocomplete mapping, plus
:class:`RetryQueueMixin`, which records an update the engine refused so that
``manage.py flush_search_queue`` can replay it when the engine is back.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend
from modelsearch.utils import deep_update

from search.analysis import AUTOCOMPLETE_MAPPING, INDEX_SETTINGS


class RetryQueueMixin:
    """Queue the object when the engine fails to index or delete it, then re-raise."""

    def add(self, obj):
        try:
            super().add(obj)
        except Exception:
            self._queue(obj, "index")
            raise

    def delete(self, obj):
        try:
            super().delete(obj)
        except Exception:
            self._queue(obj, "delete")
            raise

    def _queue(self, obj, action):
        from search.models import PendingIndexUpdate

        PendingIndexUpdate.remember(obj, action)


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
            "__module__": __name__,
        },
    )


OpenSearch2Backend = vietnamese_backend(OpenSearch2SearchBackend)
Elasticsearch8Backend = vietnamese_backend(Elasticsearch8SearchBackend)
Elasticsearch9Backend = vietnamese_backend(Elasticsearch9SearchBackend)
