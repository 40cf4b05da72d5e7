"""A large import leaves the catalogue index fit to serve (held while it writes, then its normal
settings, refreshed and merged); a small one changes nothing; a failed or killed one is mended.
Through the real engine."""

import os
import subprocess
import time
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command

from catalogue import bulk_load
from catalogue.background import HOST
from catalogue.importing import importer
from catalogue.importing.files import import_files
from catalogue.index import alias_name
from catalogue.opac.params import parse_params
from catalogue.opac.search import search
from catalogue.tests.marc_samples import iso2709, marc_record
from search import engine
from search.engine import index_settings, put_index_meta, put_index_settings, segment_count

THRESHOLD = 50
BATCH = 40


@pytest.fixture
def large(settings, monkeypatch, catalogue_index):
    """Imports of more than 50 records are large; batches of 40. Yields what the index's
    refresh_interval was as each batch went to the engine."""
    settings.CATALOGUE_BULK_RECORDS = THRESHOLD
    monkeypatch.setattr(importer, "BATCH_SIZE", BATCH)
    seen = []
    send = importer.send_documents

    def spying(documents):
        seen.append(refresh_interval())
        return send(documents)

    monkeypatch.setattr(importer, "send_documents", spying)
    return seen


def es():
    return engine.client()


def current():
    (values,) = index_settings(es(), alias_name()).values()
    return values


def refresh_interval():
    return current().get("index.refresh_interval")


def meta():
    return bulk_load._meta(es(), alias_name())


def marc_file(tmp_path, count, prefix="BL"):
    path = tmp_path / f"{prefix}.mrc"
    path.write_bytes(iso2709(*[marc_record(f"{prefix}{n:04d}", f"Sách thử {prefix} số {n}")
                               for n in range(count)]))
    return str(path)


def assert_live():
    live = bulk_load.live_settings()
    assert refresh_interval() == live["refresh_interval"]
    assert current()["index.number_of_replicas"] == str(live["number_of_replicas"])
    assert "bulk" not in meta()


def test_a_large_import_holds_the_index_then_restores_and_merges_it(tmp_path, large):
    out = StringIO()
    call_command("import_marc", marc_file(tmp_path, 130), "--wait-merge", stdout=out)
    # The first batch (40, under the threshold) went with refresh on; from the second, held.
    assert large[0] == refresh_interval() != "-1"
    assert large[1:] == ["-1", "-1", "-1"]
    assert "đang được gộp trong máy tìm kiếm" in out.getvalue()
    assert_live()
    assert segment_count(es(), alias_name()) == 1  # merged into one segment, as a rebuild is
    # Searchable without anyone refreshing the index.
    assert es().count(index=alias_name())["count"] == 130
    assert [hit.title for hit in search(parse_params({"q": "sach thu BL so 129"})).hits][:1] == [
        "Sách thử BL số 129"]


def test_an_import_that_fails_midway_still_restores_the_settings(large):
    calls = []

    def progress(summary, fraction):
        calls.append(refresh_interval())
        if len(calls) == 3:
            raise RuntimeError("the job's row could not be updated")

    records = iso2709(*[marc_record(f"F{n:04d}", f"Sách lỗi số {n}") for n in range(200)])
    with pytest.raises(RuntimeError):
        import_files([("f.mrc", BytesIO(records))], progress=progress)
    assert calls[1:] == ["-1", "-1"]  # held when it failed
    assert_live()
    assert es().count(index=alias_name())["count"] == 3 * BATCH  # what was written is found


def test_a_small_import_changes_nothing(tmp_path, catalogue_index, monkeypatch):
    merges = []
    monkeypatch.setattr(bulk_load, "forcemerge", lambda *args: merges.append(args))
    before, meta_before = current(), meta()
    call_command("import_marc", marc_file(tmp_path, 10, "S"), stdout=StringIO())
    assert current() == before and meta() == meta_before
    assert merges == []
    catalogue_index()
    assert es().count(index=alias_name())["count"] == 10


def dead_pid():
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def hold(pid, host=HOST, until=None):
    put_index_settings(es(), alias_name(), bulk_load.HELD)
    put_index_meta(es(), alias_name(), {**meta(), "bulk": {
        "host": host, "pid": pid, "until": until or time.time() + 600}})


def test_healthz_mends_an_index_a_killed_import_left_held(catalogue_index, client):
    hold(os.getpid())  # a live import (this process) holds it: left alone
    assert client.get("/healthz").json()["indexes"]["catalogue"] == "ok"
    assert refresh_interval() == "-1"
    hold(dead_pid())  # its import was killed
    assert client.get("/healthz").json()["search"] == "ok"
    assert_live()
    assert "schema_version" in meta()  # the mapping's version kept


def test_the_next_import_or_reindex_mends_an_expired_hold(tmp_path, catalogue_index):
    hold(12345, host="another-host", until=time.time() - 1)
    call_command("reindex_catalogue", if_outdated=True, stdout=StringIO())
    assert_live()
    hold(12345, host="another-host", until=time.time() - 1)
    call_command("import_marc", marc_file(tmp_path, 3, "N"), stdout=StringIO())
    assert_live()
