"""CQL queries read with ``cql-parser`` and checked against what the catalogue can answer.

:func:`parse_query` returns a tree of frozen values (:class:`Clause`, :class:`Boolean`) and the
sort keys; every index, relation, modifier and term is checked here and refused with an SRU
:class:`~.diagnostics.Diagnostic`, so the engine and database builders only translate. No part
of the query ever reaches the engine as query syntax.
"""

import logging
import re
import threading
from dataclasses import dataclass

from cql.lexer import CQLLexer, CQLLexerError
from cql.parser import CQLParser12, CQLParserError, CQLSearchClause, CQLTriple

from catalogue.sru.diagnostics import Diagnostic
from search.analysis import MAX_QUERY_LENGTH as MAX_TERM_LENGTH
from search.analysis import clean_query, fold

# The parser logs every syntax error at ERROR level; the reader gets a diagnostic instead.
logging.getLogger("cql").setLevel(logging.CRITICAL)

MAX_QUERY_LENGTH = 2000
MAX_BOOLEANS = 31  # 32 clauses; an OpenSearch bool query allows 1024
MIN_MASKED_WORD = 2
CONTEXT_SETS = ("cql", "dc", "bath", "rec")
# index: (kind, the OPAC's name of the field). The kinds decide the relations.
INDEXES = {
    "cql.anywhere": ("text", "q"),
    "cql.serverChoice": ("text", "q"),
    "dc.title": ("text", "title"),
    "dc.creator": ("text", "author"),
    "dc.subject": ("text", "subject"),
    "dc.date": ("date", "year"),
    "bath.isbn": ("isbn", "isbn"),
    "rec.identifier": ("identifier", "control_number"),
    "cql.allRecords": ("all", ""),
}
ALIASES = {"bath.title": "dc.title", "bath.author": "dc.creator", "bath.subject": "dc.subject",
           "cql.keywords": "cql.anywhere"}
RELATIONS = {
    "text": ("=", "all", "any", "adj", "=="),
    "date": ("=", "==", "<>", "<", ">", "<=", ">=", "within"),
    "isbn": ("=", "==", "any"),
    "identifier": ("=", "==", "any"),
    "all": ("=", "==", "all", "any", "adj"),
}
KNOWN_RELATIONS = {"encloses", "scr", "exact"} | {r for rs in RELATIONS.values() for r in rs}
RELATION_MODIFIERS = {"relevant", "ignorecase", "ignoreaccents"}  # what we do anyway
SORT_INDEXES = ("dc.date", "dc.title", "dc.creator")
SORT_MODIFIERS = {"ignorecase", "respectcase", "missinglow", "missinghigh", "missingomit",
                  "missingfail", "missingvalue"}
_YEAR = re.compile(r"(\d{1,4})(?:-\d{2}(?:-\d{2})?)?")
_lookup = {name.lower(): name for name in INDEXES} | {k.lower(): v for k, v in ALIASES.items()}


@dataclass(frozen=True)
class Clause:
    """``index relation term``: ``text`` cleaned (NFC), ``truncated`` for a trailing ``*``,
    ``years`` the bounds of a date clause."""

    index: str
    kind: str
    field: str
    relation: str
    text: str = ""
    truncated: bool = False
    years: tuple = ()


@dataclass(frozen=True)
class Boolean:
    """``left op right``, ``op`` one of ``and``, ``or``, ``not``."""

    op: str
    left: object
    right: object


@dataclass(frozen=True)
class SortKey:
    index: str
    descending: bool = False


@dataclass(frozen=True)
class Query:
    root: object
    sort: tuple = ()


_local = threading.local()


