"""The engine goes down before a harvest: the harvest goes through the engine's circuit breaker
like every other path (the first failure counts the engine as down, the later pages do not try
it, the log says so once, without a traceback per page), every record is written and queued,
the provider keeps answering from the database, and ``flush_search_queue`` indexes them all
once the engine is back."""

import logging
import time
from io import StringIO

import pytest
from django.core.management import call_command

from catalogue.index import RECORD_LABEL
from catalogue.models import Record
from catalogue.tests.oai_fixtures import foreign  # noqa: F401 -- the provider's process
from catalogue.tests.test_oai_harvest import engine_ids, harvest
from search.engine import search_backend
from search.models import PendingIndexUpdate
from search.tests.test_engine_down import engine, own_engine  # noqa: F401 -- a node to stop

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_harvest_while_the_engine_is_down_queues_every_record_and_logs_once(
        foreign, own_engine, settings, client, caplog):  # noqa: F811
    settings.SEARCH_RETRY_AFTER = 1
    breaker = search_backend().es.transport.breaker
    breaker.reset()
    engine("stop")
    caplog.set_level(logging.INFO)

    output, run = harvest(foreign.url)
    assert run.status == "done" and run.pages == 5, output
    harvested = set(Record.objects.values_list("pk", flat=True))
    assert len(harvested) == 30
    queued = PendingIndexUpdate.objects.filter(model_label=RECORD_LABEL)
    assert {int(pk) for pk in queued.values_list("object_pk", flat=True)} == harvested
    assert breaker.down_until  # the harvest's own failure tripped the breaker
    down = [r for r in caplog.records if "is down (" in r.getMessage()]
    assert [r.name for r in down] == ["search.breaker"]  # once, not once per page
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"

    response = client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "marc21"})
    assert response.status_code == 200 and response.content.count(b"<identifier>") >= 10

    engine("start")
    time.sleep(settings.SEARCH_RETRY_AFTER + 0.5)  # the probe is let through
    call_command("flush_search_queue", stdout=StringIO())
    assert not queued.exists()
    assert harvested <= engine_ids()  # the node may keep other tests' records
    assert [r.name for r in caplog.records if "is back" in r.getMessage()] == ["search.breaker"]
