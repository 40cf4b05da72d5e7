"""Run an SRU search on the engine, or on the database while the engine is missing or down."""

import logging
from dataclasses import dataclass

from catalogue.index import alias_name, search_client
from catalogue.sru.database import database_find, searchable_records
from catalogue.sru.engine_query import search_body
from search.engine import EngineUnavailable, call, log_fallback

logger = logging.getLogger(__name__)


@dataclass
class Found:
    """The total of a search, the records of the page asked for (in order) and which backend
    answered: ``"engine"`` or ``"database"``."""

    total: int
    records: list
    backend: str


def engine_find(query, offset, size):
    """``(total, record ids)`` of ``query`` from the engine's catalogue index."""
    response = call(search_client(), "search", search_body(query, offset, size),
                    index=alias_name())
    return response["hits"]["total"]["value"], [int(h["_id"]) for h in response["hits"]["hits"]]


def find(query, offset, size):
    """The :class:`Found` of ``query`` (:class:`~.cql.Query`): ``size`` records from
    ``offset``."""
    backend = "engine"
    try:
        total, ids = engine_find(query, offset, size)
    except EngineUnavailable:
        backend = "database"
    except Exception as error:
        log_fallback(logger, "SRU search", error)
        backend = "database"
    if backend == "database":
        total, ids = database_find(query, offset, size)
    by_id = searchable_records().in_bulk(ids) if ids else {}
    return Found(total, [by_id[pk] for pk in ids if pk in by_id], backend)