def _parser():
    """A parser of this thread's own (ply parsers keep their state on the object)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        lexer = CQLLexer()
        lexer.build()
        parser = CQLParser12()
        parser.build(lexer)
        _local.parser = parser
    return parser


def _name(value):
    """A relation's or modifier's name: lowercase, without the ``cql.``/``sort.`` prefix."""
    name = str(value).lower()
    for prefix in ("cql.", "sort."):
        name = name.removeprefix(prefix)
    return name


def resolve_index(name):
    """The canonical name of an index (``title`` → ``dc.title``); raise 15 or 16."""
    key = str(name).lower()
    if key in _lookup:
        return _lookup[key]
    if "." not in key:
        for context_set in CONTEXT_SETS:
            if f"{context_set}.{key}" in _lookup:
                return _lookup[f"{context_set}.{key}"]
    elif key.split(".", 1)[0] not in CONTEXT_SETS:
        raise Diagnostic(15, str(name).split(".", 1)[0])
    raise Diagnostic(16, name)


def _unmasked(raw):
    """``(text, truncated)`` of a term: escapes (``\\*``) read, a trailing ``*`` is truncation;
    any other masking or anchoring character is refused."""
    chars, truncated, escaped = [], False, False
    for position, char in enumerate(raw):
        if escaped:
            chars.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "*":
            if position != len(raw) - 1:
                raise Diagnostic(49, raw)
            truncated = True
        elif char == "?":
            raise Diagnostic(28, raw)
        elif char == "^":
            raise Diagnostic(31, raw)
        else:
            chars.append(char)
    return "".join(chars), truncated


def _years(text, relation):
    words = text.split()
    if relation == "within":
        if len(words) != 2:
            raise Diagnostic(36, text)
        low, high = sorted(_year(word, text) for word in words)
        return low, high
    if len(words) != 1:
        raise Diagnostic(36, text)
    return (_year(words[0], text),)


def _year(word, text):
    match = _YEAR.fullmatch(word)
    if not match:
        raise Diagnostic(36, text)
    return int(match.group(1))


def _relation(clause, kind):
    relation = clause.relation
    name = _name(relation.comparitor) if relation else "="
    name = {"scr": "=", "exact": "=="}.get(name, name)
    if name not in KNOWN_RELATIONS:
        raise Diagnostic(19, relation.comparitor)
    if name not in RELATIONS[kind]:
        raise Diagnostic(22, f"{name} {clause.index}")
    for modifier in (relation.modifiers or []) if relation else []:
        if _name(modifier.name) not in RELATION_MODIFIERS:
            raise Diagnostic(20, modifier.toCQL())
    return name


def _clause(clause):
    index = resolve_index(clause.index) if clause.index is not None else "cql.serverChoice"
    kind, field = INDEXES[index]
    relation = _relation(clause, kind)
    raw = clause.term
    if len(raw) > MAX_TERM_LENGTH:
        raise Diagnostic(23, f"{len(raw)} > {MAX_TERM_LENGTH}")
    text, truncated = _unmasked(raw)
    text = clean_query(text)
    if kind == "all":
        return Clause(index, kind, field, relation)
    if not text:
        raise Diagnostic(27, index)
    if truncated:
        if kind != "text":
            raise Diagnostic(28, raw)
        if len(fold(text.split()[-1])) < MIN_MASKED_WORD:
            raise Diagnostic(29, raw)
    years = _years(text, relation) if kind == "date" else ()
    return Clause(index, kind, field, relation, text, truncated, years)


def _check_shape(root):
    """Count the booleans and refuse what we do not support, without recursion (the tree of a
    long query is deep)."""
    booleans, stack = 0, [root]
    while stack:
        node = stack.pop()
        if node.prefixes:
            raise Diagnostic(48, "prefix assignment")
        if isinstance(node, CQLTriple):
            booleans += 1
            if booleans > MAX_BOOLEANS:
                raise Diagnostic(38, f"> {MAX_BOOLEANS}")
            if node.operator.modifiers:
                raise Diagnostic(46, node.operator.toCQL())
            if node.operator.value.lower() == "prox":
                raise Diagnostic(39, "prox")
            stack += [node.left, node.right]


def _tree(node):
    if isinstance(node, CQLSearchClause):
        return _clause(node)
    return Boolean(node.operator.value.lower(), _tree(node.left), _tree(node.right))


def _sort_key(spec):
    try:
        index = resolve_index(spec.index)
    except Diagnostic:
        index = None
    if index not in SORT_INDEXES:
        raise Diagnostic(88, spec.index)
    descending = False
    for modifier in spec.modifiers or []:
        name = _name(modifier.name)
        if name in {"ascending", "descending"}:
            descending = name == "descending"
        elif name not in SORT_MODIFIERS:
            raise Diagnostic(82, modifier.toCQL())
    return SortKey(index, descending)


def parse_query(text):
    """The :class:`Query` of CQL ``text``; raise :class:`~.diagnostics.Diagnostic`."""
    if len(text) > MAX_QUERY_LENGTH:
        raise Diagnostic(12, f"{len(text)} > {MAX_QUERY_LENGTH}")
    if not text.strip():
        raise Diagnostic(27, "query")
    try:
        parsed = _parser().parse(text)
    except (CQLLexerError, CQLParserError) as error:
        code = 13 if "parenthes" in str(error.args[0]) else 10
        raise Diagnostic(code, error.args[0]) from None
    except Exception as error:  # the parser's own failure on input it did not foresee
        raise Diagnostic(10, type(error).__name__) from None
    if parsed is None:
        raise Diagnostic(10, text)
    _check_shape(parsed.root)
    return Query(_tree(parsed.root), tuple(_sort_key(s) for s in parsed.root.sortSpecs))


def sort_keys_parameter(text):
    """SRU 1.1/1.2's ``sortKeys`` (``path,schema,ascending…`` separated by spaces) as sort keys."""
    keys = []
    for key in text.split():
        path, *rest = key.split(",")
        ascending = rest[1] if len(rest) > 1 else "1"
        if ascending not in {"0", "1", ""}:
            raise Diagnostic(90, key)
        try:
            index = resolve_index(path)
        except Diagnostic:
            index = None
        if index not in SORT_INDEXES:
            raise Diagnostic(88, path)
        keys.append(SortKey(index, ascending == "0"))
    return tuple(keys)


def positive_texts(node):
    """``{OPAC field name: words}`` of the text clauses not under a ``not``: what the ranking
    of the best matches looks at (see :func:`catalogue.opac.engine_query.ranking_query`)."""
    texts = {}
    if isinstance(node, Clause):
        if node.kind == "text":
            texts[node.field] = node.text
    elif node.op == "not":
        texts = positive_texts(node.left)
    else:
        for side in (node.right, node.left):
            for name, words in positive_texts(side).items():
                texts[name] = f"{words} {texts[name]}" if name in texts else words
    return texts
