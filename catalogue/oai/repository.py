"""What the OAI-PMH provider lists: records and tombstones by datestamp, in sets, paged by key.

An item's key is ``(datestamp, kind, id)``: records (kind 0) by ``updated_at`` and id,
tombstones of deleted records (kind 1) by ``deleted_at`` and id. A page reads the next items
after a key from both tables along their ``(datestamp, id)`` indexes and merges them, so it costs
the same at the millionth record as at the first (no ``OFFSET``). A record withdrawn by a harvest
is listed as deleted; a tombstone whose control number lives again is not listed.

Sets: ``type:<material type>`` and ``branch:<branch slug>`` (with ``type`` and ``branch``
above them).
"""

import heapq
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalogue.choices import MaterialType
from catalogue.models import DeletedRecord, Holding, Record
from search.analysis import fold

RECORD, TOMBSTONE = 0, 1
LAST_ID = 2**63 - 1
_ROW_AFTER = '("{table}"."{column}", "{table}"."id") > (%s, %s)'
BRANCHES_CACHE_KEY = "catalogue:oai-branches"
BRANCHES_CACHE_SECONDS = 300  # reading every copy's branch takes ~0.3 s at a million
HEADER_FIELDS = ("id", "control_number", "updated_at", "withdrawn_at", "material_type")
DC_FIELDS = (
    "title", "subtitle", "authors", "subjects", "isbns", "issns", "publisher", "year",
    "language", "physical_description", "series", "summary", "notes", "classification",
)


@dataclass
class Item:
    """One listed item: a record (``record``), or a deleted one (``record`` is ``None`` or
    withdrawn)."""

    key: tuple
    control_number: str
    deleted: bool
    sets: list
    record: Record | None = None

    @property
    def datestamp(self):
        return self.key[0]


def branch_slug(branch):
    """The setSpec word of a branch: "Chi nhánh Hạ Long" → ``chi-nhanh-ha-long``."""
    return slugify(fold(branch)) or "x"


def branches():
    """``{slug: branch name}`` of the branches that hold copies (cached a few minutes)."""
    def read():
        names = (Holding.objects.exclude(branch="").order_by()
                 .values_list("branch", flat=True).distinct())
        return {branch_slug(name): name for name in sorted(names)}
    return cache.get_or_set(BRANCHES_CACHE_KEY, read, BRANCHES_CACHE_SECONDS)


def sets():
    """``[(setSpec, setName)]`` of every set, parents first."""
    listed = [("type", _("Loại tài liệu"))]
    listed += [(f"type:{value}", str(label)) for value, label in MaterialType.choices]
    listed.append(("branch", _("Thư viện chi nhánh")))
    listed += [(f"branch:{slug}", name) for slug, name in branches().items()]
    return listed


def _set_filters(set_spec):
    """``(records filter, tombstones filter)`` of a set; ``None`` when no such set exists."""
    kind, _sep, value = set_spec.partition(":")
    if not set_spec:
        return Q(), Q()
    if kind == "type" and not value:
        return Q(), ~Q(material_type="")
    if kind == "type" and value in MaterialType.values:
        return Q(material_type=value), Q(material_type=value)
    if kind == "branch" and not value:
        copies = Holding.objects.filter(record=OuterRef("pk")).exclude(branch="")
        return Q(Exists(copies)), ~Q(branches=[])
    if kind == "branch" and value in (names := branches()):
        copies = Holding.objects.filter(record=OuterRef("pk"), branch=names[value])
        return Q(Exists(copies)), Q(branches__contains=[names[value]])
    return None


