"""A record its OAI-PMH source deleted is withdrawn: kept in the database (the admin lists it
under its filter), gone from the index, the OPAC and its API, the database search, the exports;
and whatever brings it back (a re-import) restores it."""

import csv
import io

import pytest
from django.core.management import call_command

from catalogue.importing.files import import_files
from catalogue.index import alias_name, replay_index_update
from catalogue.models import Record
from catalogue.oai.harvest import withdraw
from catalogue.opac.fallback import database_autocomplete
from catalogue.opac.search import autocomplete
from catalogue.tests.catalogue import RECORDS, load_catalogue
from catalogue.tests.marc_samples import iso2709
from search.engine import search_backend

LIST = "/admin/library/record/"


@pytest.fixture
def catalogue(catalogue_index):
    load_catalogue(catalogue_index)
    return {r.control_number: r for r in Record.objects.all()}


def indexed():
    es = search_backend().es
    es.indices.refresh(index=alias_name())
    hits = es.search(index=alias_name(), size=100, _source=["control_number"])["hits"]["hits"]
    return {hit["_source"]["control_number"] for hit in hits}


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def test_withdrawn_records_leave_readers_sight_and_come_back(
        catalogue, admin_client, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert withdraw(["T3", "NOT-HERE"]) == [catalogue["T3"].pk]
        assert withdraw(["T3"]) == []  # already withdrawn: nothing to do
    t3 = Record.objects.get(control_number="T3")
    assert t3.withdrawn_at and t3.updated_at >= t3.withdrawn_at and t3.holdings.count() == 2
    assert "T3" not in indexed() and len(indexed()) == len(RECORDS) - 1

    assert database_autocomplete("Lịch sử", 8) == []
    assert autocomplete("Lịch sử").fallback is False and autocomplete("Lịch sử") == []
    rows = list(csv.DictReader(io.StringIO(body(admin_client.get(LIST, {"export": "csv"})))))
    assert len(rows) == len(RECORDS) - 1 and "T3" not in body(
        admin_client.get(LIST, {"export": "marcxml"}))
    assert client.get(f"/opac/record/{t3.pk}/ris/").status_code == 404
    listed = body(admin_client.get(LIST, {"withdrawn": "yes"}))
    assert "Lịch sử Quảng Ninh" in listed and "Sách giáo khoa Toán 6" not in listed
    assert "Sách giáo khoa Toán 6" in body(admin_client.get(LIST, {"withdrawn": "no"}))

    # Saved again (an edit, a queued update replayed, a rebuild): still out of the index.
    with django_capture_on_commit_callbacks(execute=True):
        t3.save()
    replay_index_update(t3.pk, "index")
    call_command("reindex_catalogue", stdout=io.StringIO())
    assert "T3" not in indexed()

    # The same MARC imported again (unchanged otherwise) restores it.
    summary = import_files([("again.mrc", io.BytesIO(iso2709(RECORDS[2])))])
    assert (summary.updated, summary.unchanged) == (1, 0)
    t3.refresh_from_db()
    assert t3.withdrawn_at is None and "T3" in indexed()
    assert client.get(f"/opac/record/{t3.pk}/").status_code == 200
