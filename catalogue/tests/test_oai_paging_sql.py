"""The provider pages by key: PostgreSQL's plan for a page starts the index scan at the token's
key, reads one page of rows whatever the depth, and never sorts nor skips an OFFSET."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from catalogue.models import Record
from catalogue.oai.repository import RECORD, Listing

ROWS = 20_000
PAGE = 101  # a page and the one item that says another page follows
SAME_SECOND = 1000  # the import stamps a whole batch of 1,000 records with one time


@pytest.fixture
def many_records(db):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    Record.objects.bulk_create(
        [Record(control_number=f"B{n}", title=f"Sách {n}", marcxml="<record/>")
         for n in range(ROWS)], batch_size=5000)
    with connection.cursor() as cursor:  # batches of records sharing one datestamp
        cursor.execute(f"UPDATE {Record._meta.db_table} SET updated_at = %s + "
                       f"(id / {SAME_SECOND}) * interval '1 second'", [start])
        cursor.execute(f"ANALYZE {Record._meta.db_table}")
    return list(Record.objects.order_by("updated_at", "id").values_list("updated_at", "id"))


def plan(queryset):
    text = queryset.explain(format="json", analyze=True)
    return json.loads(text)[0]["Plan"]


def nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)


def test_a_page_reads_one_page_of_rows_along_the_index_at_any_depth(many_records):
    for depth in (0, 10_500, ROWS - 50):
        stamp, pk = many_records[depth - 1]
        for fields in ("marc", "dc", ""):
            records, _tombstones = Listing(fields=fields).after(
                None if depth == 0 else (stamp, RECORD, pk))
            root = plan(records[:PAGE])
            scans = [n for n in nodes(root) if n["Node Type"].startswith("Index")]
            assert [n["Index Name"] for n in scans] == ["library_record_oai_key"], root
            assert not [n for n in nodes(root) if n["Node Type"] in ("Sort", "Seq Scan")], root
            (scan,) = scans
            assert scan["Actual Rows"] <= PAGE and scan.get("Rows Removed by Filter", 0) == 0
            if depth:
                assert scan["Index Cond"].startswith("(ROW(updated_at, id) > ROW("), scan
            page = [r.pk for r in records[:PAGE]]
            assert page == [pk for _s, pk in many_records[depth:depth + PAGE]]  # key order
    print(json.dumps(root, indent=1))  # the plan of the deepest page, for the record


def test_a_range_and_a_set_still_use_the_index(many_records):
    start = many_records[5000][0]
    listing = Listing(set_spec="type:book", start=start, end=start + timedelta(seconds=3))
    records, _tombstones = listing.after((many_records[5500][0], RECORD, many_records[5500][1]))
    root = plan(records[:PAGE])
    names = {n.get("Index Name") for n in nodes(root)}
    assert "library_record_oai_key" in names and "Sort" not in {n["Node Type"] for n in nodes(root)}
    assert [r.pk for r in records[:PAGE]] == [pk for _s, pk in many_records[5501:5501 + PAGE]]
