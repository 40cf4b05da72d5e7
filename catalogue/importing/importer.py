"""Import MARC records into the catalogue: upsert by control number, in batches, then index.

Records come prepared (:mod:`.prepared`: rows and engine documents as text). A batch
is written in one transaction (every record with its holdings; new ones with ``COPY``); when the
database refuses it, its records are saved one by one so that only the faulty one is rejected.
Records whose MARCXML is unchanged are left alone, so re-importing a file changes nothing. The
written documents are sent to the engine in bulk on a background thread while the next batch is
read; if the engine fails the records are queued for ``flush_search_queue`` and the database
keeps every write.
"""

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.bulk_load import BulkLoad
from catalogue.importing.pgcopy import any_of, insert_rows, row_values
from catalogue.importing.prepared import HOLDING_COLUMNS, RECORD_COLUMNS, marcxml_digest, prepare
from catalogue.index import queue_failed, send_documents
from catalogue.marc.mapping import MappingError, map_record
from catalogue.models import Holding, Record
from search.engine import EngineUnavailable, outage_errors

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000


@dataclass
class Stored:
    """What the catalogue holds under a control number the import meets again."""

    pk: int
    digest: str
    has_cover: bool  # an uploaded cover: its thumbnail goes in the document


@dataclass
class Rejection:
    """A record left out of the catalogue: where it was and why."""

    position: str
    reason: str

    def __str__(self):
        return f"{self.position}: {self.reason}"


@dataclass
class ImportSummary:
    """What an import did (or, in a dry run, would do).

    ``unlisted`` counts rejections left out of ``rejected`` (a stored job keeps the first ones).
    """

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)
    not_indexed: int = 0
    unlisted: int = 0
    empty_files: list = field(default_factory=list)  # names of files that held no record
    merge_task: str = ""  # the engine's merge of the index after a large import (bulk_load)

    @property
    def rejected_count(self):
        return len(self.rejected) + self.unlisted

    def reject(self, position, reason):
        self.rejected.append(Rejection(position, reason))


class Importer:
    """Feed it records prepared by :func:`map_entry`, then :meth:`finish`; see the module doc."""

    def __init__(self, dry_run=False, progress=None, batch_size=None):
        self.summary = ImportSummary()
        self.dry_run = dry_run
        self.progress = progress
        self.batch_size = batch_size or BATCH_SIZE
        self.batch = []
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.indexing = None
        self.bulk = BulkLoad()

    def add(self, position, prepared, error=""):
        """Queue a record prepared by :func:`map_entry` for the next batch (or reject it)."""
        self.summary.read += 1
        if prepared is None:
            self.summary.reject(position, error)
        else:
            self.batch.append((position, prepared))
        if len(self.batch) >= self.batch_size:
            self.flush()

    def finish(self):
        """Write the last batch, wait for the engine and return the :class:`ImportSummary`."""
        try:
            self.flush()
            self._wait_for_index()
        finally:
            self.close()
        return self.summary

    def close(self):
        """Wait for the last index request, then end a large import's hold on the index
        (:mod:`catalogue.bulk_load`): after a failure too, and again is harmless."""
        self.pool.shutdown()
        self.bulk.end()
        self.summary.merge_task = self.summary.merge_task or self.bulk.merge_task or ""

    def flush(self):
        """Write the current batch."""
        batch, self.batch = _last_of_each(self.batch), []
        if batch:
            saved = self._write(batch)
            if saved:
                self._index(saved)
        if self.progress:
            self.progress(self.summary)

    def _write(self, batch):
        stored = _stored([prepared.control_number for _p, prepared in batch])
        todo = [(p, prepared, stored.get(prepared.control_number)) for p, prepared in batch]
        kept = [t for t in todo if not (t[2] and t[2].digest == t[1].digest)]
        self.summary.unchanged += len(todo) - len(kept)
        todo = self._reject_taken_barcodes(kept)
        if self.dry_run:
            self._count(todo)
            return []
        try:
            with transaction.atomic():
                saved = _save(todo)
        except DatabaseError:
            saved, kept = [], []
            for item in todo:
                try:
                    with transaction.atomic():
                        saved += _save([item])
                except DatabaseError as error:
                    self.summary.reject(item[0], _("cơ sở dữ liệu từ chối: %(error)s") % {
                        "error": str(error).splitlines()[0],
                    })
                    continue
                kept.append(item)
            todo = kept
        self._count(todo)
        return saved

    def _count(self, todo):
        self.summary.created += sum(1 for _p, _r, old in todo if old is None)
        self.summary.updated += sum(1 for _p, _r, old in todo if old is not None)

    def _reject_taken_barcodes(self, todo):
        barcodes = {code: r.control_number for _p, r, _o in todo for code in r.barcodes}
        condition, params = any_of("h.barcode", list(barcodes))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT h.barcode, r.control_number FROM {Holding._meta.db_table} h "
                f"JOIN {Record._meta.db_table} r ON r.id = h.record_id WHERE {condition}", params,
            )
            taken = dict(cursor.fetchall())
        kept, seen = [], {}
        for position, prepared, old in todo:
            clash = next((
                (code, owner) for code in prepared.barcodes
                for owner in [taken.get(code) or seen.get(code)]
                if owner and owner != prepared.control_number
            ), None)
            if clash:
                self.summary.reject(position, _(
                    "mã vạch %(barcode)s đã thuộc biểu ghi %(owner)s"
                ) % {"barcode": clash[0], "owner": clash[1]})
                continue
            seen.update((code, prepared.control_number) for code in prepared.barcodes)
            kept.append((position, prepared, old))
        return kept

    def _index(self, saved):
        documents = _documents(saved)
        self.bulk.sending(len(documents))
        self._wait_for_index()
        self.indexing = (self.pool.submit(send_documents, documents), [pk for pk, _d in documents])

    def _wait_for_index(self):
        if self.indexing is None:
            return
        future, pks = self.indexing
        self.indexing = None
        try:
            future.result()
        except EngineUnavailable:
            pass
        except Exception as error:  # an outage: the breaker has said once that it is down
            if not isinstance(error, outage_errors()):
                logger.warning("Catalogue indexing failed; records queued", exc_info=True)
            self.summary.not_indexed += len(pks)
            queue_failed(pks, "index")


