"""Import MARC records into the catalogue: upsert by control number, in batches, then index.

A batch is written in one transaction (every record with its holdings); when the database refuses
it, its records are saved one by one so that only the faulty one is rejected. Records whose
MARCXML is unchanged are left alone, so re-importing a file changes nothing. The changed records
are sent to the engine in bulk on a background thread while the next batch is read; if the engine
fails they are queued for ``flush_search_queue`` and the database keeps every write.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from library.catalogue.index import EngineUnavailable, queue_failed, send
from library.marc.mapping import MappingError, map_record
from library.marc.pgcopy import any_of, copy_insert
from library.models.catalogue import Holding, Record

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000
RECORD_FIELDS = [
    f.name for f in Record._meta.concrete_fields
    if f.name not in {"id", "cover", "created_at"}
]


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

    @property
    def rejected_count(self):
        return len(self.rejected) + self.unlisted

    def reject(self, position, reason):
        self.rejected.append(Rejection(position, reason))


class Importer:
    """Feed it records mapped by :func:`map_entry`, then :meth:`finish`; see the module doc."""

    def __init__(self, dry_run=False, progress=None, batch_size=BATCH_SIZE):
        self.summary = ImportSummary()
        self.dry_run = dry_run
        self.progress = progress
        self.batch_size = batch_size
        self.batch = []
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.indexing = None

    def add(self, position, mapped, error=""):
        """Queue a record mapped by :func:`map_entry` for the next batch (or reject it)."""
        self.summary.read += 1
        if mapped is None:
            self.summary.reject(position, error)
        else:
            self.batch.append((position, mapped))
        if len(self.batch) >= self.batch_size:
            self.flush()

    def finish(self):
        """Write the last batch, wait for the engine and return the :class:`ImportSummary`."""
        self.flush()
        self._wait_for_index()
        self.pool.shutdown()
        return self.summary

    def flush(self):
        """Write the current batch."""
        batch, self.batch = _last_of_each(self.batch), []
        if batch:
            records, holdings = self._write(batch)
            if records:
                self._index(records, holdings)
        if self.progress:
            self.progress(self.summary)

    def _write(self, batch):
        condition, params = any_of("control_number", [m.control_number for _p, m in batch])
        existing = {r.control_number: r for r in Record.objects.raw(
            f"SELECT * FROM {Record._meta.db_table} WHERE {condition}", params)}
        todo = [(p, m, existing.get(m.control_number)) for p, m in batch]
        unchanged = [t for t in todo if t[2] and t[2].marcxml == t[1].fields["marcxml"]]
        self.summary.unchanged += len(unchanged)
        todo = [t for t in todo if not (t[2] and t[2].marcxml == t[1].fields["marcxml"])]
        todo = self._reject_taken_barcodes(todo)
        if self.dry_run:
            self._count(todo)
            return [], {}
        try:
            with transaction.atomic():
                records, holdings = _save(todo)
        except DatabaseError:
            records, holdings, kept = [], {}, []
            for item in todo:
                try:
                    with transaction.atomic():
                        saved, saved_holdings = _save([item])
                except DatabaseError as error:
                    self.summary.reject(item[0], _("cơ sở dữ liệu từ chối: %(error)s") % {
                        "error": str(error).splitlines()[0],
                    })
                    continue
                records += saved
                holdings.update(saved_holdings)
                kept.append(item)
            todo = kept
        self._count(todo)
        return records, holdings

    def _count(self, todo):
        self.summary.created += sum(1 for _p, _m, old in todo if old is None)
        self.summary.updated += sum(1 for _p, _m, old in todo if old is not None)

    def _reject_taken_barcodes(self, todo):
        barcodes = {h["barcode"]: m.control_number for _p, m, _o in todo for h in m.holdings}
        condition, params = any_of("h.barcode", list(barcodes))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT h.barcode, r.control_number FROM {Holding._meta.db_table} h "
                f"JOIN {Record._meta.db_table} r ON r.id = h.record_id WHERE {condition}", params,
            )
            taken = dict(cursor.fetchall())
        kept, seen = [], {}
        for position, mapped, old in todo:
            clash = next((
                (h["barcode"], owner) for h in mapped.holdings
                for owner in [taken.get(h["barcode"]) or seen.get(h["barcode"])]
                if owner and owner != mapped.control_number
            ), None)
            if clash:
                self.summary.reject(position, _(
                    "mã vạch %(barcode)s đã thuộc biểu ghi %(owner)s"
                ) % {"barcode": clash[0], "owner": clash[1]})
                continue
            seen.update((h["barcode"], mapped.control_number) for h in mapped.holdings)
            kept.append((position, mapped, old))
        return kept

    def _index(self, records, holdings):
        self._wait_for_index()
        self.indexing = (self.pool.submit(send, records, holdings), records)

    def _wait_for_index(self):
        if self.indexing is None:
            return
        future, records = self.indexing
        self.indexing = None
        try:
            future.result()
        except EngineUnavailable:
            pass
        except Exception:
            logger.warning("Catalogue indexing failed; records queued", exc_info=True)
            self.summary.not_indexed += len(records)
            queue_failed([r.pk for r in records], "index")


def map_entry(entry):
    """``(position, mapped record, "")`` of a read entry, or ``(position, None, reason)``."""
    if entry.record is None:
        return entry.position, None, entry.error
    try:
        return entry.position, map_record(entry.record), ""
    except MappingError as error:
        return entry.position, None, str(error)
    except Exception as error:  # pymarc accepts odd data that mapping trips on
        return entry.position, None, _("dữ liệu hỏng: %(error)s") % {"error": error}


def _last_of_each(batch):
    """Keep the last occurrence of each control number in the batch (a file may repeat one)."""
    return list({m.control_number: (p, m) for p, m in batch}.values())


def _save(todo):
    """Write records and their holdings; return ``([records], {record id: [holdings]})``."""
    new = [Record(**m.fields) for _p, m, old in todo if old is None]
    changed = []
    for _p, mapped, old in todo:
        if old is not None:
            for name, value in mapped.fields.items():
                setattr(old, name, value)
            changed.append(old)
    for record in new + changed:
        record.refresh_search_text()
    copy_insert(new)
    if changed:
        Record.objects.bulk_update(changed, RECORD_FIELDS)
    records = {r.control_number: r for r in new + changed}
    Holding.objects.filter(record__in=changed).delete()
    holdings = [
        Holding(record=records[m.control_number], **h) for _p, m, _o in todo for h in m.holdings
    ]
    copy_insert(holdings)
    by_record = {}
    for holding in holdings:
        by_record.setdefault(holding.record_id, []).append(holding)
    return list(records.values()), by_record
