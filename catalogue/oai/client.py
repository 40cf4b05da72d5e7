"""Talk to an OAI-PMH source: one request at a time, each answer read whole and strictly.

HTTP goes through sickle (its ``harvest``: requests with a timeout, and ``503 Retry-After``
honoured a few times). The answer is parsed by lxml without recovery (sickle's own parsing
recovers from broken XML silently, which would drop records). A failure becomes a
:class:`HarvestError` whose message says what went wrong, in words for the admin; an OAI error
the source answers with is a :class:`SourceError` carrying its code.
"""

import re
from dataclasses import dataclass
from datetime import datetime

import requests
from django.utils.translation import gettext as _
from lxml import etree
from sickle import Sickle

from catalogue.oai.protocol import OAIError, parse_datestamp

OAI = "{http://www.openarchives.org/OAI/2.0/}"
RETRIES = 2  # a source that answers 503 (busy) is asked again after its Retry-After
MAX_RETRY_AFTER = 30  # seconds waited when the source does not say how long
_ERRNO = re.compile(r"\[Errno [^\]]*\][^'\")]*|Remote end closed connection[^'\")]*")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class HarvestError(Exception):
    """The source could not be harvested; the message says why (Vietnamese, for the admin)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class SourceError(HarvestError):
    """The source answered with an OAI-PMH error (``code``: ``badResumptionToken``…)."""

    def __init__(self, code, text):
        super().__init__(_("Nguồn trả lời lỗi OAI-PMH %(code)s: %(text)s") % {
            "code": code, "text": text or "—"})
        self.code = code


@dataclass
class Harvested:
    """One ``<record>`` of a list: its header and its metadata's first element (or ``None``)."""

    identifier: str
    datestamp: datetime | None
    deleted: bool
    metadata: object = None


@dataclass
class Page:
    """A page of ``ListRecords`` and the token of the next one (``""`` at the end)."""

    records: list
    token: str = ""
    cursor: int | None = None
    size: int | None = None


class SourceClient:
    """Requests to one OAI-PMH base URL, each waiting at most ``timeout`` seconds."""

    def __init__(self, url, timeout):
        self.url = url
        self.timeout = timeout
        self.sickle = Sickle(url, max_retries=RETRIES, default_retry_after=MAX_RETRY_AFTER,
                             timeout=timeout)

    def request(self, **params):
        """The parsed ``<OAI-PMH>`` answer to ``params``; raise :class:`HarvestError`."""
        try:
            content = self.sickle.harvest(**params).http_response.content
        except requests.Timeout:
            raise HarvestError(_("Nguồn %(url)s không trả lời sau %(seconds)s giây.") % {
                "url": self.url, "seconds": self.timeout}) from None
        except requests.ConnectionError as error:
            raise HarvestError(_("Không kết nối được tới nguồn %(url)s: %(error)s") % {
                "url": self.url, "error": _reason(error)}) from None
        except requests.HTTPError as error:
            raise HarvestError(_("Nguồn %(url)s trả về lỗi HTTP %(status)s.") % {
                "url": self.url, "status": error.response.status_code}) from None
        except requests.RequestException as error:
            raise HarvestError(_("Không hỏi được nguồn %(url)s: %(error)s") % {
                "url": self.url, "error": _reason(error)}) from None
        try:
            root = etree.fromstring(content, _PARSER)
        except etree.XMLSyntaxError as error:
            raise HarvestError(_("Phản hồi của nguồn không phải XML hợp lệ (%(error)s).")
                               % {"error": error}) from None
        if root.tag != f"{OAI}OAI-PMH":
            raise HarvestError(_("Phản hồi của nguồn không phải OAI-PMH 2.0 (phần tử gốc "
                                 "%(tag)s).") % {"tag": root.tag})
        error = root.find(f"{OAI}error")
        if error is not None:
            raise SourceError(error.get("code", "?"), (error.text or "").strip())
        return root

    def granularity(self):
        """The source's datestamp granularity (``Identify``)."""
        identify = self.request(verb="Identify").find(f"{OAI}Identify")
        if identify is None:
            raise HarvestError(_("Nguồn không trả lời Identify."))
        return identify.findtext(f"{OAI}granularity", "YYYY-MM-DD").strip()

    def list_records(self, **params):
        """One :class:`Page` of ``ListRecords`` (first page: its arguments; next ones: the
        ``resumptionToken``)."""
        root = self.request(verb="ListRecords", **params)
        listed = root.find(f"{OAI}ListRecords")
        if listed is None:
            raise HarvestError(_("Phản hồi ListRecords của nguồn không có phần tử ListRecords."))
        records = [_harvested(record) for record in listed.iterfind(f"{OAI}record")]
        token = listed.find(f"{OAI}resumptionToken")
        if token is None:
            return Page(records)
        return Page(records, (token.text or "").strip(), _number(token.get("cursor")),
                    _number(token.get("completeListSize")))


def _harvested(record):
    header = record.find(f"{OAI}header")
    if header is None:
        raise HarvestError(_("Một biểu ghi trong phản hồi của nguồn thiếu header."))
    stamp = (header.findtext(f"{OAI}datestamp") or "").strip()
    try:
        moment = parse_datestamp(stamp)
    except OAIError:
        moment = None
    metadata = record.find(f"{OAI}metadata")
    content = next(iter(metadata), None) if metadata is not None else None
    return Harvested((header.findtext(f"{OAI}identifier") or "").strip(), moment,
                     header.get("status") == "deleted", content)


def _number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _reason(error):
    """What the system said (``[Errno 111] Connection refused``…), else the error's first line."""
    text = str(error)
    found = _ERRNO.search(text)
    return found.group(0).strip() if found else (text.splitlines() or [repr(error)])[0][:300]
