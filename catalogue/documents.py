"""The catalogue's index definition: Vietnamese analysis, mapping and each record's document.

Analysis comes from :mod:`search.analysis` through the Wagtail backend's settings (the
``default`` analyzer: each word as written, in its accepted spelling and folded; ``vi_exact``,
``vi_folded``; edge n-grams for autocomplete); :mod:`catalogue.index` creates, fills and
rebuilds the index from this.
"""

from copy import deepcopy

from catalogue.choices import HoldingStatus
from search.analysis import AUTOCOMPLETE_MAPPING
from search.engine import is_elasticsearch, search_backend

# OpenSearch's concurrent segment search (2.17+): a request that aggregates (facets) searches an
# index's segments side by side when it has several (edits since its last merge, an import's
# merge under way).
CONCURRENT_SEARCH = {"search.concurrent_segment_search.mode": "auto"}
SORT_NORMALIZER = {"vi_sort": {"type": "custom", "char_filter": ["vi_nfc"],
                               "filter": ["lowercase", "asciifolding"]}}
# ``.exact``: the words as written (lowercase NFC): an exact "sạch" ranks above "sách", and "did
# you mean" proposes only words some record holds. ``keywords``: the words folded and spelled by
# the rules only ("Kỹ" → "ki"), what a keyword search matches; every other text field holds each
# word as written, in its accepted spelling and folded, which only rank (see search.analysis).
EXACT = {"exact": {"type": "text", "analyzer": "vi_exact"}}
TEXT = {"type": "text"}
KEYWORD = {"type": "keyword"}
SORTABLE = {"type": "keyword", "normalizer": "vi_sort"}
# Every field a keyword search looks in is also copied into ``keywords``: the OPAC matches a
# keyword search on that one field (see catalogue.opac.engine_query).
KEYWORDS = {"copy_to": "keywords"}
# Raised when the mapping changes in a way an older index cannot answer (new fields the OPAC
# queries, a new analysis): searches then use the database until ``reindex_catalogue`` rebuilds
# the index. 3: spelling variants (i/y, tone placement), NFD, ``keywords`` folded only.
SCHEMA_VERSION = 3
MAPPING = {
    "dynamic": False,
    "_meta": {"schema_version": SCHEMA_VERSION},
    "properties": {
        "keywords": {"type": "text", "analyzer": "vi_folded"},
        "control_number": {**KEYWORD, **KEYWORDS},
        "title": {**TEXT, **KEYWORDS, "fields": {
            **EXACT, "sort": SORTABLE,
            "autocomplete": {"type": "text", **AUTOCOMPLETE_MAPPING},
        }},
        "subtitle": {**TEXT, **KEYWORDS, "fields": EXACT},
        "responsibility": {**TEXT, **KEYWORDS},
        "authors": {**TEXT, **KEYWORDS, "fields": {**EXACT, "keyword": KEYWORD}},
        "author_sort": SORTABLE,
        "subjects": {**TEXT, **KEYWORDS, "fields": {**EXACT, "keyword": KEYWORD}},
        "isbns": {**KEYWORD, **KEYWORDS},
        "issns": KEYWORD,
        "publisher": {**TEXT, **KEYWORDS},
        "place": TEXT,
        "series": {**TEXT, **KEYWORDS},
        "summary": {**TEXT, **KEYWORDS},
        "notes": {**TEXT, **KEYWORDS},
        "call_number": {**TEXT, **KEYWORDS, "fields": {"keyword": KEYWORD}},
        "classification": KEYWORD,
        "year": {"type": "short"},
        "language": KEYWORD,
        "material_type": KEYWORD,
        "available": {"type": "boolean"},
        "branches": KEYWORD,
        # Every facet value of the record ("language:vie", "decade:1990"…) in one field: one
        # terms aggregation counts them all, several times cheaper than one per facet.
        "facets": {"type": "keyword", "eager_global_ordinals": True},
        "cover": {"type": "keyword", "index": False, "doc_values": False},  # shown, not searched
    },
}


# Fields copied into a document as they are in the database.
DOCUMENT_FIELDS = (
    "control_number", "title", "subtitle", "responsibility", "subjects", "isbns", "issns",
    "publisher", "place", "series", "summary", "notes", "call_number", "classification", "year",
    "language", "material_type",
)


def index_body(backend=None):
    """Settings (our Vietnamese analysis, the configured replicas) and mapping of the index."""
    backend = backend or search_backend()
    body = deepcopy(backend.settings)
    body["settings"]["analysis"].setdefault("normalizer", {}).update(SORT_NORMALIZER)
    body["mappings"] = MAPPING
    if not is_elasticsearch(backend.es):
        body["settings"].setdefault("index", {}).update(CONCURRENT_SEARCH)
    return body


def facet_values(fields, available, branches):
    """The ``facets`` field: ``name:value`` for each facet value of the record."""
    values = [f"language:{fields['language']}", f"type:{fields['material_type']}"]
    values += [f"branch:{branch}" for branch in branches]
    if available:
        values.append("available:true")
    if fields["year"] is not None:
        values.append(f"decade:{fields['year'] // 10 * 10}")
    return values


def document_of(fields, holdings, cover):
    """The engine document of a record given as a dict of its field values, its holdings as
    ``(status, branch)`` pairs and the address of the cover a result list shows."""
    available = any(status == HoldingStatus.AVAILABLE for status, _branch in holdings)
    branches = sorted({branch for _status, branch in holdings if branch})
    authors = [author["name"] for author in fields["authors"]]
    return {
        **{name: fields[name] for name in DOCUMENT_FIELDS},
        "authors": authors,
        "author_sort": authors[0] if authors else "",
        "available": available,
        "branches": branches,
        "facets": facet_values(fields, available, branches),
        "cover": cover,
    }


def document(record, holdings):
    """The engine document of a record and its holdings (model instances)."""
    return document_of(
        vars(record), [(h.status, h.branch) for h in holdings], record.cover_thumbnail
    )
