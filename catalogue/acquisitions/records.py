"""The newest records matching OPAC-style limits, from the database.

Newest first is the primary key's order: records get their keys as they are created (the import
stamps a batch with one creation time and numbers it in order), so the order is the creation
date's, read backwards along the primary key's index, without sorting a million rows. The limits
are the OPAC's (:func:`catalogue.opac.params.parse_params`), matched as the OPAC's database
search matches them (:func:`catalogue.opac.fallback.matching_records`).
"""

from django.http import QueryDict

from catalogue.opac.fallback import matching_records
from catalogue.opac.params import parse_params

FILTERS = ("q", "title", "author", "subject", "publisher", "language", "type", "branch",
           "year_from", "year_to", "available")


def new_records(params):
    """The records matching ``params`` (:class:`~catalogue.opac.params.SearchParams`), newest
    first."""
    return matching_records(params).order_by("-pk")


def read_filters(data):
    """The OPAC parameters of a request's query string: the filters and the page (a sort is
    ignored: new acquisitions are newest first); raise ``InvalidSearch``."""
    kept = QueryDict(mutable=True)
    for name in (*FILTERS, "page", "page_size"):
        if name in data:
            kept.setlist(name, data.getlist(name))
    return parse_params(kept)


def filter_query(data):
    """The filters of a request as a query string (for the feed and pagination links)."""
    kept = QueryDict(mutable=True)
    for name in FILTERS:
        values = [v for v in data.getlist(name) if v]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()
