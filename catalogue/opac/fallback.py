"""The OPAC on the database alone (no engine configured, or the engine down): fewer features.

Words are matched, folded ("sach" finds "Sách"), in each record's ``search_text``; AND/OR/NOT,
phrases, limits, sorts and pages work; facets, highlighting and suggestions do not.
"""

from django.db.models import Exists, OuterRef, Q

from catalogue.choices import HoldingStatus
from catalogue.models import Holding, Record
from catalogue.opac.boolean import parse
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


def _queryset(params):
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


def database_search(params, result_class, hit_class):
    """The :class:`~catalogue.opac.search.SearchResult` of ``params`` from PostgreSQL/SQLite."""
    records = _queryset(params).order_by(*SORTS[params.sort])
    result = result_class(params, total=records.count(), fallback=True)
    page = records.select_related("cover").defer("marcxml", "search_text")[
        params.offset:params.offset + params.page_size]
    result.hits = [
        hit_class(
            id=r.pk, title=r.title, subtitle=r.subtitle, authors=r.author_names, year=r.year,
            isbns=r.isbns, available=r.is_available, language=r.language,
            material_type=r.material_type, publisher=r.publisher, call_number=r.call_number,
            cover=r.cover_thumbnail,
        )
        for r in page
    ]
    return result


def database_autocomplete(text, size):
    """Titles starting with ``text`` (folded), from the database."""
    folded = fold(text)
    records = Record.objects.visible().filter(search_text__startswith=folded).order_by(
        "title")[:size]
    return [{"id": r.pk, "title": r.title, "authors": r.author_names, "year": r.year}
            for r in records]
