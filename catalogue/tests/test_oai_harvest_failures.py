"""Bad sources: the provider killed mid-list, broken XML, a refused token, a source that never
answers, an address where nothing listens. Each time: a clear message in the run's log and on
the source, every page before the failure written and nothing of the failed one, and the next
run goes on from the last complete page."""

import time

from django.db import DatabaseError
from django.db.models import Count

from catalogue.models import HarvestSource, Holding, Record
from catalogue.oai.harvest import Harvest
from catalogue.tests.oai_fixtures import foreign, free_port  # noqa: F401 -- the provider
from catalogue.tests.test_oai_harvest import (  # noqa: F401 -- pytestmark: transactional
    counts,
    engine_ids,
    harvest,
    pytestmark,
)

PAGE = 7  # the foreign provider's page


def whole():
    """Every record written has its copy: no record is half-written."""
    return not Record.objects.annotate(copies=Count("holdings")).filter(copies=0).exists() and (
        Holding.objects.count() == Record.objects.count())


def test_provider_killed_mid_list_then_the_next_run_resumes(
        foreign, catalogue_index):  # noqa: F811
    foreign.set(die_at_page=3)
    output, run = harvest(foreign.url)
    assert not foreign.alive
    assert run.status == "failed" and run.pages == 2
    assert "Không kết nối được tới nguồn" in run.error or "không trả lời" in run.error
    assert "lần chạy sau tiếp tục từ trang chưa ghi" in run.error and run.error in output
    assert run.error.split(" Các trang")[0] in run.log  # the log says it too
    source = HarvestSource.objects.get()
    assert source.last_status == "failed" and source.last_error == run.error
    assert Record.objects.count() == 2 * PAGE and whole()
    assert source.checkpoint["token"] and source.last_datestamp is None

    foreign.set()
    foreign.start()
    output, run = harvest(foreign.url)
    assert run.status == "done", output
    assert "Tiếp tục danh sách bị gián đoạn" in run.log
    assert counts(run) == {"read": 30 - 2 * PAGE, "created": 30 - 2 * PAGE, "updated": 0,
                           "unchanged": 0, "rejected": 0, "withdrawn": 0, "pages": 3}
    source.refresh_from_db()
    assert Record.objects.count() == 30 and whole() and source.checkpoint == {}
    assert source.last_datestamp.isoformat() == "2026-01-01T00:30:00+00:00"


def test_malformed_xml_writes_nothing_of_that_page(foreign, catalogue_index):  # noqa: F811
    foreign.set(malformed_at_page=2)
    _output, run = harvest(foreign.url)
    assert run.status == "failed" and "không phải XML hợp lệ" in run.error
    assert Record.objects.count() == PAGE and whole()
    foreign.set()
    _output, run = harvest(foreign.url)
    assert run.status == "done" and run.read == 30 - PAGE and Record.objects.count() == 30


def test_a_refused_token_fails_the_run_and_the_next_starts_the_list_again(
        foreign, catalogue_index):  # noqa: F811
    foreign.set(refuse_tokens=True)
    _output, run = harvest(foreign.url)
    assert run.status == "failed" and "badResumptionToken" in run.error
    assert "từ chối resumptionToken" in run.error
    assert Record.objects.count() == PAGE and HarvestSource.objects.get().checkpoint == {}
    foreign.set()
    _output, run = harvest(foreign.url)
    assert run.status == "done" and (run.read, run.unchanged, run.created) == (30, PAGE, 23)


def test_a_stale_checkpoint_token_restarts_the_same_list(foreign, catalogue_index):  # noqa: F811
    foreign.set(die_at_page=2)
    harvest(foreign.url)
    HarvestSource.objects.update(checkpoint={
        **HarvestSource.objects.get().checkpoint, "token": "expired-long-ago"})
    foreign.set()
    foreign.start()
    output, run = harvest(foreign.url)
    assert run.status == "done", output
    assert "không nhận lại resumptionToken cũ" in run.log
    assert (run.read, run.unchanged) == (30, PAGE) and Record.objects.count() == 30


def test_a_source_that_never_answers_times_out(foreign, catalogue_index):  # noqa: F811
    foreign.set(hang=30)
    started = time.monotonic()
    output, run = harvest(foreign.url, "--timeout", "1")
    assert time.monotonic() - started < 15
    assert run.status == "failed", output
    assert f"Nguồn {foreign.url} không trả lời sau 1 giây" in run.error
    assert Record.objects.count() == 0


def test_an_address_where_nothing_listens(catalogue_index):
    url = f"http://127.0.0.1:{free_port()}/oai"
    _output, run = harvest(url)
    assert run.status == "failed" and "Không kết nối được tới nguồn" in run.error
    assert "Connection refused" in run.error
    assert HarvestSource.objects.get().last_error == run.error


def test_a_page_that_fails_while_written_is_rolled_back_whole(
        foreign, catalogue_index, monkeypatch):  # noqa: F811
    pages = []
    remember = Harvest._remember

    def fail_on_the_second_page(harvest, numbers):
        pages.append(numbers)
        if len(pages) == 2:  # its records are written by now: they must go with the page
            raise DatabaseError("the database went away")
        remember(harvest, numbers)

    monkeypatch.setattr(Harvest, "_remember", fail_on_the_second_page)
    _output, run = harvest(foreign.url)
    assert run.status == "failed" and "the database went away" in run.error
    assert Record.objects.count() == PAGE and whole()
    assert engine_ids() == set(Record.objects.values_list("pk", flat=True))  # not page 2's
    assert HarvestSource.objects.get().checkpoint["token"]  # page 2 is where the next run goes
    monkeypatch.undo()
    _output, run = harvest(foreign.url)
    assert run.status == "done" and (run.read, run.created) == (30 - PAGE, 30 - PAGE)
