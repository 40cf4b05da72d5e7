"""Build the engine request of an OPAC search: structured queries only, never ``query_string``."""

from catalogue.marc.elements import normalise_isbn
from catalogue.opac.boolean import Term, parse

# A keyword search (``q``) matches on ``keywords``, the one field every searchable field is
# copied into (see catalogue.index): one conjunction instead of a cross-field match over
# twelve fields. The field weights below and the ranking clauses only order the best
# RESCORE_WINDOW matches (a rescore, constant so that pages stay consistent), so a query that
# matches most of the catalogue costs about what matching it costs.
KEYWORDS = "keywords"
KEYWORD_FIELDS = [
    "title^4", "subtitle^2", "authors^3", "responsibility", "subjects^2", "series", "publisher",
    "summary", "notes", "call_number", "isbns", "control_number",
]
RESCORE_WINDOW = 100
FIELDS = {
    "q": [KEYWORDS],
    "title": ["title^3", "subtitle", "series"],
    "author": ["authors^2", "responsibility"],
    "subject": ["subjects"],
    "publisher": ["publisher"],
    "call_number": ["call_number", "classification"],
}
PHRASE_BOOST = 3.0
# Adds at most ~0.02 to a score: equally relevant records (editions of one title) newest first.
NEWER_FIRST = {"function_score": {"field_value_factor": {
    "field": "year", "factor": 0.00001, "missing": 0,
}}}
EXACT_BOOST = 2.0
# Best-partial matching (a search whose every-word matching found little): at least half the
# words of a text, each found word worth more than any relevance.
WORD_WEIGHT = 10_000
PARTIAL_MINIMUM = "50%"
# Sorts other than relevance break ties by title, not score: nothing is scored, and the engine
# skips the matches that cannot make the page.
SORTS = {
    "relevance": ["_score", {"year": {"order": "desc", "missing": "_last"}}],
    "year_desc": [{"year": {"order": "desc", "missing": "_last"}}, {"title.sort": "asc"}],
    "year_asc": [{"year": {"order": "asc", "missing": "_last"}}, {"title.sort": "asc"}],
    "title": [{"title.sort": "asc"}, {"year": {"order": "desc", "missing": "_last"}}],
    "author": [{"author_sort": {"order": "asc", "missing": "_last"}}, {"title.sort": "asc"}],
}
# All facets in one terms aggregation over the ``facets`` field (see catalogue.index);
# its size is above the number of distinct values, so every count is exact.
FACET_VALUES = 2000
FACETS = {"facets": {"terms": {"field": "facets", "size": FACET_VALUES}}}
FACET_SIZES = {"language": 20, "type": 20, "branch": 30}
HIGHLIGHT = {
    "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
    "fields": {
        "title": {"number_of_fragments": 0}, "subtitle": {"number_of_fragments": 0},
        "authors": {"number_of_fragments": 0}, "subjects": {"number_of_fragments": 0},
        "summary": {"fragment_size": 160, "number_of_fragments": 1},
    },
}
# "Did you mean": the words of a keyword search that no record holds in any spelling (the folded
# words of ``keywords``), each with its nearest folded word when it has one.
UNKNOWN = {"term": {"field": KEYWORDS, "analyzer": "vi_folded", "suggest_mode": "missing",
                    "size": 1}}
SOURCE = ["title", "subtitle", "authors", "year", "isbns", "available", "language",
          "material_type", "publisher", "call_number", "cover"]


def words_query(text, fields, mode="all", prefix=False):
    """The words of ``text`` in ``fields`` (``[KEYWORDS]`` or weighted fields), folded as the
    OPAC matches them: ``all`` of them, ``any`` of them, or the ``phrase``. With ``prefix`` the
    last word may be the start of a word (folded too: "quang nin" finds "Quảng Ninh")."""
    folded = {"analyzer": "vi_folded"} if prefix or fields == [KEYWORDS] else {}
    if mode == "phrase":
        if fields == [KEYWORDS]:
            kind = "match_phrase_prefix" if prefix else "match_phrase"
            return {kind: {KEYWORDS: {"query": text, **folded}}}
        kind = "phrase_prefix" if prefix else "phrase"
        return {"multi_match": {"query": text, "fields": fields, "type": kind, **folded}}
    operator = {"operator": "and" if mode == "all" else "or"}
    if fields == [KEYWORDS]:
        kind = "match_bool_prefix" if prefix else "match"
        return {kind: {KEYWORDS: {"query": text, **operator, **folded}}}
    kind = "bool_prefix" if prefix else "cross_fields"
    return {"multi_match": {"query": text, "fields": fields, "type": kind, **operator, **folded}}


