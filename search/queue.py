"""The retry queue: index updates the engine could not take, replayed when it is back.

A model indexed through Wagtail's backends is replayed with them. An app that keeps an index of
its own registers how to replay its updates (``register_replayer`` in its ``AppConfig.ready``),
e.g. the catalogue's bulk index.
"""

from modelsearch.index import get_indexed_instance
from wagtail.search.backends import get_search_backend

from search.models import PendingIndexUpdate

_replayers = {}


def register_replayer(model_label, replay):
    """Replay queued updates of ``model_label`` (``"app.model"``) with ``replay(pk, action)``."""
    _replayers[model_label.lower()] = replay


def remember(obj, action):
    """Queue ``obj``'s update (``"index"`` or ``"delete"``); the latest action wins."""
    remember_many(obj._meta.label_lower, [obj.pk], action)


def remember_many(model_label, pks, action):
    """Queue the updates of the objects of ``model_label`` with these pks, in one query."""
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(model_label=model_label, object_pk=str(pk), action=action)
         for pk in pks],
        update_conflicts=True, unique_fields=["model_label", "object_pk"],
        update_fields=["action", "queued_at"],
    )


def replay(pending):
    """Send one queued update again; raise when the engine still fails."""
    if custom := _replayers.get(pending.model_label):
        custom(pending.object_pk, pending.action)
        return
    backend = get_search_backend()
    obj = pending.target()
    if obj is None or pending.action == "delete":
        getattr(backend, "delete_or_raise", backend.delete)(
            obj or pending.model_class()(pk=pending.object_pk))
    elif (indexed := get_indexed_instance(obj)) is not None:
        getattr(backend, "add_or_raise", backend.add)(indexed)


def forget(model_label, queued_before):
    """Drop the queued updates of ``model_label`` older than ``queued_before`` (a rebuild of
    that index, started then, has them all)."""
    PendingIndexUpdate.objects.filter(model_label=model_label, queued_at__lt=queued_before).delete()
