"""A checked CQL query (:mod:`.cql`) answered by the database while the engine is down.

As the OPAC's fallback (:mod:`catalogue.opac.fallback`) does, words are looked for, folded, in
each record's ``search_text``: so a word searched in the title may match elsewhere in the record.
Unlike it, a word matches whole words only ("hoa" does not find "khoa"), the start of one when
truncated (``hoa*``); a phrase its words side by side; dates, ISBNs and control numbers exactly;
no ranking (title order unless the query sorts).
"""

import re

from django.db.models import Q

from catalogue.marc.elements import normalise_isbn
from catalogue.models import Record
from catalogue.sru.cql import Clause
from search.analysis import fold

BOUNDARY = "[^a-z0-9]"
RANGES = {"<": "lt", ">": "gt", "<=": "lte", ">=": "gte"}
SORT_COLUMNS = {"dc.date": "year", "dc.title": "title", "dc.creator": "title"}


def searchable_records():
    """The records SRU may find: those readers see (not withdrawn by a harvest), also when
    the engine's index still holds a withdrawn one (its removal queued while it was down)."""
    return Record.objects.visible()


def _word(words, whole=True):
    """``words`` (folded) in ``search_text`` as whole words: ``LIKE`` narrows, a regular
    expression (the same in PostgreSQL and Python's, which Django gives SQLite) decides."""
    pattern = f"(^|{BOUNDARY}){re.escape(words)}" + (f"({BOUNDARY}|$)" if whole else "")
    return Q(search_text__contains=words) & Q(search_text__regex=pattern)


def _words(clause):
    folded = " ".join(fold(clause.text).split())
    if clause.relation in {"adj", "=="}:
        if clause.relation == "==" and clause.field == "title":
            return Q(title__iexact=clause.text)
        return _word(folded, whole=not clause.truncated)
    *first, last = folded.split()
    words = [_word(word) for word in first] + [_word(last, whole=not clause.truncated)]
    combined = words[0]
    for word in words[1:]:
        combined = combined | word if clause.relation == "any" else combined & word
    return combined


def _date(clause):
    years = clause.years
    if clause.relation == "within":
        return Q(year__gte=years[0], year__lte=years[1])
    if clause.relation in RANGES:
        return Q(**{f"year__{RANGES[clause.relation]}": years[0]})
    equal = Q(year=years[0])
    return ~equal if clause.relation == "<>" else equal


def _any_of(lookup, values):
    found = Q(pk__in=[])
    for value in values:
        found |= Q(**{lookup: value})
    return found


def condition(node):
    """The ``Q`` of a clause or boolean."""
    if isinstance(node, Clause):
        values = node.text.split() if node.relation == "any" else [node.text]
        if node.kind == "text":
            return _words(node)
        if node.kind == "date":
            return _date(node)
        if node.kind == "isbn":
            numbers = [normalise_isbn(v) or v.replace("-", "").upper() for v in values]
            return _any_of("isbns__icontains", numbers)
        if node.kind == "identifier":
            return Q(control_number__in=values)
        return Q()
    left, right = condition(node.left), condition(node.right)
    if node.op == "and":
        return left & right
    if node.op == "or":
        return left | right
    return left & ~right


def database_find(query, offset, size):
    """``(total, record ids)`` of ``query`` (:class:`~.cql.Query`) from the database."""
    records = searchable_records().filter(condition(query.root))
    total = records.count()
    if not size or offset >= total:
        return total, []
    order = [f"{'-' if key.descending else ''}{SORT_COLUMNS[key.index]}" for key in query.sort]
    ids = records.order_by(*order, "title", "pk").values_list("pk", flat=True)
    return total, list(ids[offset:offset + size])