def _term_query(term, fields):
    return words_query(term.text, fields, "phrase" if term.phrase else "all")


def isbn_query(text):
    """An ISBN (normalised, hyphens dropped) or an ISSN, exactly."""
    number = normalise_isbn(text) or text.replace("-", "").upper()
    return {"bool": {"should": [{"term": {"isbns": number}}, {"term": {"issns": text.upper()}}],
                     "minimum_should_match": 1}}


def _ranking(name, text, word_by_word=False):
    """Optional clauses: the field weights of a keyword search, the words as written (with their
    diacritics), the words side by side. ``word_by_word`` (best-partial matches, where the words
    side by side match no record): each word as a phrase of one, which ranks its spellings as the
    phrase does (the word as typed, then in its accepted spelling, then folded)."""
    fields = KEYWORD_FIELDS if name == "q" else FIELDS[name]
    exact = [f"{field.split('^')[0]}.exact" for field in fields
             if field.split("^")[0] in {"title", "subtitle", "authors", "subjects"}]
    should = [{"multi_match": {"query": text, "fields": fields, "type": "cross_fields"}}] \
        if name == "q" else []
    if exact:
        should.append({"multi_match": {"query": text, "fields": exact, "boost": EXACT_BOOST}})
    phrases = text.split() if word_by_word else [text] if " " in text else []
    should += [{"multi_match": {
        "query": phrase, "fields": fields, "type": "phrase", "boost": PHRASE_BOOST,
    }} for phrase in phrases]
    return should


def _some_words(words, fields):
    """Best-partial matching: at least half the words; each word found adds WORD_WEIGHT to its
    relevance, so that records with more of the words rank first (their relevance orders those
    with as many). The weight is a constant score beside the word, not a ``function_score``
    (which has no maximum score): the engine knows the most each word can add and skips the
    records that cannot make the page (block-max WAND) instead of scoring every match."""
    found = [_term_query(Term(word), fields) for word in words]
    return {"bool": {"should": [
        {"bool": {"must": [word, {"constant_score": {"filter": word, "boost": WORD_WEIGHT}}]}}
        for word in found
    ], "minimum_should_match": PARTIAL_MINIMUM}}


def text_query(name, text, fields=None, partial=False):
    """The query of one text field (``q``, ``title``…): alternatives of wanted/excluded terms,
    looked for in ``fields`` (by default the field's own: ``keywords`` for ``q``). ``partial``:
    some of the words of each alternative are enough (:func:`partial_body`)."""
    if name == "isbn":
        return isbn_query(text)
    fields = fields or FIELDS[name]
    alternatives = []
    for group in parse(text):
        wanted = [t for t in group if not t.negated]
        words = [t.text for t in wanted if not t.phrase]
        must = [_term_query(t, fields) for t in wanted if t.phrase]
        if partial and len(words) > 1:
            must.append(_some_words(words, fields))
        elif words:
            must.append(_term_query(Term(" ".join(words)), fields))
        alternatives.append({"bool": {
            "must": must,
            "must_not": [_term_query(t, fields) for t in group if t.negated],
        }})
    if not alternatives:
        return {"match_none": {}}
    if len(alternatives) == 1:
        return alternatives[0]
    return {"bool": {"should": alternatives, "minimum_should_match": 1}}


def ranking_query(texts, word_by_word=False):
    """The clauses that order the best matches of a relevance search (see RESCORE_WINDOW)."""
    should = [
        clause
        for name, text in texts.items() if name != "isbn"
        for group in parse(text)
        for clause in _ranking(name, " ".join(t.text for t in group if not t.negated),
                               word_by_word)
    ]
    if not should:
        return None
    should.append(NEWER_FIRST)
    return {"bool": {"should": should}}


def highlight_query(texts):
    """The query the highlighter marks words of: a keyword search's words in every field."""
    return {"bool": {"must": [
        text_query(name, text, KEYWORD_FIELDS if name == "q" else None)
        for name, text in texts.items()
    ] or [{"match_all": {}}]}}


