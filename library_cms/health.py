"""``GET /healthz``: the state of the database and of the search engine."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.engine import engine_state


def database_state():
    """Return ``"ok"`` when a trivial query succeeds, else ``"unavailable"``."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "unavailable"


@never_cache
def healthz(request):
    """Report health as JSON: 200 while the database answers, 503 when it does not."""
    state = {"database": database_state(), "search": engine_state()}
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)
