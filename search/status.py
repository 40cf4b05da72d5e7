"""State of the configured search engine."""

from wagtail.search.backends import get_search_backend


def search_engine_state():
    """Return ``"database-backend"``, ``"ok"`` or ``"unavailable"``."""
    client = getattr(get_search_backend(), "es", None)
    if client is None:
        return "database-backend"
    try:
        return "ok" if client.ping() else "unavailable"
    except Exception:
        return "unavailable"
