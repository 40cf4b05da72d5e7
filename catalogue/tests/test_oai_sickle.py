"""Our /oai harvested over HTTP by clients that are not ours: sickle (the whole catalogue, both
formats, a set) and our own harvester in a round trip back into the catalogue."""

import io
from datetime import UTC, datetime

import pytest
from pymarc import parse_xml_to_array
from sickle import Sickle

from catalogue.models import Record
from catalogue.tests.catalogue import load_catalogue
from catalogue.tests.oai_checks import OAI_DC
from catalogue.tests.test_oai_harvest import counts, harvest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def served(live_server, catalogue_index, settings):
    """The test catalogue behind a live server, in pages of 3 records."""
    settings.OAI_PAGE_SIZE = 3
    settings.OAI_REPOSITORY_ID = "thuvien.test"
    load_catalogue(catalogue_index)
    return f"{live_server.url}/oai"


def test_sickle_harvests_the_whole_catalogue(served):
    client = Sickle(served, timeout=30)
    identify = client.Identify()
    assert identify.protocolVersion == "2.0" and identify.deletedRecord == "persistent"
    records = list(client.ListRecords(metadataPrefix="oai_dc"))
    numbers = sorted(Record.objects.values_list("control_number", flat=True))
    assert sorted(r.header.identifier.split(":")[-1] for r in records) == numbers
    assert all(r.xml.find(f".//{{{OAI_DC}}}dc") is not None for r in records)
    titles = {r.header.identifier: r.metadata["title"][0] for r in records}
    assert titles["oai:thuvien.test:T3"] == "Lịch sử Quảng Ninh"

    marc = list(client.ListRecords(metadataPrefix="marc21"))
    assert len(marc) == len(numbers)
    parsed = parse_xml_to_array(io.BytesIO(marc[0].raw.encode()))
    stored = Record.objects.get(control_number=marc[0].header.identifier.split(":")[-1])
    assert parsed[0]["245"]["a"].rstrip(" /:") == stored.title

    ha_long = list(client.ListIdentifiers(metadataPrefix="marc21",
                                          set="branch:chi-nhanh-ha-long"))
    assert sorted(h.identifier for h in ha_long) == ["oai:thuvien.test:T2", "oai:thuvien.test:T4"]
    assert {s.setSpec for s in client.ListSets()} >= {"type:book", "branch:thu-vien-tinh"}


def test_round_trip_our_provider_back_into_the_catalogue(served):
    for minute, record in enumerate(Record.objects.order_by("control_number")):
        Record.objects.filter(pk=record.pk).update(
            updated_at=datetime(2026, 1, 1, 0, minute, tzinfo=UTC))
    before = dict(Record.objects.values_list("control_number", "marcxml"))
    output, run = harvest(served)
    assert run.status == "done", output
    # Every record came back byte for byte: the import found each one unchanged.
    assert counts(run) == {"read": 8, "created": 0, "updated": 0, "unchanged": 8,
                           "rejected": 0, "withdrawn": 0, "pages": 3}
    assert dict(Record.objects.values_list("control_number", "marcxml")) == before

    # Incremental: only what changed since the last datestamp comes again (an edit, and the
    # newest record: ``from`` is inclusive), our own tokens and datestamps understood.
    edited = Record.objects.get(control_number="T5")
    edited.summary = "Sửa trong trang quản trị."
    edited.save()
    output, run = harvest(served)
    assert run.status == "done" and "from=" in run.log, output
    assert "from=2026-01-01T00:07:00Z" in run.log
    assert (run.read, run.unchanged, run.pages) == (2, 2, 1)
