"""A large import's hold on the catalogue index, so that the index it leaves is fit to serve.

While an import (``import_marc``, the admin's import job, an OAI-PMH harvest) sends more than
``CATALOGUE_BULK_RECORDS`` records, the index behind the alias is not refreshed and keeps no
replicas (the engine writes each segment once instead of every second). When the import ends —
done, failed or stopped — the normal settings come back, the index is refreshed, and a force
merge to one segment starts in the engine (not waited for: readers keep being answered from
the existing segments meanwhile, and the import command ends). An index as ``import_marc``
left it answers the OPAC about twice as slowly as a merged one.

Smaller imports (a record edited in the admin, a file of a few records) change nothing.

The hold is written in the index's mapping ``_meta`` (``bulk``: host, pid, until when): an
import killed before it could give the settings back leaves it, and :func:`repair` (run by the
next import, ``reindex_catalogue --if-outdated``, ``update_index`` and ``/healthz``) restores
the settings of an index whose holder is gone.
"""

import logging
import os
import time

from django.conf import settings

from catalogue.background import HOST, process_running
from catalogue.documents import index_body
from catalogue.index import MERGED_SEGMENTS, alias_name
from search.breaker import describe
from search.engine import (
    EngineUnavailable,
    client,
    engine_errors,
    forcemerge,
    index_settings,
    put_index_meta,
    put_index_settings,
    refresh_index,
    task_done,
)

logger = logging.getLogger(__name__)
LEASE_SECONDS = 600  # a hold not renewed for this long belongs to a dead import
RENEW_EVERY = LEASE_SECONDS / 4
HELD = {"refresh_interval": "-1", "number_of_replicas": 0}


def live_settings():
    """The dynamic settings the catalogue index serves with (``refresh_interval``,
    ``number_of_replicas``)."""
    live = index_body()["settings"].get("index", {})
    return {"refresh_interval": live.get("refresh_interval"),  # None: the engine's default
            "number_of_replicas": live.get("number_of_replicas", 1)}


class BulkLoad:
    """Count what an import sends (:meth:`sending`); past the threshold, hold the index; then
    :meth:`end` it (idempotent, never raises). ``merge_task`` is the engine's merge task id."""

    def __init__(self, threshold=None):
        self.threshold = settings.CATALOGUE_BULK_RECORDS if threshold is None else threshold
        self.sent = 0
        self.held = False
        self.renewed = 0.0
        self.repaired = False
        self.merge_task = None

    def sending(self, count):
        """``count`` more records are about to go to the index."""
        if not self.repaired:  # one look per import at an index a killed import left held
            self.repaired = True
            _quietly(repair)
        self.sent += count
        if not self.held and self.threshold and self.sent >= self.threshold:
            self.held = _quietly(_hold) is not None
            self.renewed = time.monotonic()
        elif self.held and time.monotonic() - self.renewed > RENEW_EVERY:
            _quietly(_lease)
            self.renewed = time.monotonic()

    def end(self):
        """Give the normal settings back, refresh and start the merge (when held)."""
        if not self.held:
            return
        self.held = False
        self.merge_task = _quietly(_release, merge=True)


def merge_done(task):
    """Whether the merge task :class:`BulkLoad` started has completed (or cannot be asked)."""
    return _quietly(lambda: task_done(client(), task)) is not False


def repair():
    """Restore the settings of a catalogue index an import left held and that no live import
    holds any more; return whether it did."""
    es = client()
    alias = alias_name()
    found = index_settings(es, alias)
    if all(values.get("index.refresh_interval") != "-1" for values in found.values()):
        return False
    hold = _meta(es, alias).get("bulk") or {}
    if hold.get("until", 0) > time.time() and not (
            hold.get("host") == HOST and not process_running(hold.get("pid", 0))):
        return False
    logger.warning("The catalogue index was left without refresh by an import that stopped "
                   "(%s): normal settings restored", hold or "no holder recorded")
    _release(merge=False)
    return True


def _hold():
    es = client()
    put_index_settings(es, alias_name(), HELD)
    _lease()
    logger.info("Large import: refresh and replicas of the catalogue index off until it ends")
    return True


def _lease():
    es = client()
    meta = _meta(es, alias_name())
    meta["bulk"] = {"host": HOST, "pid": os.getpid(), "until": time.time() + LEASE_SECONDS}
    put_index_meta(es, alias_name(), meta)


def _release(merge):
    es = client()
    alias = alias_name()
    put_index_settings(es, alias, live_settings())
    meta = _meta(es, alias)
    if meta.pop("bulk", None) is not None:
        put_index_meta(es, alias, meta)
    refresh_index(es, alias)
    if not merge:
        return None
    task = forcemerge(es, alias, MERGED_SEGMENTS)
    logger.info("Catalogue index merging to one segment in the engine (task %s)", task)
    return task


def _meta(es, alias):
    """The ``_meta`` of the (first) index behind ``alias``."""
    mappings = es.indices.get_mapping(index=alias)
    return dict(next(iter(mappings.values()), {}).get("mappings", {}).get("_meta", {}))


def _quietly(action, **kwargs):
    """Run ``action``; an engine failure is logged (the import goes on, :func:`repair` mends
    what is left) and gives ``None``."""
    try:
        return action(**kwargs)
    except EngineUnavailable:
        pass
    except engine_errors() as error:
        logger.warning("Catalogue index settings not changed: %s", describe(error))
    return None
