"""Readers' searches: Vietnamese-aware queries with a database fallback when the engine is down."""

from modelsearch.query import Boost, Or, Phrase, PlainText
from wagtail.search.backends import get_search_backend

from search.analysis import clean_query
from search.fallback import FallbackResults

PHRASE_BOOST = 3.0
# Fewer full matches than this, and the pages with only some of the words are listed after them.
FEW_MATCHES = 3
PARTIAL_SIZE = 10


def ranked_query(text, operator="and"):
    """All words must match (``"or"``: any); the words as a phrase rank first ("thư viện" beats
    "thư … viện")."""
    return Or([PlainText(text, operator=operator), Boost(Phrase(text), PHRASE_BOOST)])


def search_with_fallback(queryset, text, backend="default", operator="and"):
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
        return engine.search(text, queryset, operator=operator), False
    results = FallbackResults(
        engine.search(ranked_query(text, operator), queryset),
        lambda: get_search_backend("fallback").search(text, queryset, operator=operator))
    results.count()  # reach the engine now
    return results, results.fallback


def partial_matches(queryset, text, full):
    """Best-partial matching, when every-word matching found fewer than FEW_MATCHES pages
    (``full``, the results of :func:`search_with_fallback`): the pages with some of the words,
    the most first, ``full`` left out; ``(pages, used_fallback)``, ``[]`` for a single word."""
    text = clean_query(text)
    if len(text.split()) < 2 or full.count() >= FEW_MATCHES:
        return [], False
    found = {page.pk for page in full}
    results, fallback = search_with_fallback(queryset, text, operator="or")
    return [page for page in results[:PARTIAL_SIZE + len(found)] if page.pk not in found][
        :PARTIAL_SIZE], fallback


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
