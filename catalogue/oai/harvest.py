"""Harvest an OAI-PMH source into the catalogue: ``ListRecords`` page by page through the import.

Each page is read whole (:mod:`.client`) before anything of it is written; then, in one
transaction, its MARCXML records go through the import's mapping and importer (a record that
cannot be mapped is rejected alone), the records the source reports deleted are withdrawn (kept,
hidden from readers, out of the index), and the source's checkpoint moves past the page. The
index follows once the page is committed. So a failure (the source gone, a timeout, broken XML)
leaves every earlier page written and none of the failed one, and the next run goes on from
the checkpoint: the token of the next page, or, when the source refuses that token, the start
of the same list again (records already in are left unchanged).

A run that reaches the end of the list sets the source's ``last_datestamp`` (the newest
datestamp seen): the next run asks ``from`` it. ``noRecordsMatch`` is a run with nothing new.
"""

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from pymarc import Field

from catalogue.importing.importer import Importer, map_entry
from catalogue.index import update_after_commit
from catalogue.marc.marcxml import MARC_NS
from catalogue.marc.reader import Entry, xml_entries
from catalogue.models import HarvestedRecord, HarvestSource, Record
from catalogue.oai.client import HarvestError, SourceClient, SourceError


class PageImporter(Importer):
    """The importer, but a batch goes to the index once the page's transaction commits."""

    def _index(self, saved):
        transaction.on_commit(partial(Importer._index, self, saved))


@dataclass
class Harvest:
    """One run over a source's list; :meth:`run` it, then read its counts and ``log``.

    ``report(harvest)`` is called after each page written. ``start`` overrides where the list
    begins (``--from``); ``full`` asks for everything and forgets any checkpoint.
    """

    source: HarvestSource
    full: bool = False
    start: datetime | None = None
    timeout: int | None = None
    report: object = None
    importer: Importer = field(default_factory=PageImporter)
    withdrawn: int = 0
    pages: int = 0
    progress: float = 0
    latest: datetime | None = None
    begun: datetime | None = None  # the ``from`` of the list being harvested
    log: list = field(default_factory=list)

    @property
    def summary(self):
        return self.importer.summary

    def say(self, line):
        self.log.append(f"{timezone.localtime():%d/%m/%Y %H:%M:%S} {line}")

    def run(self):
        """Harvest to the end of the list; raise :class:`HarvestError` (what was written
        stays, the checkpoint says where the next run goes on)."""
        client = SourceClient(self.source.url, self.timeout or settings.OAI_HARVEST_TIMEOUT)
        try:
            self.source.granularity = client.granularity()
            page = self._first_page(client)
            while page is not None:
                self._write(page)
                page = self._next_page(client, page)
        finally:
            self.importer.finish()
        self._finish()

    def _first_page(self, client):
        checkpoint = self.source.checkpoint or {}
        if checkpoint.get("token") and not self.full and self.start is None and (
                checkpoint.get("list") == self._list_id()):
            self.begun = _moment(checkpoint.get("from"))
            self.latest = _moment(checkpoint.get("latest"))
            self.say(_("Tiếp tục danh sách bị gián đoạn từ trang chưa ghi."))
            try:
                return client.list_records(resumptionToken=checkpoint["token"])
            except SourceError as error:
                if error.code != "badResumptionToken":
                    raise
                self.say(_("Nguồn không nhận lại resumptionToken cũ: thu thập lại danh sách từ "
                           "đầu (biểu ghi đã có sẽ giữ nguyên)."))
        else:
            self.begun = None if self.full else (self.start or self.source.last_datestamp)
        params = {"metadataPrefix": self.source.metadata_prefix}
        if self.source.set_spec:
            params["set"] = self.source.set_spec
        if self.begun is not None:
            params["from"] = _datestamp(self.begun, self.source.granularity)
        self.say(_("Bắt đầu: ListRecords %(params)s.") % {
            "params": " ".join(f"{name}={value}" for name, value in params.items())})
        try:
            return client.list_records(**params)
        except SourceError as error:
            if error.code == "noRecordsMatch":
                self.say(_("Không có biểu ghi mới (noRecordsMatch)."))
                return None
            if error.code == "cannotDisseminateFormat":
                raise HarvestError(_("Nguồn không cung cấp biểu ghi ở định dạng %(prefix)s "
                                     "(cannotDisseminateFormat).") % {
                                         "prefix": self.source.metadata_prefix}) from None
            raise

    def _next_page(self, client, page):
        if not page.token:
            return None
        try:
            return client.list_records(resumptionToken=page.token)
        except SourceError as error:
            if error.code == "noRecordsMatch":  # what was left of the list has gone meanwhile
                return None
            if error.code == "badResumptionToken":
                self._forget_checkpoint()
                raise HarvestError(_("Nguồn từ chối resumptionToken giữa chừng (%(text)s). Lần "
                                     "chạy sau sẽ thu thập lại danh sách từ đầu.") % {
                                         "text": error.message}) from None
            raise

    def _write(self, page):
        """Write a page and move the checkpoint past it, all in one transaction."""
        last = {record.identifier: record for record in page.records}  # the last word wins
        with transaction.atomic():
            numbers = {}
            for record in last.values():
                if not record.deleted:
                    position, prepared, error = map_entry(_entry(record))
                    self.importer.add(position, prepared, error)
                    if prepared is not None:
                        numbers[record.identifier] = prepared.control_number
            self.importer.flush()
            gone = [record.identifier for record in last.values() if record.deleted]
            self.withdrawn += len(withdraw(self._control_numbers(gone)))
            self._remember(numbers)
            stamps = [record.datestamp for record in page.records if record.datestamp]
            self.latest = max([*stamps, self.latest] if self.latest else stamps, default=None)
            self.pages += 1
            HarvestSource.objects.filter(pk=self.source.pk).update(
                checkpoint=self._checkpoint(page.token) if page.token else {})
        if page.size and page.cursor is not None:
            self.progress = min(1, (page.cursor + len(page.records)) / page.size)
        if self.report:
            self.report(self)

    def _checkpoint(self, token):
        return {"token": token, "list": self._list_id(),
                "from": self.begun and self.begun.isoformat(),
                "latest": self.latest and self.latest.isoformat()}

    def _list_id(self):
        return [self.source.url, self.source.set_spec, self.source.metadata_prefix]

    def _forget_checkpoint(self):
        HarvestSource.objects.filter(pk=self.source.pk).update(checkpoint={})

    def _control_numbers(self, identifiers):
        """The control numbers these identifiers brought (else the identifier's last part)."""
        known = dict(HarvestedRecord.objects.filter(
            source=self.source, identifier__in=identifiers).values_list(
            "identifier", "control_number"))
        return [known.get(identifier) or identifier.rsplit(":", 1)[-1]
                for identifier in identifiers]

    def _remember(self, numbers):
        HarvestedRecord.objects.bulk_create(
            [HarvestedRecord(source=self.source, identifier=identifier, control_number=number)
             for identifier, number in numbers.items()],
            update_conflicts=True, unique_fields=["source", "identifier"],
            update_fields=["control_number"],
        )

    def _finish(self):
        fields = {"checkpoint": {}, "granularity": self.source.granularity}
        if self.latest is not None:
            fields["last_datestamp"] = self.latest
        HarvestSource.objects.filter(pk=self.source.pk).update(**fields)
        self.progress = 1
        self.say(_("Xong: %(pages)d trang.") % {"pages": self.pages})