@dataclass(frozen=True)
class Listing:
    """What a list asks for: a set, a datestamp range ``[start, end)``, with or without the
    records' MARC or Dublin Core fields (``fields``: ``"marc"``, ``"dc"`` or ``""``)."""

    set_spec: str = ""
    start: datetime | None = None
    end: datetime | None = None
    fields: str = ""

    def querysets(self):
        """``(records, tombstones)`` in range and in the set; ``None`` when the set is unknown."""
        filters = _set_filters(self.set_spec)
        if filters is None:
            return None
        records = Record.objects.filter(filters[0])
        tombstones = DeletedRecord.objects.filter(filters[1]).exclude(
            Exists(Record.objects.filter(control_number=OuterRef("control_number"))))
        if self.start:
            records = records.filter(updated_at__gte=self.start)
            tombstones = tombstones.filter(deleted_at__gte=self.start)
        if self.end:
            records = records.filter(updated_at__lt=self.end)
            tombstones = tombstones.filter(deleted_at__lt=self.end)
        if self.fields == "marc":
            records = records.exclude(marcxml="")
        return records, tombstones

    def count(self):
        """How many items the whole list has (asked once, by its first page)."""
        querysets = self.querysets()
        return 0 if querysets is None else sum(q.order_by().count() for q in querysets)

    def after(self, key):
        """``(records, tombstones)`` after the key ``key`` (``None``: from the start), in key
        order, to be sliced; ``None`` when the set is unknown.

        The key is compared as a row, ``(datestamp, id) > (…)``, which PostgreSQL answers by
        starting the index scan there: the cost of a page does not grow with its depth.
        """
        querysets = self.querysets()
        if querysets is None:
            return None
        records, tombstones = querysets
        if key is not None:
            moment, kind, pk = key
            # Records come before the tombstones of the same datestamp.
            records = records.extra(
                where=[_ROW_AFTER.format(table=Record._meta.db_table, column="updated_at")],
                params=[moment, pk if kind == RECORD else LAST_ID])
            tombstones = tombstones.extra(
                where=[_ROW_AFTER.format(table=DeletedRecord._meta.db_table, column="deleted_at")],
                params=[moment, pk if kind == TOMBSTONE else 0])
        columns = {"marc": ("marcxml",), "dc": DC_FIELDS}.get(self.fields, ())
        return (records.order_by("updated_at", "id").only(*HEADER_FIELDS, *columns),
                tombstones.order_by("deleted_at", "id"))

    def page(self, after=None, size=100):
        """The first ``size`` items after the key ``after`` (``None``: from the start)."""
        querysets = self.after(after)
        if querysets is None:
            return []
        found, gone = list(querysets[0][:size]), list(querysets[1][:size])
        items = heapq.merge(record_items(found), [tombstone_item(t) for t in gone],
                            key=lambda item: item.key)
        return list(items)[:size]


def record_items(records):
    """:class:`Item` of records (their copies' branches read in one query)."""
    held = {}
    copies = Holding.objects.filter(record_id__in=[r.pk for r in records]).exclude(branch="")
    for record_id, branch in copies.order_by().values_list("record_id", "branch").distinct():
        held.setdefault(record_id, set()).add(branch)
    return [
        Item((r.updated_at, RECORD, r.pk), r.control_number, r.withdrawn_at is not None,
             record_sets(r.material_type, held.get(r.pk, ())), r)
        for r in records
    ]


def tombstone_item(tombstone):
    return Item((tombstone.deleted_at, TOMBSTONE, tombstone.pk), tombstone.control_number, True,
                record_sets(tombstone.material_type, tombstone.branches))


def record_sets(material_type, branch_names):
    """The setSpecs of an item of this type held in these branches."""
    specs = [f"type:{material_type}"] if material_type else []
    return specs + [f"branch:{branch_slug(name)}" for name in sorted(branch_names)]


def find(control_number):
    """The :class:`Item` of a control number (a record, else its tombstone), or ``None``."""
    record = Record.objects.filter(control_number=control_number).first()
    if record is not None:
        return record_items([record])[0]
    tombstone = DeletedRecord.objects.filter(control_number=control_number).first()
    return tombstone and tombstone_item(tombstone)


def earliest_datestamp():
    """The oldest datestamp the repository holds (now, when it holds nothing)."""
    firsts = [
        Record.objects.order_by("updated_at").values_list("updated_at", flat=True).first(),
        DeletedRecord.objects.order_by("deleted_at").values_list("deleted_at", flat=True).first(),
    ]
    return min([moment for moment in firsts if moment], default=timezone.now())
