"""The OAI-PMH provider at /oai, checked as an OAI-PMH validator would (oai_checks): every verb,
both formats, sets, from/until, tokens, deleted records and every protocol error."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from lxml import etree

from catalogue.models import DeletedRecord, Holding, Record
from catalogue.tests.oai_checks import NS, error_codes, harvest, headers, oai_get, token_of

ID = "oai:testserver:"


@pytest.fixture
def small_pages(settings):
    settings.OAI_PAGE_SIZE = 3
    settings.OAI_REPOSITORY_ID = ""


def test_identify(client, imported, small_pages):
    document = oai_get(client, verb="Identify")
    identify = document.find("o:Identify", NS)
    assert identify.findtext("o:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("o:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext("o:baseURL", namespaces=NS) == "http://testserver/oai"
    assert identify.findtext("o:adminEmail", namespaces=NS) == "webmaster@localhost.localdomain"
    earliest = identify.findtext("o:earliestDatestamp", namespaces=NS)
    first = Record.objects.order_by("updated_at").first().updated_at
    assert earliest == first.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sample = identify.find(".//{http://www.openarchives.org/OAI/2.0/oai-identifier}"
                           "sampleIdentifier")
    assert sample.text == f"{ID}000123"


def test_list_metadata_formats_and_sets(client, imported, small_pages):
    prefixes = oai_get(client, verb="ListMetadataFormats").xpath(
        "//o:metadataPrefix/text()", namespaces=NS)
    assert prefixes == ["oai_dc", "marc21"]
    for_one = oai_get(client, verb="ListMetadataFormats", identifier=f"{ID}T1")
    assert len(for_one.findall(".//o:metadataFormat", NS)) == 2
    sets = dict(zip(*[oai_get(client, verb="ListSets").xpath(f"//o:{name}/text()", namespaces=NS)
                      for name in ("setSpec", "setName")], strict=True))
    assert sets["type"] == "Loại tài liệu" and sets["type:book"] == "Sách"
    assert sets["branch:chi-nhanh-ha-long"] == "Chi nhánh Hạ Long"
    assert sets["branch:thu-vien-tinh"] == "Thư viện tỉnh"


@pytest.mark.parametrize("prefix", ["oai_dc", "marc21"])
def test_list_records_pages_the_whole_catalogue_by_key(client, imported, small_pages, prefix):
    documents, seen = harvest(client, "ListRecords", metadataPrefix=prefix)
    numbers = sorted(Record.objects.values_list("control_number", flat=True))
    assert sorted(identifier[len(ID):] for identifier, *_rest in seen) == numbers
    assert len(documents) == 3 and [len(headers(d)) for d in documents] == [3, 3, 3]
    stamps = [stamp for _id, stamp, *_rest in seen]
    assert stamps == sorted(stamps)
    if prefix == "marc21":  # the stored MARC as it is
        t3 = Record.objects.get(control_number="T3")
        (marc,) = [r for d in documents for r in d.iterfind(".//o:record", NS)
                   if r.findtext(".//o:identifier", namespaces=NS) == f"{ID}T3"]
        shown = marc.find("o:metadata/marc:record", NS)
        def canonical(element):
            return etree.tostring(element, method="c14n", exclusive=True)
        assert canonical(shown) == canonical(etree.fromstring(t3.marcxml))


def test_list_identifiers_has_headers_only_and_the_same_items(client, imported, small_pages):
    documents, seen = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc")
    assert len(seen) == Record.objects.count() and not documents[0].findall(".//o:metadata", NS)
    t2 = next(h for h in seen if h[0] == f"{ID}T2")
    assert t2[3] == ["type:book", "branch:chi-nhanh-ha-long"] and not t2[2]


def test_get_record_in_dublin_core(client, imported, small_pages):
    document = oai_get(client, verb="GetRecord", identifier=f"{ID}T5", metadataPrefix="oai_dc")
    record = Record.objects.get(control_number="T5")
    dc = {name: document.xpath(f"//dc:{name}/text()", namespaces=NS)
          for name in ("title", "creator", "identifier", "language", "type", "date", "subject")}
    assert dc["title"] == ["A history of Vietnam"] and dc["creator"] == ["Smith, John"]
    assert dc["identifier"] == [f"http://testserver/opac/record/{record.pk}/",
                                "urn:isbn:0140000002"]
    assert dc["language"] == ["eng"] and dc["type"] == ["Text"] and dc["date"] == ["2005"]
    assert dc["subject"] == ["History"]


def _stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_from_and_until_at_second_and_day_granularity(client, imported, small_pages):
    base = datetime(2026, 3, 1, 8, 0, 0, tzinfo=UTC)
    for offset, number in enumerate(["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "QN100"]):
        Record.objects.filter(control_number=number).update(
            updated_at=base + timedelta(hours=offset, microseconds=500 if offset != 2 else 0))
    start, until = base + timedelta(hours=2), base + timedelta(hours=5)
    _docs, seen = harvest(client, "ListIdentifiers", metadataPrefix="marc21",
                          **{"from": _stamp(start), "until": _stamp(until)})
    assert [h[0][len(ID):] for h in seen] == ["T3", "T4", "T5", "T6"]  # until is inclusive
    assert all(_stamp(start) <= stamp <= _stamp(until) for _i, stamp, *_r in seen)
    _docs, day = harvest(client, "ListIdentifiers", metadataPrefix="marc21",
                         **{"from": "2026-03-01", "until": "2026-03-01"})
    assert len(day) == 9
    assert error_codes(oai_get(client, verb="ListIdentifiers", metadataPrefix="marc21",
                               **{"from": "2026-03-02"})) == ["noRecordsMatch"]


def test_sets_select_records_by_material_type_and_branch(client, imported, small_pages):
    _docs, videos = harvest(client, "ListRecords", metadataPrefix="oai_dc", set="type:video")
    assert [h[0] for h in videos] == [f"{ID}T7"]
    _docs, ha_long = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc",
                             set="branch:chi-nhanh-ha-long")
    assert sorted(h[0] for h in ha_long) == [f"{ID}T2", f"{ID}T4"]
    _docs, held = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", set="branch")
    assert f"{ID}T7" not in {h[0] for h in held} and len(held) == 8
    assert error_codes(oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc",
                               set="type:map")) == ["noRecordsMatch"]


def test_deleted_and_withdrawn_records_are_reported_deleted(client, imported, small_pages):
    before = timezone.now() - timedelta(seconds=1)
    Record.objects.get(control_number="T2").delete()  # in the admin: a tombstone
    Record.objects.filter(control_number="T3").update(  # by a harvest: kept, withdrawn
        withdrawn_at=timezone.now(), updated_at=timezone.now())
    assert DeletedRecord.objects.get(control_number="T2").branches == ["Chi nhánh Hạ Long"]
    documents, seen = harvest(client, "ListRecords", metadataPrefix="marc21",
                              **{"from": _stamp(before)})
    assert {(h[0], h[2]) for h in seen} >= {(f"{ID}T2", True), (f"{ID}T3", True)}
    t2 = next(h for h in seen if h[0] == f"{ID}T2")
    assert t2[3] == ["type:book", "branch:chi-nhanh-ha-long"]
    deleted = [r for d in documents for r in d.iterfind(".//o:record", NS)
               if r.find("o:header", NS).get("status") == "deleted"]
    assert len(deleted) == 2 and all(r.find("o:metadata", NS) is None for r in deleted)
    _docs, in_set = harvest(client, "ListIdentifiers", metadataPrefix="marc21",
                            set="branch:chi-nhanh-ha-long")
    assert (f"{ID}T2", True) in {(h[0], h[2]) for h in in_set}
    for number in ("T2", "T3"):
        got = oai_get(client, verb="GetRecord", identifier=f"{ID}{number}",
                      metadataPrefix="oai_dc")
        assert headers(got)[0][2] and got.find(".//o:metadata", NS) is None
    Record.objects.create(control_number="T2", title="Trở lại")  # the number lives again
    _docs, seen = harvest(client, "ListIdentifiers", metadataPrefix="marc21")
    assert [h[2] for h in seen if h[0] == f"{ID}T2"] == [False]


def test_a_copy_changed_in_the_admin_gives_the_record_a_new_datestamp(
        client, imported, small_pages):
    Record.objects.update(updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    copy = Holding.objects.get(barcode="B2")
    copy.status, copy.due_date = "available", None
    copy.save()
    assert copy.record.sync_items()
    _docs, seen = harvest(client, "ListIdentifiers", metadataPrefix="marc21",
                          **{"from": "2026-01-02"})
    assert [h[0] for h in seen] == [f"{ID}T2"]


def test_post_requests_and_a_configured_repository_id(client, imported, settings):
    settings.OAI_REPOSITORY_ID = "thuvien.quangninh.gov.vn"
    response = client.post("/oai", {"verb": "GetRecord", "metadataPrefix": "marc21",
                                    "identifier": "oai:thuvien.quangninh.gov.vn:T1"})
    document = etree.fromstring(response.content)
    assert headers(document)[0][0] == "oai:thuvien.quangninh.gov.vn:T1"
    assert client.put("/oai").status_code == 405


ERRORS = [
    ({}, "badVerb"),
    ({"verb": "ListThings"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "marc21"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-13-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01T00:00:00.5Z"},
     "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01T00:00:00+07:00"},
     "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01",
      "until": "2026-02-01T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-02-01",
      "until": "2026-01-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "loại sách"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "mods", "identifier": f"{ID}T1"},
     "cannotDisseminateFormat"),
    ({"verb": "ListRecords", "resumptionToken": "bm90IG9uZSBvZiBvdXJz"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "!!!"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "abc"}, "badResumptionToken"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": f"{ID}NOPE"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere.org:T1"},
     "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "T1"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "branch:nowhere"},
     "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2999-01-01"},
     "noRecordsMatch"),
]


@pytest.mark.parametrize(("params", "code"), ERRORS, ids=[f"{c}-{i}" for i, (_p, c)
                                                          in enumerate(ERRORS)])
def test_every_bad_argument_gets_its_protocol_error(client, imported, small_pages, params, code):
    document = oai_get(client, **params)
    assert error_codes(document) == [code]
    assert document.findtext("o:error", namespaces=NS).strip()


def test_a_token_of_one_verb_is_refused_by_another(client, imported, small_pages):
    token = token_of(oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")).text
    document = oai_get(client, verb="ListRecords", resumptionToken=token)
    assert error_codes(document) == ["badResumptionToken"]


def test_noMetadataFormats_never_needed_a_record_without_marc_has_oai_dc_only(
        client, imported, small_pages):
    Record.objects.filter(control_number="T1").update(marcxml="")
    document = oai_get(client, verb="ListMetadataFormats", identifier=f"{ID}T1")
    assert document.xpath("//o:metadataPrefix/text()", namespaces=NS) == ["oai_dc"]
    refused = oai_get(client, verb="GetRecord", identifier=f"{ID}T1", metadataPrefix="marc21")
    assert error_codes(refused) == ["cannotDisseminateFormat"]
