"""The OPAC on the database alone (no engine configured, or the engine down): fewer features.

Words are matched, folded and spelled by the rules of :mod:`search.analysis` ("sach" finds
"Sách", "ky nang" finds "Kỹ năng"), in each record's ``search_text``; AND/OR/NOT, phrases, limits,
sorts, pages, best-partial matches and "did you mean" work; facets and highlighting do not.
"""

import re
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from catalogue.choices import HoldingStatus
from catalogue.models import Holding, Record
from catalogue.opac.boolean import parse
from catalogue.opac.params import TEXT_FIELDS
from search.analysis import fold

# "Did you mean" reads the titles and authors of at most this many records per word, and
# proposes a word at least this close (difflib's ratio, on folded words) to the one typed.
SUGGESTION_ROWS = 300
SUGGESTION_CLOSENESS = 0.7
WORD = re.compile(r"\w+")
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


def database_suggestion(params):
    """"Did you mean" from the database, like the engine's (``opac.search.did_you_mean``): each
    word of ``params.q`` no visible record holds replaced by the nearest word of the titles and
    authors of records holding a word that starts like it, the known words typed without
    diacritics given the records' spelling; ``""`` when nothing changes or the suggestion finds
    nothing."""
    records = Record.objects.visible()
    suggestion = params.q
    for match in reversed(list(WORD.finditer(params.q))):
        typed = match.group()
        folded = fold(typed)
        if records.filter(search_text__contains=folded).exists():
            word = _records_spelling(records, typed, folded) if typed.isascii() else None
        else:
            word = _nearest_word(records, folded)
        if word:
            if typed[0].isupper():
                word = word[:1].upper() + word[1:]
            suggestion = suggestion[:match.start()] + word + suggestion[match.end():]
    if suggestion == params.q or not matching_records(replace(params, q=suggestion)).exists():
        return ""
    return suggestion


def _words_of(records):
    """How often each word (as written, lowercase) appears in the titles and authors of
    ``records`` (at most SUGGESTION_ROWS of them)."""
    words = Counter()
    for title, subtitle, authors in records.values_list(
            "title", "subtitle", "authors")[:SUGGESTION_ROWS]:
        text = " ".join([title, subtitle, *(author["name"] for author in authors)])
        words.update(WORD.findall(text.lower()))
    return words


def _records_spelling(records, typed, folded):
    """The records' most frequent spelling of a word typed without diacritics, if it differs."""
    words = _words_of(records.filter(search_text__contains=folded))
    spelled = [word for word, _count in words.most_common() if fold(word) == folded]
    return spelled[0] if spelled and spelled[0] != typed.lower() else None


def _nearest_word(records, folded):
    """The nearest word (most frequent among the closest) of records holding a word that
    starts like ``folded`` (its first letters, fewer and fewer until some record has them)."""
    for length in range(len(folded) - 1, 1, -1):
        holders = records.filter(search_text__contains=f" {folded[:length]}") | records.filter(
            search_text__startswith=folded[:length])
        words = _words_of(holders)
        if words:
            break
    else:
        return None
    scored = [(SequenceMatcher(None, folded, fold(word)).ratio(), count, word)
              for word, count in words.items()]
    closeness, _count, word = max(scored)
    return word if closeness >= SUGGESTION_CLOSENESS else None
