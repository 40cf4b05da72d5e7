"""The engine stops mid-run: SRU answers from the database, says so, and finds the same records.

The engine is a node of its own (``own_engine``, from the search tests), stopped here.
"""

import pytest

from catalogue.oai.harvest import withdraw
from catalogue.tests.catalogue import load_catalogue
from catalogue.tests.sru_responses import read
from search.tests.test_engine_down import engine

QUERIES = [
    'dc.title = "ha long"', "sach", 'dc.creator = "tran thi hoa"', 'dc.subject == "Quảng Ninh"',
    "dc.date < 2000", 'dc.date within "2010 2019"', "bath.isbn = 978-604-0-00010-1",
    "rec.identifier = T5", '(dc.creator = hoa or dc.creator = "le van") not dc.date < 2000',
    'cql.anywhere adj "nguoi doc"', 'cql.anywhere any "toan truyen"', "cql.anywhere = vin*",
    'dc.title == "Lịch sử Quảng Ninh"', "dc.creator = hoa",  # not "khoa" (T1's subject)
]


def answers(client, backend):
    found = {}
    for query in QUERIES:
        answer = read(client.get("/sru", {"version": "1.2", "operation": "searchRetrieve",
                                          "query": query, "maximumRecords": "20"}))
        assert answer.backend == backend and not answer.diagnostics, (query, answer.diagnostics)
        assert answer.total == len(answer.codes)
        found[query] = sorted(answer.codes)
    return found


@pytest.mark.django_db
def test_sru_answers_from_the_database_while_the_engine_is_down(
    own_engine, catalogue_index, client
):
    load_catalogue(catalogue_index)  # into the engine of its own (own_engine comes first)
    from_engine = answers(client, "engine")
    assert from_engine['dc.title = "ha long"'] == ["T4"]

    engine("stop")
    assert answers(client, "database") == from_engine
    # the database looks for a field's words anywhere in the record: T4's subject Quảng Ninh
    title = read(client.get("/sru", {"query": 'dc.title = "quang nin*"'}))
    assert (sorted(title.codes), title.backend) == (["T3", "T4"], "database")
    sorted_by_year = read(client.get("/sru", {
        "query": "dc.creator = hoa sortBy dc.date/sort.descending", "maximumRecords": "0"}))
    assert (sorted_by_year.total, sorted_by_year.backend) == (2, "database")
    page = read(client.get("/sru", {"query": "cql.allRecords = 1 sortBy dc.date",
                                    "startRecord": "2", "maximumRecords": "2"}))
    assert (page.codes, page.positions, page.next_position) == (["T3", "T5"], [2, 3], 4)
    assert read(client.get("/sru")).records  # explain needs no engine

    withdraw(["T3"])  # by a harvest: the database leaves it out too
    author = read(client.get("/sru", {"query": 'dc.creator = "tran thi hoa"'}))
    assert (author.codes, author.total, author.backend) == (["T2"], 1, "database")
