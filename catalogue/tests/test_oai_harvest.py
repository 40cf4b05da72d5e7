"""harvest_oai against an OAI-PMH provider that is not our code (the oaipmh package's server,
pymarc's test records, in a process of its own): the whole list, then increments with deletions,
availability changes and a re-appearance; the withdrawn record everywhere readers look."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalogue.index import alias_name
from catalogue.models import HarvestedRecord, HarvestRun, HarvestSource, Record
from catalogue.opac.fallback import database_search
from catalogue.opac.params import parse_params
from catalogue.opac.search import Hit, SearchResult, engine_search
from catalogue.tests.oai_fixtures import foreign  # noqa: F401 -- the provider's process
from search.engine import search_backend

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PYTHON_BOOKS = "12515882"  # pymarc's "Programming Python" (biblionumber 2)


def harvest(url, *args):
    """Run ``harvest_oai`` and return ``(its output, the run)``; failures are not raised."""
    out, err = StringIO(), StringIO()
    try:
        call_command("harvest_oai", url, *args, stdout=out, stderr=err)
    except CommandError:
        pass
    return out.getvalue() + err.getvalue(), HarvestRun.objects.order_by("-pk").first()


def counts(run):
    return {name: getattr(run, name) for name in (
        "read", "created", "updated", "unchanged", "rejected", "withdrawn", "pages")}


def engine_ids():
    es = search_backend().es
    es.indices.refresh(index=alias_name())
    hits = es.search(index=alias_name(), size=100, _source=False)["hits"]["hits"]
    return {int(hit["_id"]) for hit in hits}


def test_the_whole_list_then_increments_deletions_and_a_re_appearance(
        foreign, catalogue_index, client):  # noqa: F811
    foreign.set(on_loan=["2"], broken=["7"], no_001=["9"])
    output, run = harvest(foreign.url)
    assert run.status == "done", output
    assert counts(run) == {"read": 30, "created": 29, "updated": 0, "unchanged": 0,
                           "rejected": 1, "withdrawn": 0, "pages": 5}
    assert run.rejections == [{"position": "oai:pymarc.test:7",
                               "reason": "thiếu nhan đề (245 $a)"}]
    assert "Từ chối — oai:pymarc.test:7: thiếu nhan đề (245 $a)" in output
    source = HarvestSource.objects.get(url=foreign.url)
    assert source.last_datestamp.isoformat() == "2026-01-01T00:30:00+00:00"
    assert source.checkpoint == {} and source.last_status == "done"
    assert "29 mới" in source.last_summary
    python = Record.objects.get(control_number=PYTHON_BOOKS)
    assert python.title == "Programming Python" and python.holdings.get().status == "on_loan"
    assert HarvestedRecord.objects.get(identifier="oai:pymarc.test:2").control_number == (
        PYTHON_BOOKS)
    assert Record.objects.get(control_number="9").title == "Python Web programming"
    assert engine_ids() == set(Record.objects.values_list("pk", flat=True))

    # The ILS: the book is returned, biblio 2 deleted, 7 repaired; then a harvest from
    # the last datestamp brings only those (and the last one again: ``from`` is inclusive).
    foreign.set(touched={"3": "2026-02-01T00:00:00Z", "7": "2026-02-01T00:00:01Z"},
                deleted={"2": "2026-02-01T00:00:02Z"})
    output, run = harvest(foreign.url)
    assert run.status == "done", output
    assert "from=2026-01-01T00:30:00Z" in run.log
    assert counts(run) == {"read": 3, "created": 1, "updated": 0, "unchanged": 2,
                           "rejected": 0, "withdrawn": 1, "pages": 1}
    python.refresh_from_db()
    assert python.withdrawn_at is not None and python.holdings.exists()  # kept, hidden
    assert python.pk not in engine_ids()
    assert client.get(f"/opac/record/{python.pk}/").status_code == 404
    assert client.get(f"/opac/record/{python.pk}/marcxml/").status_code == 404
    assert client.get(f"/api/v3/opac/records/{python.pk}").status_code == 404
    fallback = database_search(parse_params({"q": "Programming Python"}), SearchResult, Hit)
    assert fallback.fallback and python.pk not in [hit.id for hit in fallback.hits]
    engine = engine_search(parse_params({"q": "Python"}))
    assert not engine.fallback and engine.total and python.pk not in [h.id for h in engine.hits]
    assert oai_status(client, PYTHON_BOOKS) == "deleted"

    # It comes back in the ILS: restored, with its copy, in the index and the OPAC again.
    foreign.set(touched={"2": "2026-03-01T00:00:00Z"})
    output, run = harvest(foreign.url)
    assert run.status == "done" and (run.updated, run.withdrawn) == (1, 0), output
    python.refresh_from_db()
    assert python.withdrawn_at is None and python.holdings.get().status == "available"
    assert python.pk in engine_ids()
    assert client.get(f"/opac/record/{python.pk}/").status_code == 200
    assert oai_status(client, PYTHON_BOOKS) == "live"


def oai_status(client, number):
    body = client.get("/oai", {"verb": "GetRecord", "metadataPrefix": "marc21",
                               "identifier": f"oai:testserver:{number}"}).content.decode()
    return "deleted" if 'status="deleted"' in body else "live"


def test_no_records_match_is_a_run_with_nothing_new(foreign, catalogue_index):  # noqa: F811
    output, run = harvest(foreign.url, "--from", "2030-01-01")
    assert run.status == "done" and run.read == 0 and run.pages == 0, output
    assert "noRecordsMatch" in run.log
    assert HarvestSource.objects.get().last_datestamp is None


def test_a_format_the_source_cannot_give(foreign, catalogue_index):  # noqa: F811
    output, run = harvest(foreign.url, "--prefix", "mods")
    assert run.status == "failed" and "cannotDisseminateFormat" in run.error
    assert "mods" in HarvestSource.objects.get().last_error and Record.objects.count() == 0
