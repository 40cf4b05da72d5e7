"""Best-partial matching ranks as its definition says (each word found adds WORD_WEIGHT to the
word's relevance) and lets the engine skip the records that cannot make the page, on a
catalogue big enough for the engine's blocks of postings (1,600 records, straight into the real
engine's index)."""

import json

import pytest

from catalogue import index
from catalogue.documents import DOCUMENT_FIELDS, document_of
from catalogue.index import alias_name
from catalogue.opac import engine_query
from catalogue.opac.params import parse_params
from catalogue.opac.search import search
from catalogue.tests.engine_requests import engine_requests
from search.engine import call, search_backend

ALL_WORDS = 300  # records with the four known words of the search (they make the page)
TWO_WORDS = 1300  # records with two of them: matches, but never in the top RESCORE_WINDOW
SEARCH = {"q": "lịch sử Quảng Ninh xưaa"}  # "xưaa": no record has every word


def record_fields(title, year):
    fields = dict.fromkeys(DOCUMENT_FIELDS, "")
    fields.update(title=title, year=year, subjects=[], isbns=[], issns=[], language="vie",
                  material_type="book", authors=[{"name": "Trần Văn An"}])
    return fields


@pytest.fixture
def many(catalogue_index):
    """The records with every known word first, as an import in that order leaves them."""
    titles = ["Lịch sử Quảng Ninh"] * ALL_WORDS + ["Lịch sử làng nghề"] * TWO_WORDS
    index.send_documents([
        (pk, json.dumps(document_of(record_fields(title, 1950 + pk % 70), [], "")))
        for pk, title in enumerate(titles, start=1)
    ])
    catalogue_index()


def engine(body):
    return call(search_backend().es, "search", body, index=alias_name())


def ranked(body):
    return [(hit["_id"], hit["_score"]) for hit in engine(body)["hits"]["hits"]]


def by_definition(query):
    """``query`` with best-partial matching as first written: each word a ``function_score``
    adding WORD_WEIGHT to its relevance (the engine must score every match of it)."""
    if isinstance(query, list):
        return [by_definition(part) for part in query]
    if not isinstance(query, dict):
        return query
    words = query.get("bool", {})
    if words.get("minimum_should_match") == engine_query.PARTIAL_MINIMUM:
        return {"bool": {**words, "should": [
            {"function_score": {"query": engine_query.words_query(word, [engine_query.KEYWORDS]),
                                "functions": [{"weight": engine_query.WORD_WEIGHT}],
                                "boost_mode": "sum"}}
            for word in SEARCH["q"].split()
        ]}}
    return {key: by_definition(value) for key, value in query.items()}


def partial_body(definition=False):
    body = engine_query.partial_body(parse_params(SEARCH))
    return {**body, "query": by_definition(body["query"])} if definition else body


@pytest.mark.parametrize("size", [ALL_WORDS + TWO_WORDS, 10])
def test_partial_matches_score_as_their_definition(many, size):
    """The same records, the same scores to the last bit, the same order: every match (first
    phase) and the page (the ranking clauses rescore the best)."""
    strip = ("highlight", "rescore") if size > 10 else ("highlight",)
    ours = {key: value for key, value in partial_body().items() if key not in strip}
    defined = {key: value for key, value in partial_body(definition=True).items()
               if key not in strip}
    assert "function_score" not in json.dumps(ours["query"])
    assert "function_score" in json.dumps(defined["query"])
    assert ranked({**ours, "size": size}) == ranked({**defined, "size": size})
    assert len(ranked({**ours, "size": size})) == size
    assert ranked({**ours, "size": 3})[0][1] > 4 * engine_query.WORD_WEIGHT


def scored(body):
    """How many records the engine scored for ``body`` (its profile)."""
    profile = engine({**body, "profile": True})["profile"]["shards"][0]["searches"][0]
    return profile["query"][0]["breakdown"]["score_count"]


def test_the_engine_skips_partial_matches_that_cannot_make_the_page(many):
    """With a maximum score per word the engine passes over the blocks of records that have
    two of the words once the page holds records with four; the definition's form scores them
    all."""
    assert scored(partial_body()) < ALL_WORDS + TWO_WORDS / 2
    assert scored(partial_body(definition=True)) >= ALL_WORDS + TWO_WORDS


def test_more_words_found_rank_above_more_relevance(catalogue_index):
    """Three of the words in a long summary rank above two in a short title."""
    documents = [(1, "Lịch sử", ""), (2, "Sách mới", "lịch sử Quảng Ninh " + "và " * 40)]
    index.send_documents([
        (pk, json.dumps(document_of({**record_fields(title, 2000), "summary": summary}, [], "")))
        for pk, title, summary in documents
    ])
    catalogue_index()
    assert [hit_id for hit_id, _score in ranked(partial_body())] == ["2", "1"]


def test_with_a_word_no_record_holds_one_conjunction_finds_the_best(
        many, catalogue_index, monkeypatch):
    """"xưaa" is in no record (one has "xưa", its nearest): the records with the four other
    words have the most words, and matching those four (one conjunction, far cheaper for the
    engine than matching some of the words) fills the page: no best-partial request is sent.
    The same records partial matching ranks first, equally relevant ones newest first (partial
    matching's word weights leave the year's tie-break below a score's precision)."""
    index.send_documents([(ALL_WORDS + TWO_WORDS + 1,
                           json.dumps(document_of(record_fields("Hạ Long xưa", 2000), [], "")))])
    catalogue_index()
    sent = engine_requests(monkeypatch)
    result = search(parse_params(SEARCH))
    assert result.total == 0 and len(result.partial_hits) == 20
    searches = [body for method, body, _params in sent if method == "msearch"]
    assert len(searches) == 2 and "minimum_should_match" not in json.dumps(searches[1][1])
    best = {int(hit_id) for hit_id, _score in ranked({**partial_body(), "size": ALL_WORDS})}
    assert {hit.id for hit in result.partial_hits} <= best == set(range(1, ALL_WORDS + 1))
    years = [hit.year for hit in result.partial_hits]
    assert years == sorted(years, reverse=True) and years[0] == 2019
