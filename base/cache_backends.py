"""A database cache that fails soft: a cache whose table is missing or unreadable answers
"not cached" (and stores nothing) instead of failing the request, so the site and its API
answer from the database. An error inside a transaction is kept to a savepoint."""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction

logger = logging.getLogger(__name__)


class ResilientDatabaseCache(DatabaseCache):
    """Django's database cache; its reads miss and its writes are dropped while it fails."""

    def attempt(self, operation, failed, *args, **kwargs):
        """``operation(*args, **kwargs)``, or ``failed`` when the database refuses it."""
        alias = router.db_for_write(self.cache_model_class)
        try:
            if connections[alias].in_atomic_block:
                with transaction.atomic(using=alias):
                    return operation(*args, **kwargs)
            return operation(*args, **kwargs)
        except DatabaseError as error:
            logger.warning("cache table %s unavailable (%s); not cached", self._table, error)
            return failed

    def get_many(self, keys, version=None):
        return self.attempt(super().get_many, {}, keys, version=version)

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        return self.attempt(super()._base_set, False, mode, key, value, timeout)

    def _base_delete_many(self, keys):
        return self.attempt(super()._base_delete_many, False, keys)

    def has_key(self, key, version=None):
        return self.attempt(super().has_key, False, key, version=version)

    def clear(self):
        return self.attempt(super().clear, None)
