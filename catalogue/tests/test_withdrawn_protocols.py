"""A record withdrawn by a harvest (its OAI-PMH source deleted it) is absent from every door of
issue 14's second half: SRU (the engine, and the database when the index still holds it), unAPI,
the record page's JSON-LD and COinS, the Atom and RSS feeds and the "Sách mới" list."""

import feedparser
import lxml.html
import pytest

from catalogue.models import Record
from catalogue.oai.harvest import withdraw
from catalogue.tests.catalogue import RECORDS, load_catalogue
from catalogue.tests.sru_responses import read

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(catalogue_index, django_capture_on_commit_callbacks):
    """The test catalogue with T3 ("Lịch sử Quảng Ninh", the only copy at Cẩm Phả) withdrawn
    and gone from the index; returns T3."""
    load_catalogue(catalogue_index)
    with django_capture_on_commit_callbacks(execute=True):
        assert len(withdraw(["T3"])) == 1
    catalogue_index()
    return Record.objects.get(control_number="T3")


def sru(client, query):
    answer = read(client.get("/sru", {"version": "1.2", "operation": "searchRetrieve",
                                      "query": query, "maximumRecords": "50"}))
    assert not answer.diagnostics, answer.diagnostics
    return answer


def test_sru_does_not_find_a_withdrawn_record(client, withdrawn):
    by_author = sru(client, 'dc.creator = "tran thi hoa"')
    assert (by_author.backend, by_author.total, by_author.codes) == ("engine", 1, ["T2"])
    assert sru(client, "rec.identifier = T3").total == 0
    every = sru(client, "cql.allRecords = 1")
    assert every.total == len(RECORDS) - 1 and "T3" not in every.codes


def test_sru_leaves_out_a_withdrawn_record_the_index_still_holds(client, catalogue_index):
    load_catalogue(catalogue_index)
    withdraw(["T3"])  # its removal from the index not run (as while the engine was down)
    answer = sru(client, 'dc.creator = "tran thi hoa"')
    assert answer.backend == "engine" and answer.codes == ["T2"]


def test_unapi_and_the_record_page_do_not_serve_a_withdrawn_record(client, withdrawn):
    record_id = f"record:{withdrawn.pk}"
    assert client.get("/unapi", {"id": record_id}).status_code == 404
    for name in ("marcxml", "oai_dc", "ris", "bibtex"):
        response = client.get("/unapi", {"id": record_id, "format": name})
        assert response.status_code == 404, name
        assert "Lịch sử Quảng Ninh" not in response.content.decode()
    page = client.get(withdrawn.get_absolute_url())  # the JSON-LD and COinS are on this page
    assert page.status_code == 404
    assert "application/ld+json" not in page.content.decode() and "Z3988" not in (
        page.content.decode())
    visible = Record.objects.get(control_number="T2")
    assert client.get("/unapi", {"id": f"record:{visible.pk}", "format": "ris"}).status_code == 200


@pytest.mark.parametrize("path", ["/opac/new.atom", "/opac/new.rss"])
def test_feeds_do_not_list_a_withdrawn_record(client, withdrawn, path):
    parsed = feedparser.parse(client.get(path).content)
    assert not parsed.bozo, parsed.bozo_exception
    titles = [entry.title for entry in parsed.entries]
    assert len(titles) == len(RECORDS) - 1 and "Lịch sử Quảng Ninh" not in titles
    assert feedparser.parse(client.get(path, {"branch": "Chi nhánh Cẩm Phả"}).content).entries == []


def test_new_acquisitions_page_does_not_list_a_withdrawn_record(client, withdrawn):
    response = client.get("/opac/new/", {"page_size": "50"})
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    links = tree.xpath('//ol[contains(@class, "opac-new__list")]//h2/a/text()')
    titles = [title.strip() for title in links]
    assert len(titles) == len(RECORDS) - 1 and "Lịch sử Quảng Ninh" not in titles
    # its branch, held by no other record, is not offered as a filter
    branches = tree.xpath('//select[@name="branch"]/option/text()')
    assert "Thư viện tỉnh" in branches and "Chi nhánh Cẩm Phả" not in branches
