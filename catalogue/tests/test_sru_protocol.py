"""SRU's protocol: the explain record, every bad request answered with its diagnostic, hostile
CQL (deep nesting, huge terms, injection attempts, garbage) never a 500."""

import random

import pytest

from catalogue.tests.catalogue import load_catalogue
from catalogue.tests.sru_responses import read

pytestmark = pytest.mark.django_db
ZEEREX = "{http://explain.z3950.org/dtd/2.0/}"


def sru(client, **params):
    return read(client.get("/sru", params))


def search(client, query, version="1.2", **params):
    return sru(client, version=version, operation="searchRetrieve", query=query, **params)


@pytest.mark.parametrize(("params", "version"), [
    ({}, "2.0"), ({"operation": "explain", "version": "1.2"}, "1.2"),
    ({"version": "1.1", "operation": "explain"}, "1.1"),
])
def test_explain_describes_indexes_relations_and_schemas(client, params, version):
    answer = sru(client, **params)
    assert answer.version == version and not answer.diagnostics
    explain = answer.records[0]
    assert explain.tag == f"{ZEEREX}explain"
    assert explain.findtext(f"{ZEEREX}serverInfo/{ZEEREX}database") == "sru"
    indexes = {
        index.get("id"): index for index in explain.iter(f"{ZEEREX}index")
    }
    assert set(indexes) == {"cql.anywhere", "cql.serverChoice", "dc.title", "dc.creator",
                            "dc.subject", "dc.date", "bath.isbn", "rec.identifier",
                            "cql.allRecords"}
    title = indexes["dc.title"]
    assert {t.get("lang"): t.text for t in title.findall(f"{ZEEREX}title")} == {
        "vi": "Nhan đề", "en": "Title"}
    assert {t.get("lang"): t.text for t in explain.iter(f"{ZEEREX}title")
            if t.text.startswith(("Mục lục", "Catalogue"))} == {
        "vi": "Mục lục – Thư viện tỉnh Quảng Ninh", "en": "Catalogue – Thư viện tỉnh Quảng Ninh"}
    maps = [(n.get("set"), n.text) for n in title.iter(f"{ZEEREX}name")]
    assert maps == [("dc", "title"), ("bath", "title")]
    relations = lambda name: [s.text for s in indexes[name].iter(f"{ZEEREX}supports")]  # noqa: E731
    assert relations("dc.date") == ["=", "==", "<>", "<", ">", "<=", ">=", "within"]
    assert relations("dc.creator") == ["=", "all", "any", "adj", "=="]
    assert indexes["dc.date"].get("sort") == "true"
    assert {s.get("name") for s in explain.iter(f"{ZEEREX}schema")} == {"marcxml", "dc"}
    sets = {s.get("name"): s.get("identifier") for s in explain.iter(f"{ZEEREX}set")}
    assert sets["dc"] == "info:srw/cql-context-set/1/dc-v1.1"


# (query or parameters, the diagnostic's code)
BAD_QUERIES = [
    ("dc.publisher = kim", 16), ("foo.title = x", 15), ("dc.title < x", 22),
    ("dc.date any 1998", 22), ("dc.title zz x", 19), ("dc.title =/stem x", 20),
    ("dc.title = ", 10), ("dc.title = x)", 13), ("(dc.title = x", 13), ('dc.title = "x', 10),
    ("dc.title = x and", 10), ('dc.title = ""', 27), ("dc.title = a?b", 28),
    ("dc.title = a*b", 49), ("dc.title = a*", 29), ("dc.title = ^abc", 31),
    ("bath.isbn = 97860*", 28), ("a prox b", 39), ("a and/rel.combine=sum b", 46),
    ('> dc = "info:srw/cql-context-set/1/dc-v1.1" dc.title = x', 48),
    ("dc.date = 19th-century", 36), ('dc.date within "1990"', 36),
    ("a sortBy dc.publisher", 88), ("a sortBy dc.date/sort.weird", 82),
    ("  ", 27),
]
BAD_PARAMETERS = [
    ({"version": "3.0", "operation": "explain"}, 5),
    ({"version": "1.2", "operation": "scan", "scanClause": "a"}, 4),
    ({"version": "1.2", "operation": "scan"}, 4),
    ({"version": "1.2", "operation": "searchRetrieve"}, 7),
    ({"version": "1.2", "query": "a", "startRecord": "0"}, 6),
    ({"version": "1.2", "query": "a", "startRecord": "x"}, 6),
    ({"version": "1.2", "query": "a", "maximumRecords": "-1"}, 6),
    ({"version": "1.2", "query": "a", "recordSchema": "mods"}, 66),
    ({"version": "1.2", "query": "a", "recordPacking": "json"}, 71),
    ({"version": "2.0", "query": "a", "recordPacking": "unpacked"}, 71),
    ({"version": "2.0", "query": "a", "queryType": "pqf"}, 11),
    ({"version": "1.2", "query": "a", "stylesheet": "/x.xsl"}, 110),
    ({"version": "1.2", "query": "a", "recordXPath": "/x"}, 72),
    ({"version": "1.2", "query": "a", "bogus": "1"}, 8),
    ({"version": "2.0", "query": "a", "sortKeys": "dc.date"}, 8),  # 1.x only
    ({"version": "1.2", "query": "a", "sortKeys": "dc.publisher"}, 88),
    ({"version": "1.2", "query": "a", "startRecord": "9990", "maximumRecords": "20"}, 61),
]


