"""Record the requests the OPAC sends to the real engine."""

from catalogue.opac import search as opac_search
from search.engine import call


def engine_requests(monkeypatch):
    """The requests the OPAC sends to the engine (sent on to it), as ``[(method, body,
    params)]``."""
    sent = []

    def sending(es, method, body=None, **params):
        sent.append((method, body, params))
        return call(es, method, body, **params)

    monkeypatch.setattr(opac_search, "call", sending)
    return sent
