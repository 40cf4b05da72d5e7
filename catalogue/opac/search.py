"""Run an OPAC search on the engine, or on the database when the engine is missing or down."""

import logging
import math
from dataclasses import dataclass, field

from catalogue.index import alias_name, search_client
from catalogue.opac import engine_query
from catalogue.opac.boolean import parse
from catalogue.opac.fallback import (
    database_autocomplete,
    database_partial,
    database_search,
    database_suggestion,
)
from search.analysis import clean_query, fold
from search.engine import EngineUnavailable, call, log_fallback

logger = logging.getLogger(__name__)
AUTOCOMPLETE_SIZE = 8
# Fewer records with every word than this, and those with some of the words are listed after.
FEW_MATCHES = 3


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
    """A page of hits (records with every word), the total, the facets ``{name: [(value,
    count)]}``, a suggestion and, when fewer than FEW_MATCHES records have every word, the best
    partial matches (``partial_hits``: records with some of the words, the most first)."""

    params: object
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestion: str = ""
    fallback: bool = False
    partial_hits: list = field(default_factory=list)

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.params.page_size))

    @property
    def partial(self):
        """Whether records with only some of the words are listed (after the full matches)."""
        return bool(self.partial_hits)

    @property
    def wants_partial(self):
        """Few records have every word: look for those with some (on the first page)."""
        return self.total < FEW_MATCHES and self.params.page == 1


def search(params):
    """Answer ``params`` (:class:`~.params.SearchParams`) as a :class:`SearchResult`."""
    if not params.has_criteria:
        return SearchResult(params)
    try:
        return engine_search(params)
    except EngineUnavailable:
        pass
    except Exception as error:
        log_fallback(logger, "OPAC search", error)
    result = database_search(params, SearchResult, Hit)
    if result.wants_partial:
        result.partial_hits = database_partial(params, result.hits, Hit)
    if result.total == 0 and params.q:
        result.suggestion = database_suggestion(params)
    return result


def engine_search(params):
    """Search the engine's catalogue index: the page and the counts (with the words no record
    holds) side by side (one ``_msearch``); when few records have every word, the best partial
    matches and, when some word is unknown, the "did you mean" suggesters side by side too (a
    second one)."""
    es = search_client()
    page, counts = _msearch(es, engine_query.search_bodies(params))
    result = SearchResult(params, total=counts["hits"]["total"]["value"])
    result.hits = hits(page)
    result.facets = facets(counts["aggregations"]["facets"]["buckets"])
    words = counts.get("suggest", {}).get("unknown", [])
    unknown = {entry["offset"] for entry in words if entry["options"]}
    more = {}
    known = _known_words(params, words, unknown) if result.wants_partial else None
    if known:
        more["partial"] = engine_query.known_words_body(params, known)
    elif result.wants_partial and (partial := engine_query.partial_body(params)):
        more["partial"] = partial
    if result.total == 0 and unknown:
        more["suggest"] = engine_query.suggest_body(_replaceable(params.q, words, unknown))
    if more:
        answers = dict(zip(more, _msearch(es, more.values()), strict=True))
        if "partial" in answers:
            result.partial_hits = hits(answers["partial"])
        if known and len(result.partial_hits) < params.page_size:
            result.partial_hits = hits(_msearch(es, [engine_query.partial_body(params)])[0])
        if "suggest" in answers:
            result.suggestion = did_you_mean(es, params.q, unknown, answers["suggest"])
    return result


def _known_words(params, words, unknown):
    """The keyword search without its words no record holds that have a word near them (a
    typing slip; ``unknown``: their offsets in ``words``, the counts' look-up), when it is the
    only text and a list of plain words (no phrase, alternative or exclusion) in which each such
    word stands between spaces; else ``None``. See :func:`~.engine_query.known_words_body`."""
    text = params.q
    if not unknown or set(params.texts) != {"q"}:
        return None
    groups = parse(text)
    if len(groups) != 1 or any(term.phrase or term.negated for term in groups[0]):
        return None
    for entry in words:
        start, end = entry["offset"], entry["offset"] + entry["length"]
        if start in unknown:
            if text[start - 1:start].strip() or text[end:end + 1].strip():
                return None  # part of a longer word ("xưaa-nay"): dropping it would change it
            text = text[:start] + " " * (end - start) + text[end:]
    return " ".join(text.split()) or None


def _replaceable(text, words, unknown):
    """``text`` with the words "did you mean" keeps as typed blanked (spaces: the others keep
    their offsets): known words typed with diacritics (see :func:`_replacement`)."""
    for entry in words:
        start, end = entry["offset"], entry["offset"] + entry["length"]
        if start not in unknown and not text[start:end].isascii():
            text = text[:start] + " " * (end - start) + text[end:]
    return text


def _msearch(es, bodies):
    """The responses to ``bodies`` searched side by side in the catalogue index."""
    searches = [part for body in bodies for part in ({}, body)]
    responses = call(es, "msearch", searches, body_name="searches",
                     index=alias_name())["responses"]
    for response in responses:
        if "error" in response:
            raise RuntimeError(f"engine search failed: {response['error']}")
    return responses


def hits(response):
    """The :class:`Hit` of each document of an engine response."""
    found = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        found.append(Hit(
            id=int(hit["_id"]), highlight=hit.get("highlight", {}),
            **{name: source.get(name) for name in engine_query.SOURCE if name in source},
        ))
    return found


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


def did_you_mean(es, text, unknown, response):
    """From the ``response`` to :func:`~.engine_query.suggest_body`: the query with each word no
    record holds (in any spelling, with or without diacritics; ``unknown``: their offsets)
    replaced by the nearest word of a title or an author as records write it, the other words
    typed without diacritics given the records' (``"quang nimh"`` → ``"quảng ninh"``), or
    ``""``; never a query that finds nothing (the suggester reads words that deleted or
    withdrawn records may have left in the index until it merges its segments)."""
    suggest = response.get("suggest", {})
    replaced = {}
    for name in ("title", "authors"):
        for entry in suggest.get(name, []):
            if entry["offset"] not in replaced:
                word = _replacement(entry, entry["offset"] in unknown)
                if word:
                    replaced[entry["offset"]] = (entry["length"], word)
    suggestion = text
    for offset in sorted(replaced, reverse=True):
        length, word = replaced[offset]
        if suggestion[offset].isupper():
            word = word[:1].upper() + word[1:]
        suggestion = suggestion[:offset] + word + suggestion[offset + length:]
    if suggestion == text:
        return ""
    query = {"query": engine_query.text_query("q", suggestion)}
    found = call(es, "count", query, index=alias_name(), terminate_after=1)["count"]
    return suggestion if found else ""  # one record is enough: the engine stops there


def _replacement(entry, unknown):
    """The word a suggester ``entry`` puts in place of the typed one: the nearest for a word no
    record holds; for a known word typed without diacritics, the records' spelling of it."""
    options = [option["text"] for option in entry["options"]]
    if unknown:
        return options[0] if options else None
    typed = entry["text"]
    if not typed.isascii():
        return None  # typed with diacritics: kept as typed
    return next((word for word in options if fold(word) == fold(typed)), None)


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