def filters(params):
    """Term and range filters of the limits."""
    found = []
    if params.language:
        found.append({"terms": {"language": list(params.language)}})
    if params.type:
        found.append({"terms": {"material_type": list(params.type)}})
    if params.branch:
        found.append({"terms": {"branches": list(params.branch)}})
    if params.available:
        found.append({"term": {"available": True}})
    if params.year_from is not None or params.year_to is not None:
        bounds = {"gte": params.year_from, "lte": params.year_to}
        found.append({"range": {"year": {k: v for k, v in bounds.items() if v is not None}}})
    return found


def _page(query, params, sort, offset, word_by_word=False):
    """A page of hits: the query, sort (or, by relevance, a rescore of the best matches),
    highlight, without counting every match (the engine may skip those that cannot make it)."""
    page = {
        "query": query,
        "from": offset,
        "size": params.page_size,
        "track_total_hits": False,
        "_source": SOURCE,
        "highlight": {**HIGHLIGHT, "highlight_query": highlight_query(params.texts)},
    }
    ranking = ranking_query(params.texts, word_by_word) if sort == "relevance" else None
    if ranking:  # a rescore sorts by score alone
        page["rescore"] = {"window_size": RESCORE_WINDOW, "query": {"rescore_query": ranking}}
    else:
        page["sort"] = SORTS[sort]
    return page


def search_bodies(params):
    """The two requests of a search, sent together (``_msearch``), run side by side.

    The page (see :func:`_page`) and the facets: the same query and filters unscored, no hits,
    the exact total and the facet counts; with a keyword search, which of its words no record
    holds (:data:`UNKNOWN`: a look-up of each word, the nearest only for those missing), for
    "did you mean".
    """
    must = [text_query(name, text) for name, text in params.texts.items()]
    query = {"bool": {"must": must or [{"match_all": {}}], "filter": filters(params)}}
    page = _page(query, params, params.sort, params.offset)
    facets = {
        "query": {"bool": {"filter": [query]}},
        "size": 0,
        "track_total_hits": True,
        "aggs": FACETS,
    }
    if params.q:
        facets["suggest"] = {"text": params.q, "unknown": UNKNOWN}
    return page, facets


def partial_body(params):
    """The request of the best-partial matches of a search whose every-word matching found
    little: the records with some of the words of a text (:func:`_some_words`), those with all
    left out, ranked by how many they have, then by relevance; ``None`` when no text has two
    words to drop one of."""
    strict = [text_query(name, text) for name, text in params.texts.items()]
    relaxed = [text_query(name, text, partial=True) for name, text in params.texts.items()]
    if relaxed == strict:
        return None
    query = {"bool": {"must": relaxed, "must_not": [{"bool": {"must": strict}}],
                      "filter": filters(params)}}
    return _page(query, params, "relevance", 0, word_by_word=True)


def known_words_body(params, known):
    """The best-partial matches of a keyword search some of whose words no record holds: the
    records with every ``known`` word (the rest of the words) have the most words a record can
    have, and :func:`partial_body` would rank them by relevance alone (its word weights add the
    same to each), as this does. Matching every word costs the engine far less than matching
    some: when it fills less than a page, the caller asks :func:`partial_body` for the rest."""
    query = {"bool": {"must": [text_query("q", known)], "filter": filters(params)}}
    return _page(query, params, "relevance", 0, word_by_word=True)


def suggest_body(text):
    """Term suggesters for "did you mean": the nearest words to those of ``text`` as the titles
    and authors write them (``.exact``: diacritics kept, only words some record holds). The
    caller blanks the words it needs no suggestion for (their offsets stay)."""
    def nearest(field):
        return {"term": {"field": field, "suggest_mode": "always", "size": 5, "min_word_length": 2}}

    return {
        "size": 0,
        "suggest": {"text": text, "title": nearest("title.exact"),
                    "authors": nearest("authors.exact")},
    }


def autocomplete_body(text, size):
    """Prefix search on the titles' edge n-grams, the titles with the words as typed (or in
    their accepted spelling) first; a few more than ``size`` hits, so that one suggestion per
    distinct title still fills the list (collapsing in the engine costs 2×)."""
    return {
        "query": {"bool": {
            "must": {"match": {"title.autocomplete": {"query": text, "operator": "and"}}},
            "should": {"match": {"title": {"query": text}}},
        }},
        "size": size * 3,
        "track_total_hits": False,
        "_source": ["title", "authors", "year"],
    }