def map_entry(entry):
    """``(position, prepared record, "")`` of a read entry, or ``(position, None, reason)``."""
    if entry.record is None:
        return entry.position, None, entry.error
    try:
        return entry.position, prepare(map_record(entry.record)), ""
    except MappingError as error:
        return entry.position, None, str(error)
    except Exception as error:  # pymarc accepts odd data that mapping trips on
        return entry.position, None, _("dữ liệu hỏng: %(error)s") % {"error": error}


def _last_of_each(batch):
    """Keep the last occurrence of each control number in the batch (a file may repeat one)."""
    return list({r.control_number: (p, r) for p, r in batch}.values())


def _stored(control_numbers):
    """``{control number: Stored}`` of the records the catalogue already holds among these."""
    condition, params = any_of("control_number", control_numbers)
    digest = "md5(marcxml)" if connection.vendor == "postgresql" else "marcxml"
    with connection.cursor() as cursor:
        # A withdrawn record has no digest: whatever comes under its number restores it.
        cursor.execute(
            f"SELECT control_number, id, CASE WHEN withdrawn_at IS NULL THEN {digest} END, "
            f"cover_id IS NOT NULL FROM {Record._meta.db_table} WHERE {condition}", params,
        )
        rows = cursor.fetchall()
    if connection.vendor != "postgresql":
        rows = [(number, pk, xml and marcxml_digest(xml), cover)
                for number, pk, xml, cover in rows]
    return {number: Stored(pk, digest, bool(cover)) for number, pk, digest, cover in rows}


def _save(todo):
    """Write records and their holdings; return ``[(pk, prepared record, has a cover)]``."""
    now = timezone.now()
    new = [prepared for _p, prepared, old in todo if old is None]
    stamp = f"{now.isoformat()}\t{now.isoformat()}\t"
    pks = insert_rows(
        Record, ["created_at", "updated_at", *RECORD_COLUMNS], [stamp + r.row for r in new]
    )
    saved = [(pk, prepared, False) for pk, prepared in zip(pks, new, strict=True)]
    changed = [(old.pk, prepared, old.has_cover) for _p, prepared, old in todo if old]
    if changed:
        Record.objects.bulk_update([
            Record(pk=pk, updated_at=now, **row_values(Record, RECORD_COLUMNS, prepared.row))
            for pk, prepared, _c in changed
        ], [*RECORD_COLUMNS, "updated_at"])
        Holding.objects.filter(record_id__in=[pk for pk, _r, _c in changed]).delete()
        saved += changed
    insert_rows(Holding, ["record", *HOLDING_COLUMNS], [
        f"{pk}\t{row}" for pk, prepared, _c in saved for row in prepared.holding_rows
    ])
    return saved


def _documents(saved):
    """``[(pk, document)]`` of written records: the prepared documents, but a record with an
    uploaded cover shows that cover's thumbnail."""
    covered = [pk for pk, _r, cover in saved if cover]
    thumbnails = {record.pk: record.cover_thumbnail for record in Record.objects.filter(
        pk__in=covered).select_related("cover")} if covered else {}
    return [
        (pk, json.dumps({**json.loads(prepared.document), "cover": thumbnails[pk]},
                        ensure_ascii=False) if cover else prepared.document)
        for pk, prepared, cover in saved
    ]
