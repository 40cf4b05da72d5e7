"""The catalogue index follows edits, survives a dead engine (queue + fallback) and rebuilds."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from catalogue import index
from catalogue.index import alias_name
from catalogue.models import Holding, Record
from catalogue.opac.params import parse_params
from catalogue.opac.search import autocomplete, search
from catalogue.tests.catalogue import load_catalogue
from library_cms.config import search_backends
from search.engine import search_backend, segment_count
from search.models import PendingIndexUpdate

pytestmark = pytest.mark.django_db
DEAD_ENGINE = search_backends("opensearch://127.0.0.1:1", settings.SEARCH_INDEX_PREFIX)
NO_ENGINE = search_backends("", settings.SEARCH_INDEX_PREFIX)


@pytest.fixture
def catalogue(catalogue_index):
    load_catalogue(catalogue_index)
    return catalogue_index


def titles(**query):
    return [hit.title for hit in search(parse_params(query)).hits]


def test_saving_and_deleting_a_record_updates_the_index(
    catalogue, django_capture_on_commit_callbacks
):
    record = Record.objects.get(control_number="T8")
    with django_capture_on_commit_callbacks(execute=True):
        record.title = "Truyện cổ Quảng Ninh"
        record.save()
    catalogue()
    assert titles(q="truyen co quang ninh") == ["Truyện cổ Quảng Ninh"]
    with django_capture_on_commit_callbacks(execute=True):
        Holding.objects.filter(record=record).update(status="lost")
        Holding.objects.filter(record=record).first().save()
    catalogue()
    assert titles(q="truyen co", available="1") == []
    with django_capture_on_commit_callbacks(execute=True):
        record.delete()
    catalogue()
    assert titles(q="truyen co quang ninh") == []


def test_engine_down_edits_are_queued_then_replayed(catalogue, django_capture_on_commit_callbacks):
    record = Record.objects.get(control_number="T8")
    with override_settings(WAGTAILSEARCH_BACKENDS=DEAD_ENGINE):
        with django_capture_on_commit_callbacks(execute=True):
            record.title = "Truyện cổ Hạ Long"
            record.save()
        assert Record.objects.get(pk=record.pk).title == "Truyện cổ Hạ Long"  # nothing lost
        assert PendingIndexUpdate.objects.filter(object_pk=str(record.pk)).exists()
    call_command("flush_search_queue", stdout=StringIO())
    catalogue()
    assert not PendingIndexUpdate.objects.exists()
    assert titles(q="truyen co ha long") == ["Truyện cổ Hạ Long"]


@pytest.mark.parametrize("backends", [DEAD_ENGINE, NO_ENGINE], ids=["engine-down", "no-engine"])
def test_opac_answers_from_the_database_with_a_notice(catalogue, client, backends):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        response = client.get("/opac/", {"q": "sach NOT toan", "sort": "year_desc"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Máy tìm kiếm đang bảo trì" in html
        assert "Tìm thấy 3 biểu ghi" in html  # Nước sạch, Người đọc và sách, Sách và người đọc
        data = client.get("/api/v3/opac/search", {"q": "lich su", "available": "1"}).json()
        assert data["fallback"] is True and [r["title"] for r in data["results"]] == [
            "Lịch sử Quảng Ninh"]
        suggestions = autocomplete("vinh ha")
        assert [s["title"] for s in suggestions] == ["Vịnh Hạ Long kỳ quan thiên nhiên"]
        assert suggestions.fallback is True
        answer = client.get("/api/v3/opac/autocomplete", {"q": "vinh ha"}).json()
        assert answer["fallback"] is True and len(answer["results"]) == 1
        record = Record.objects.get(control_number="T3")
        assert client.get(f"/opac/record/{record.pk}/").status_code == 200


def test_reindex_swaps_the_alias_and_drops_the_old_index(catalogue):
    es = search_backend().es
    before = set(es.indices.get_alias(name=alias_name()))
    out = StringIO()
    call_command("reindex_catalogue", stdout=out)
    assert "Đã lập chỉ mục 8 biểu ghi" in out.getvalue()
    after = set(es.indices.get_alias(name=alias_name()))
    assert len(after) == 1 and not after & before
    assert not any(es.indices.exists(index=name) for name in before)
    assert es.count(index=alias_name())["count"] == 8
    assert titles(q="lich su") == ["Lịch sử Quảng Ninh"]
    call_command("update_index", stdout=out)  # Wagtail's command rebuilds the catalogue too
    assert set(es.indices.get_alias(name=alias_name())).isdisjoint(after)
    assert es.count(index=alias_name())["count"] == 8


def test_import_with_engine_down_keeps_the_records_and_queues_them(tmp_path, catalogue_index):
    with override_settings(WAGTAILSEARCH_BACKENDS=DEAD_ENGINE):
        summary = load_catalogue(lambda: None)
    assert summary.created == 8 and summary.not_indexed == 8
    assert PendingIndexUpdate.objects.count() == 8
    call_command("flush_search_queue", stdout=StringIO())
    catalogue_index()
    assert search_backend().es.count(index=alias_name())["count"] == 8


def test_an_index_older_than_the_code_is_not_searched_until_rebuilt(catalogue, monkeypatch):
    es = search_backend().es
    (name,) = es.indices.get_alias(name=alias_name())
    es.indices.put_mapping(index=name, body={"_meta": {"schema_version": 1}})
    monkeypatch.setattr(index, "_trusted_until", {})
    result = search(parse_params({"q": "sach"}))
    assert result.fallback and result.total > 0
    assert autocomplete("sach gi") == [{"id": Record.objects.get(control_number="T1").pk,
                                         "title": "Sách giáo khoa Toán 6",
                                         "authors": ["Nguyễn Văn Minh"], "year": 2021}]
    assert autocomplete("sach gi").fallback is True  # the database answered
    out = StringIO()
    call_command("reindex_catalogue", "--if-outdated", stdout=out)
    assert "8" in out.getvalue()
    assert not search(parse_params({"q": "sach"})).fallback
    assert autocomplete("sach gi").fallback is False
    out = StringIO()
    call_command("reindex_catalogue", "--if-outdated", stdout=out)
    assert "không cần" in out.getvalue()


def shards_behind_alias():
    es = search_backend().es
    (settings_,) = es.indices.get_settings(index=alias_name()).values()
    return int(settings_["settings"]["index"]["number_of_shards"])


@pytest.mark.parametrize(("records", "shards"), [(0, 1), (1_000_000, 1), (5_000_001, 2)])
def test_a_catalogue_of_a_million_records_is_one_shard(records, shards, monkeypatch):
    """One shard answers concurrent readers faster than two on a small server (RECORDS_PER_SHARD);
    only a catalogue of several million records is spread over more."""
    monkeypatch.setattr(Record.objects, "visible", lambda: SimpleNamespace(count=lambda: records))
    assert index.shards_by_size() == shards


def test_a_rebuild_has_shards_by_size_unless_search_shards_says(catalogue, monkeypatch):
    monkeypatch.setattr(index, "RECORDS_PER_SHARD", 3)  # 8 records: 3 shards
    call_command("reindex_catalogue", stdout=StringIO())
    assert shards_behind_alias() == 3
    with override_settings(WAGTAILSEARCH_BACKENDS=search_backends(
            settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0].replace("http", "opensearch", 1),
            settings.SEARCH_INDEX_PREFIX, replicas=0, shards=2)):
        call_command("reindex_catalogue", stdout=StringIO())
        assert shards_behind_alias() == 2


def test_a_rebuild_merges_each_shard_into_one_segment_whatever_its_size(catalogue, monkeypatch):
    """One segment per shard answers the OPAC fastest, alone and under concurrent readers (see
    catalogue.index.MERGED_SEGMENTS): asked of the engine for every size of catalogue."""
    merges = []
    call = index.call

    def spying(es, method, *args, **params):
        if method == "indices.forcemerge":
            merges.append(params["max_num_segments"])
        return call(es, method, *args, **params)

    monkeypatch.setattr(index, "call", spying)
    monkeypatch.setattr(index, "RECORDS_PER_SHARD", 3)  # 8 records: 3 shards
    call_command("reindex_catalogue", stdout=StringIO())
    assert merges == [1]
    assert segment_count(search_backend().es, alias_name()) == shards_behind_alias() == 3
    assert titles(q="lich su") == ["Lịch sử Quảng Ninh"]
