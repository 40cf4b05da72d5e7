"""The OPAC on the database alone (no engine configured, or the engine down): fewer features.

Words are matched, folded and spelled by the rules of :mod:`search.analysis` ("sach" finds
"Sách", "ky nang" finds "Kỹ năng"), in each record's ``search_text``; AND/OR/NOT, phrases, limits,
sorts, pages and best-partial matches work; facets, highlighting and suggestions do not.
"""

from dataclasses import replace

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from catalogue.choices import HoldingStatus
from catalogue.models import Holding, Record
from catalogue.opac.boolean import parse
from catalogue.opac.params import TEXT_FIELDS
from search.analysis import fold

SORTS = {
    "relevance": ["title", "pk"], "title": ["title", "pk"], "author": ["title", "pk"],
    "year_desc": ["-year", "title"], "year_asc": ["year", "title"],
}


def _text_filter(name, text):
    if name == "isbn":
        return Q(isbns__icontains=text.replace("-", "")) | Q(issns__icontains=text)
    alternatives = Q(pk__in=[])
    for group in parse(text):
        clause = Q()
        for term in group:
            words = [fold(term.text)] if term.phrase else fold(term.text).split()
            for word in words:
                clause &= ~Q(search_text__contains=word) if term.negated else Q(
                    search_text__contains=word)
        alternatives |= clause
    return alternatives


def matching_records(params):
    """The records matching ``params`` (unordered), each with ``is_available``."""
    available = Holding.objects.filter(record=OuterRef("pk"), status=HoldingStatus.AVAILABLE)
    records = Record.objects.visible().annotate(is_available=Exists(available))
    for name, text in params.texts.items():
        records = records.filter(_text_filter(name, text))
    if params.language:
        records = records.filter(language__in=params.language)
    if params.type:
        records = records.filter(material_type__in=params.type)
    if params.branch:
        records = records.filter(
            Exists(Holding.objects.filter(record=OuterRef("pk"), branch__in=params.branch)))
    if params.available:
        records = records.filter(is_available=True)
    if params.year_from is not None:
        records = records.filter(year__gte=params.year_from)
    if params.year_to is not None:
        records = records.filter(year__lte=params.year_to)
    return records


def _hits(records, hit_class):
    return [
        hit_class(
            id=r.pk, title=r.title, subtitle=r.subtitle, authors=r.author_names, year=r.year,
            isbns=r.isbns, available=r.is_available, language=r.language,
            material_type=r.material_type, publisher=r.publisher, call_number=r.call_number,
            cover=r.cover_thumbnail,
        )
        for r in records.select_related("cover").defer("marcxml", "search_text")
    ]


def database_search(params, result_class, hit_class):
    """The :class:`~catalogue.opac.search.SearchResult` of ``params`` from PostgreSQL/SQLite."""
    records = matching_records(params).order_by(*SORTS[params.sort])
    result = result_class(params, total=records.count(), fallback=True)
    result.hits = _hits(records[params.offset:params.offset + params.page_size], hit_class)
    return result


def database_partial(params, full, hit_class):
    """Best-partial matches from the database: the records with at least half the wanted words
    of the texts, the most first, those of ``full`` (the hits with every word) left out."""
    words = [fold(term.text) for name, text in params.texts.items() if name != "isbn"
             for group in parse(text) for term in group if not term.negated]
    if len(words) < 2:
        return []
    found = sum((Case(When(search_text__contains=word, then=Value(1)), default=Value(0),
                      output_field=IntegerField()) for word in words), Value(0))
    others = replace(params, **{name: "" for name in TEXT_FIELDS if name != "isbn"})
    records = matching_records(others).annotate(
        words_found=found).filter(words_found__gte=max(1, len(words) // 2)).exclude(
        pk__in=[hit.id for hit in full]).order_by("-words_found", "title", "pk")
    return _hits(records[:params.page_size], hit_class)


def database_autocomplete(text, size):
    """Titles starting with ``text`` (folded), from the database."""
    folded = fold(text)
    records = Record.objects.visible().filter(search_text__startswith=folded).order_by(
        "title")[:size]
    return [{"id": r.pk, "title": r.title, "authors": r.author_names, "year": r.year}
            for r in records]
