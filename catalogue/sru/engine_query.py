"""A checked CQL query (:mod:`.cql`) as the engine request of an SRU search.

Built from the OPAC's pieces (:mod:`catalogue.opac.engine_query`): the same fields, the same
folded matching, the same ranking of the best matches; structured queries only.
"""

from catalogue.opac.engine_query import (
    FIELDS,
    RESCORE_WINDOW,
    SORTS,
    isbn_query,
    ranking_query,
    words_query,
)
from catalogue.sru.cql import Clause, positive_texts

MODES = {"=": "all", "all": "all", "any": "any", "adj": "phrase", "==": "phrase"}
# ``==`` compares a whole field: the title folded (its sort key), names and subjects as written.
EXACT_FIELDS = {"title": "title.sort", "author": "authors.keyword", "subject": "subjects.keyword"}
RANGES = {"<": "lt", ">": "gt", "<=": "lte", ">=": "gte"}
SORT_FIELDS = {"dc.date": "year", "dc.title": "title.sort", "dc.creator": "author_sort"}


def _text_clause(clause):
    if clause.relation == "==" and clause.field in EXACT_FIELDS:
        return {"term": {EXACT_FIELDS[clause.field]: clause.text}}
    return words_query(clause.text, FIELDS[clause.field], MODES[clause.relation],
                       prefix=clause.truncated)


def _date_clause(clause):
    years = clause.years
    if clause.relation == "within":
        return {"range": {"year": {"gte": years[0], "lte": years[1]}}}
    if clause.relation in RANGES:
        return {"range": {"year": {RANGES[clause.relation]: years[0]}}}
    equal = {"term": {"year": years[0]}}
    return {"bool": {"must_not": [equal]}} if clause.relation == "<>" else equal


def _clause_query(clause):
    if clause.kind == "text":
        return _text_clause(clause)
    if clause.kind == "date":
        return _date_clause(clause)
    if clause.kind == "isbn":
        numbers = clause.text.split() if clause.relation == "any" else [clause.text]
        return {"bool": {"should": [isbn_query(n) for n in numbers], "minimum_should_match": 1}}
    if clause.kind == "identifier":
        numbers = clause.text.split() if clause.relation == "any" else [clause.text]
        return {"terms": {"control_number": numbers}}
    return {"match_all": {}}


def _operands(node, op):
    """The operands of a chain of one boolean (``a and b and c``) side by side."""
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Clause) or current.op != op:
            found.append(current)
        else:
            stack += [current.right, current.left]
    return found


def query_of(node):
    """The engine query of a clause or boolean."""
    if isinstance(node, Clause):
        return _clause_query(node)
    if node.op == "not":
        return {"bool": {"must": [query_of(node.left)], "must_not": [query_of(node.right)]}}
    operands = [query_of(operand) for operand in _operands(node, node.op)]
    if node.op == "and":
        return {"bool": {"must": operands}}
    return {"bool": {"should": operands, "minimum_should_match": 1}}


def sort_of(keys):
    """The engine's sort of SRU sort keys, ties broken by title."""
    order = [{SORT_FIELDS[key.index]: {"order": "desc" if key.descending else "asc",
                                       "missing": "_last"}} for key in keys]
    return [*order, {"title.sort": "asc"}]


def search_body(query, offset, size):
    """The request of an SRU search: ``size`` ids from ``offset`` and the exact total."""
    body = {"query": query_of(query.root), "from": offset, "size": size,
            "track_total_hits": True, "_source": False}
    ranking = None if query.sort or not size else ranking_query(positive_texts(query.root))
    if ranking:  # a rescore sorts by score alone
        body["rescore"] = {"window_size": RESCORE_WINDOW, "query": {"rescore_query": ranking}}
    else:
        body["sort"] = sort_of(query.sort) if query.sort else SORTS["relevance"]
    return body
