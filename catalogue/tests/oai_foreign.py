"""A small OAI-PMH provider that is not our code: the ``oaipmh`` package's ``BatchingServer``
serving pymarc's own test records (``oai_data/pymarc-*.dat``, 30 Library of Congress records)
over HTTP, as a Koha would: identifiers by "biblionumber" (not the 001), copies as 952 items,
persistent deletions, resumption tokens (pages of 7).

Run as a process of its own (``python -m catalogue.tests.oai_foreign PORT STATE``); the tests
change what it serves by rewriting the JSON file ``STATE``, read at every request::

    {"deleted": {"3": "2026-02-01T00:00:00Z"},   biblionumber: datestamp of its deletion
     "touched": {"5": "2026-02-01T00:00:00Z"},   a new datestamp (and the copy on loan)
     "on_loan": ["5"], "broken": ["7"],          a 952 $q due date; no 245 (unmappable)
     "no_001": ["9"],                            no 001 (as Koha's records often are)
     "die_at_page": 3, "malformed_at_page": 3,   SIGKILL itself / answer broken XML there
     "hang": 30, "refuse_tokens": true}          never answer; refuse every resumptionToken
"""

import json
import os
import signal
import sys
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from lxml import etree
from oaipmh import common, error
from oaipmh.metadata import MetadataRegistry
from oaipmh.server import BatchingServer, decodeResumptionToken
from pymarc import Field, MARCReader, Subfield, record_to_xml

DATA = Path(__file__).parent / "oai_data"
BATCH = 7
REPOSITORY = "pymarc.test"
FIRST = datetime(2026, 1, 1)
MARC_NS = "http://www.loc.gov/MARC21/slim"


def pymarc_records():
    """pymarc's test records, in file order."""
    records = []
    for name in ("pymarc-marc.dat", "pymarc-test.dat"):
        with open(DATA / name, "rb") as stream:
            records += [r for r in MARCReader(stream, to_unicode=True, permissive=True) if r]
    return records


def identifier(number):
    return f"oai:{REPOSITORY}:{number}"


class Catalogue:
    """The IBatchingOAI the oaipmh server asks: records numbered 1…30 ("biblionumbers")."""

    def __init__(self, state_file, base_url):
        self.state_file = state_file
        self.base_url = base_url
        self.records = pymarc_records()

    def state(self):
        return json.loads(Path(self.state_file).read_text())

    def identify(self):
        return common.Identify(
            repositoryName="pymarc test records", baseURL=self.base_url, protocolVersion="2.0",
            adminEmails=["oai@pymarc.test"], earliestDatestamp=FIRST, deletedRecord="persistent",
            granularity="YYYY-MM-DDThh:mm:ssZ", compression=["identity"])

    def listMetadataFormats(self, identifier=None):
        return [("marc21", "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd", MARC_NS)]

    def listSets(self, cursor=0, batch_size=10):
        raise error.NoSetHierarchyError("no sets")

    def _items(self, state):
        for number, record in enumerate(self.records, start=1):
            key = str(number)
            stamp = state.get("deleted", {}).get(key) or state.get("touched", {}).get(key)
            moment = (datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ") if stamp
                      else FIRST + timedelta(minutes=number))
            deleted = key in state.get("deleted", {})
            header = common.Header(None, identifier(number), moment, [], deleted)
            yield moment, header, None if deleted else self._metadata(key, record, state)

    def _metadata(self, key, record, state):
        record = record.__class__(leader=record.leader, fields=list(record.fields))
        if key in state.get("broken", []):
            record.remove_fields("245")
        if key in state.get("no_001", []):
            record.remove_fields("001")
        due = [Subfield("q", "2026-12-31")] if key in state.get("on_loan", []) else []
        record.add_field(Field(tag="952", indicators=[" ", " "], subfields=[
            Subfield("a", "Thư viện tỉnh"), Subfield("p", f"PM-{key}"), *due]))
        return common.Metadata(None, {"xml": record_to_xml(record, namespace=True)})

    def listRecords(self, metadataPrefix, set=None, from_=None, until=None, cursor=0,
                    batch_size=10):
        if metadataPrefix != "marc21":
            raise error.CannotDisseminateFormatError(metadataPrefix)
        state = self.state()
        items = sorted(
            (item for item in self._items(state)
             if (from_ is None or item[0] >= from_) and (until is None or item[0] <= until)),
            key=lambda item: item[0])
        return [(header, metadata, None) for _m, header, metadata in items][
            cursor:cursor + batch_size]

    def listIdentifiers(self, metadataPrefix, **kwargs):
        return [header for header, _m, _a in self.listRecords(metadataPrefix, **kwargs)]

    def getRecord(self, metadataPrefix, identifier):
        raise error.IdDoesNotExistError(identifier)


def marc_writer(element, metadata):
    element.append(etree.fromstring(metadata["xml"]))


def serve(port, state_file):
    base_url = f"http://127.0.0.1:{port}/oai"
    catalogue = Catalogue(state_file, base_url)
    registry = MetadataRegistry()
    registry.registerWriter("marc21", marc_writer)
    server = BatchingServer(catalogue, registry, resumption_batch_size=BATCH)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            state = catalogue.state()
            if state.get("hang"):
                time.sleep(state["hang"])
            token = params.get("resumptionToken")
            if token and state.get("refuse_tokens"):
                params["resumptionToken"] = "refused"
            page = 1
            if token:
                try:
                    page = decodeResumptionToken(token)[1] // BATCH + 1
                except error.BadResumptionTokenError:
                    page = None  # the server answers badResumptionToken
            if page == state.get("die_at_page", 0):
                os.kill(os.getpid(), signal.SIGKILL)
            body = server.handleRequest(params)
            if page == state.get("malformed_at_page", 0):
                body = body[: len(body) // 2]
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2])