def withdraw(control_numbers):
    """Withdraw the records with these control numbers (those not withdrawn yet): kept, hidden
    from readers, a new datestamp; they leave the index once the transaction commits. Return
    their pks."""
    if not control_numbers:
        return []
    pks = list(Record.objects.visible().filter(control_number__in=control_numbers)
               .values_list("pk", flat=True))
    now = timezone.now()
    Record.objects.filter(pk__in=pks).update(withdrawn_at=now, updated_at=now)
    update_after_commit(pks, "delete")
    return pks


def _entry(record):
    """The import's :class:`~catalogue.marc.reader.Entry` of a harvested record's MARCXML."""
    metadata = record.metadata
    if metadata is None:
        return Entry(record.identifier, error=_("không có metadata"))
    if not isinstance(metadata.tag, str) or not metadata.tag.startswith(f"{{{MARC_NS}}}"):
        return Entry(record.identifier, error=_("metadata không phải MARCXML (MARC21 slim)"))
    entries = list(xml_entries(io.BytesIO(etree.tostring(metadata))))
    if not entries or entries[0].record is None:
        reason = entries[0].error if entries else _("không có biểu ghi MARC")
        return Entry(record.identifier, error=reason)
    marc = entries[0].record
    if not marc.get_fields("001"):  # Koha's records often lack one: the biblionumber stands for it
        marc.add_ordered_field(Field(tag="001", data=record.identifier.rsplit(":", 1)[-1]))
    return Entry(record.identifier, marc)


def _datestamp(moment, granularity):
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%d" if "hh" not in granularity else "%Y-%m-%dT%H:%M:%SZ")


def _moment(text):
    return datetime.fromisoformat(text) if text else None
