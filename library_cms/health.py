"""``GET /healthz``: the state of the database and of the search engine and its indexes."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from catalogue.bulk_load import repair as repair_catalogue_index
from catalogue.index import index_state as catalogue_index_state
from library_cms.resilience import RETRY_AFTER
from search.engine import cluster_state, engine_errors, engine_state, search_backend
from search.indexes import index_states


def database_state():
    """Return ``"ok"`` when a trivial query succeeds, else ``"unavailable"``."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "unavailable"


def search_state():
    """``{"search": state}``; with an engine that answers, also ``"indexes"``: each index's
    ``"ok"``, ``"missing"`` or ``"outdated"``, and ``"cluster"``: its health (``status``), its
    ``nodes`` and the ``expected_nodes`` that ``SEARCH_URL`` lists. ``"search": "degraded"``
    unless every index is ok and no listed node missing; a cluster of several nodes must also be
    green (a single node is yellow whenever indexes ask for replicas it cannot hold: not a
    fault), and a red one never is."""
    state = engine_state()
    if state != "ok":
        return {"search": state}
    es = search_backend().es
    try:
        indexes = {**index_states(), "catalogue": catalogue_index_state(es)}
        if indexes["catalogue"] == "ok":
            repair_catalogue_index()  # left without refresh by an import that was killed
        cluster = cluster_state(es)
    except engine_errors():
        return {"search": "unavailable"}
    expected = cluster["expected_nodes"]
    degraded = any(index != "ok" for index in indexes.values()) or cluster["status"] == "red" \
        or (expected > 1 and cluster["status"] != "green") or cluster["nodes"] < expected
    return {"search": "degraded" if degraded else "ok", "indexes": indexes, "cluster": cluster}


@never_cache
def healthz(request):
    """Report health as JSON: 200 while the database answers, 503 (with ``Retry-After``) when
    it does not."""
    state = {"database": database_state(), **search_state()}
    if state["database"] == "ok":
        return JsonResponse(state)
    return JsonResponse(state, status=503, headers={"Retry-After": str(RETRY_AFTER)})
