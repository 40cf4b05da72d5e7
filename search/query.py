"""Readers' searches: Vietnamese-aware queries with a database fallback when the engine is down."""

from modelsearch.query import Boost, Or, Phrase, PlainText
from wagtail.search.backends import get_search_backend

from search.analysis import clean_query
from search.fallback import FallbackResults

PHRASE_BOOST = 3.0


def ranked_query(text):
    """All words must match; the words as a phrase rank first ("thư viện" beats "thư … viện")."""
    return Or([PlainText(text, operator="and"), Boost(Phrase(text), PHRASE_BOOST)])


def search_with_fallback(queryset, text, backend="default"):
    """Search ``queryset`` for ``text``; return ``(results, used_fallback)``.

    When the engine fails, the same search runs on the ``fallback`` database backend
    (kept up to date beside the engine) instead of failing the reader's request. The results
    are counted here; a page of them read later (by a template) falls back as well when the
    engine fails then, and ``results.fallback`` says so.
    """
    text = clean_query(text)
    if not text:
        return queryset.none(), False
    engine = get_search_backend(backend)
    if not hasattr(engine, "es"):
        return engine.search(text, queryset), False
    results = FallbackResults(engine.search(ranked_query(text), queryset),
                              lambda: get_search_backend("fallback").search(text, queryset))
    results.count()  # reach the engine now
    return results, results.fallback


def autocomplete_with_fallback(queryset, text):
    """Prefix search for the search box; ``(results, used_fallback)`` as above."""
    text = clean_query(text)
    if not text:
        return queryset.none(), False
    engine = get_search_backend()
    if not hasattr(engine, "es"):
        return engine.autocomplete(text, queryset), False
    results = FallbackResults(engine.autocomplete(text, queryset),
                              lambda: get_search_backend("fallback").autocomplete(text, queryset))
    results.count()
    return results, results.fallback