def test_bad_queries_get_their_diagnostic(client):
    answers = {query: search(client, query) for query, _code in BAD_QUERIES}
    assert {q: a.diagnostic_codes for q, a in answers.items()} == {
        query: [code] for query, code in BAD_QUERIES}
    assert all(a.total == 0 and not a.records for a in answers.values())


def test_bad_parameters_get_their_diagnostic(client):
    codes = [sru(client, **params).diagnostic_codes for params, _code in BAD_PARAMETERS]
    assert codes == [[code] for _params, code in BAD_PARAMETERS]
    # details say what was wrong
    assert sru(client, version="1.2", query="dc.publisher = x").diagnostics == [
        (16, "dc.publisher")]
    answer = sru(client, version="9", operation="searchRetrieve", query="a")
    assert answer.version == "1.2" and answer.diagnostics[0][0] == 5


def test_extension_parameters_are_ignored(client, catalogue_index):
    load_catalogue(catalogue_index)
    answer = search(client, "dc.title = toan", **{"x-client": "MarcEdit", "resultSetTTL": "60"})
    assert (answer.total, answer.diagnostics) == (1, [])


HOSTILE = [
    "(" * 900 + "dc.title = toan" + ")" * 900,  # deep nesting within the length limit
    " and ".join(["toan"] * 33),  # one boolean too many
    "(" * 1200 + "a" + ")" * 1200,  # too long
    "dc.title = " + "a" * 1500,
    'dc.title = "' + "x" * 201 + '"',
    'cql.anywhere = "title:(toan) OR _exists_:isbns"',  # query_string would find T1
    'dc.title = "toan\\" OR 1=1 --"',
    'dc.title = "}}]}, {\\"match_all\\": {}}"',
    'dc.title = "<script>alert(1)</script> ]]> &amp;"',
    "dc.title = toan sortBy " + " ".join(["dc.date"] * 50),
    "\x00\x01 dc.title = toan",  # control characters dropped
    "dc.title = ‮toan",
]


def test_hostile_queries_are_answered_never_a_500(client, catalogue_index):
    load_catalogue(catalogue_index)
    codes = [search(client, query).diagnostic_codes for query in HOSTILE]
    assert codes == [[], [38], [12], [23], [23], [], [], [], [], [], [], []]
    assert search(client, HOSTILE[0]).total == 1  # the nesting was only brackets
    injected = search(client, HOSTILE[5])
    assert injected.total == 0 and injected.backend == "engine"  # words, not query syntax
    echoed = search(client, HOSTILE[8])  # the echoed query is escaped, the XML stays whole
    assert echoed.root.findtext(".//{http://www.loc.gov/zing/srw/}query") == HOSTILE[8]
    # characters XML forbids are dropped from what is echoed, invalid UTF-8 replaced
    controls = search(client, 'dc.title = "to\x01an"')
    assert controls.total == 1 and controls.root.findtext(
        ".//{http://www.loc.gov/zing/srw/}query") == 'dc.title = "toan"'
    assert read(client.get("/sru?version=1.2&query=dc.title%3D%ED%B3%BF%FF")).total == 0


def test_random_garbage_is_answered_with_xml(client, catalogue_index):
    load_catalogue(catalogue_index)
    pieces = ["(", ")", '"', "\\", "/", "=", "==", "<", ">", "and", "or", "not", "prox",
              "sortBy", "dc.title", "cql.anywhere", "x", "Hạ", "*", "?", "^", " ", "=/", ">="]
    rng = random.Random(14)
    for _ in range(200):
        query = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        answer = search(client, query, version=rng.choice(["1.2", "2.0"]))
        assert answer.total is not None, query
        assert answer.diagnostic_codes == [] or 1 not in answer.diagnostic_codes, query
