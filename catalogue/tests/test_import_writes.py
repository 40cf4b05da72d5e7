"""How the import writes: COPY rows and back, refusals by the database and by the engine, and
records that keep what an editor added (an uploaded cover) when their file is imported again."""

import io
from datetime import date

import pytest
from django.db import connection

from base.testing import make_image
from catalogue.importing.files import import_files
from catalogue.importing.pgcopy import copy_row, row_values
from catalogue.index import alias_name
from catalogue.models import Holding, Record
from catalogue.tests.marc_samples import iso2709, marc_record
from search.engine import search_backend
from search.models import PendingIndexUpdate

pytestmark = pytest.mark.django_db


def import_records(*records):
    return import_files([("t.mrc", io.BytesIO(iso2709(*records)))])


@pytest.mark.parametrize("values", [
    ["BK1", "Tab\there", "Back\\slash", "\\N", "Dòng\nmới\r", None, 1998],
    ["BK2", "", "", "", "", None, None],
])
def test_copy_rows_read_back_as_they_were_written(values):
    columns = ["control_number", "title", "subtitle", "responsibility", "summary", "edition",
               "year"]
    row = copy_row(values)
    assert row.count("\t") == len(values) - 1
    expected = dict(zip(columns, values, strict=True))
    assert row_values(Record, columns, row) == expected


def test_copy_rows_of_json_and_dates():
    authors = [{"name": "Nguyễn\tVăn \"Ánh\"", "role": "", "main": True}]
    row = copy_row([authors, date(2026, 12, 20), []])
    assert row_values(Record, ["authors", "created_at", "links"], row)["authors"] == authors
    assert row_values(Holding, ["due_date"], copy_row([date(2026, 12, 20)])) == {
        "due_date": date(2026, 12, 20)}


def test_a_record_the_database_refuses_is_rejected_alone(catalogue_index):
    with connection.cursor() as cursor:  # a rule of this library's database the mapping ignores
        cursor.execute(f"ALTER TABLE {Record._meta.db_table} ADD CONSTRAINT no_draft "
                       "CHECK (title NOT LIKE 'NHÁP%%')")
    summary = import_records(
        marc_record("W1", "Sách một", holdings=[("W-1", "Thư viện tỉnh", "available")]),
        marc_record("W2", "NHÁP sách hai", holdings=[("W-2", "Thư viện tỉnh", "available")]),
        marc_record("W3", "Sách ba"),
    )
    assert (summary.created, summary.rejected_count) == (2, 1)
    assert "biểu ghi 2" in summary.rejected[0].position
    assert "cơ sở dữ liệu từ chối" in summary.rejected[0].reason
    assert sorted(Record.objects.values_list("control_number", flat=True)) == ["W1", "W3"]
    assert list(Holding.objects.values_list("barcode", flat=True)) == ["W-1"]
    catalogue_index()
    assert search_backend().es.count(index=alias_name())["count"] == 2


def test_documents_the_engine_refuses_are_queued(catalogue_index):
    es = search_backend().es
    for name in es.indices.get(index=f"{alias_name()}*"):
        es.indices.delete(index=name)
    # An index whose mapping cannot take a title: the engine refuses every document.
    es.indices.create(index=f"{alias_name()}_strict", body={
        "mappings": {"properties": {"title": {"type": "long"}}}})
    es.indices.put_alias(index=f"{alias_name()}_strict", name=alias_name())
    summary = import_records(marc_record("E1", "Sách một"), marc_record("E2", "Sách hai"))
    assert (summary.created, summary.not_indexed) == (2, 2)
    queued = set(PendingIndexUpdate.objects.values_list("object_pk", flat=True))
    assert queued == {str(pk) for pk in Record.objects.values_list("pk", flat=True)}


def test_reimport_keeps_an_uploaded_cover_and_indexes_its_thumbnail(catalogue_index):
    import_records(marc_record("C1", "Sách có bìa"))
    record = Record.objects.get(control_number="C1")
    record.cover = make_image("Bìa C1")
    record.save()
    created = record.created_at
    summary = import_records(marc_record("C1", "Sách có bìa (tái bản)"))
    assert summary.updated == 1
    record.refresh_from_db()
    assert (record.title, record.cover_id, record.created_at) == (
        "Sách có bìa (tái bản)", record.cover.pk, created)
    assert record.updated_at > created
    catalogue_index()
    source = search_backend().es.get(index=alias_name(), id=record.pk)["_source"]
    assert source["title"] == "Sách có bìa (tái bản)"
    assert source["cover"] == record.cover_thumbnail and source["cover"].startswith("/")

