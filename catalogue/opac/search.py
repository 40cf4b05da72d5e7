"""Run an OPAC search on the engine, or on the database when the engine is missing or down."""

import logging
import math
from dataclasses import dataclass, field

from catalogue.index import alias_name, search_client
from catalogue.opac import engine_query
from catalogue.opac.fallback import database_autocomplete, database_search
from search.analysis import clean_query
from search.engine import EngineUnavailable, call, log_fallback

logger = logging.getLogger(__name__)
AUTOCOMPLETE_SIZE = 8


@dataclass
class Hit:
    """One record in a result list (from the engine's document or the database row)."""

    id: int
    title: str
    subtitle: str = ""
    authors: list = field(default_factory=list)
    year: int | None = None
    isbns: list = field(default_factory=list)
    available: bool = False
    language: str = ""
    material_type: str = ""
    publisher: str = ""
    call_number: str = ""
    cover: str = ""
    highlight: dict = field(default_factory=dict)


@dataclass
class SearchResult:
    """A page of hits, the total, the facets ``{name: [(value, count)]}`` and a suggestion."""

    params: object
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestion: str = ""
    fallback: bool = False

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.params.page_size))


def search(params):
    """Answer ``params`` (:class:`~.params.SearchParams`) as a :class:`SearchResult`."""
    if not params.has_criteria:
        return SearchResult(params)
    try:
        return engine_search(params)
    except EngineUnavailable:
        return database_search(params, SearchResult, Hit)
    except Exception as error:
        log_fallback(logger, "OPAC search", error)
        return database_search(params, SearchResult, Hit)


def engine_search(params):
    """Search the engine's catalogue index."""
    es = search_client()
    searches = [part for body in engine_query.search_bodies(params) for part in ({}, body)]
    page, counts = call(es, "msearch", searches, body_name="searches",
                        index=alias_name())["responses"]
    for response in (page, counts):
        if "error" in response:
            raise RuntimeError(f"engine search failed: {response['error']}")
    result = SearchResult(params, total=counts["hits"]["total"]["value"])
    for hit in page["hits"]["hits"]:
        source = hit["_source"]
        result.hits.append(Hit(
            id=int(hit["_id"]), highlight=hit.get("highlight", {}),
            **{name: source.get(name) for name in engine_query.SOURCE if name in source},
        ))
    result.facets = facets(counts["aggregations"]["facets"]["buckets"])
    if result.total == 0 and params.q:
        result.suggestion = did_you_mean(es, params.q)
    return result


def facets(buckets):
    """``{name: [(value, count)]}`` out of the ``facets`` buckets (``"language:vie"``…).

    Languages, types and branches by count (the first few), decades by year; ``available``
    always has its one value.
    """
    found = {"language": [], "type": [], "branch": [], "decade": [], "available": []}
    for bucket in buckets:
        name, value = bucket["key"].split(":", 1)
        if name in found:
            found[name].append((value, bucket["doc_count"]))
    for name, size in engine_query.FACET_SIZES.items():
        found[name] = found[name][:size]
    found["decade"] = sorted((int(value), count) for value, count in found["decade"])
    found["available"] = [(True, sum(count for _v, count in found["available"]))]
    return found


def did_you_mean(es, text):
    """The query with each unknown word replaced by the closest indexed one, or ``""``."""
    response = call(es, "search", engine_query.suggest_body(text), index=alias_name())
    replaced = {}
    for name in ("title", "authors"):
        for entry in response.get("suggest", {}).get(name, []):
            if entry["options"] and entry["offset"] not in replaced:
                replaced[entry["offset"]] = (entry["length"], entry["options"][0]["text"])
    suggestion = text
    for offset in sorted(replaced, reverse=True):
        length, word = replaced[offset]
        suggestion = suggestion[:offset] + word + suggestion[offset + length:]
    return suggestion if suggestion != text else ""


class Suggestions(list):
    """Autocomplete's suggestions; ``fallback`` says the database answered, not the engine."""

    def __init__(self, suggestions=(), fallback=False):
        super().__init__(suggestions)
        self.fallback = fallback


def autocomplete(text):
    """Up to 8 ``{"id", "title", "authors", "year"}`` whose title starts like ``text``, as
    :class:`Suggestions`."""
    text = clean_query(text)
    if not text:
        return Suggestions()
    try:
        es = search_client()
        response = call(es, "search", engine_query.autocomplete_body(text, AUTOCOMPLETE_SIZE),
                        index=alias_name())
    except EngineUnavailable:
        return Suggestions(database_autocomplete(text, AUTOCOMPLETE_SIZE), fallback=True)
    except Exception as error:
        log_fallback(logger, "OPAC autocomplete", error)
        return Suggestions(database_autocomplete(text, AUTOCOMPLETE_SIZE), fallback=True)
    suggestions = {}
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        suggestions.setdefault(source["title"].casefold(), {
            "id": int(hit["_id"]), "title": source["title"],
            "authors": source.get("authors", []), "year": source.get("year"),
        })
    return Suggestions(list(suggestions.values())[:AUTOCOMPLETE_SIZE])
