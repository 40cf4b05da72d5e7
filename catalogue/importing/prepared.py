"""A mapped record made ready to write: its database rows as ``COPY`` text and its engine
document as JSON, built where it is mapped (in the import's worker processes), so that the
process writing to the database and the engine only joins text.
"""

import hashlib
import json
from typing import NamedTuple

from catalogue.documents import document_of
from catalogue.importing.pgcopy import copy_row
from catalogue.models import Holding, Record
from catalogue.models.records import search_text_of
from catalogue.weblinks import web_url

# The columns a prepared row holds, in order: what the MARC gives (the importer adds the pk,
# the timestamps and, for holdings, the record).
RECORD_COLUMNS = [
    f.name for f in Record._meta.concrete_fields
    if f.name not in {"id", "cover", "created_at", "updated_at"}
]
HOLDING_COLUMNS = [f.name for f in Holding._meta.concrete_fields if f.name not in {"id", "record"}]


class PreparedRecord(NamedTuple):
    """One record as the importer writes it (see the module doc)."""

    control_number: str
    digest: str  # MD5 of the MARCXML: a record whose digest is unchanged is left alone
    row: str
    barcodes: tuple
    holding_rows: tuple
    document: str


def marcxml_digest(marcxml):
    """The digest :class:`PreparedRecord` compares (PostgreSQL's ``md5(marcxml)`` too)."""
    return hashlib.md5(marcxml.encode(), usedforsecurity=False).hexdigest()


def prepare(mapped):
    """The :class:`PreparedRecord` of a :class:`~catalogue.marc.mapping.MappedRecord`."""
    # An imported record is never withdrawn: a withdrawn one that comes again is restored.
    fields = {**mapped.fields, "withdrawn_at": None, "search_text": search_text_of(mapped.fields)}
    holdings = mapped.holdings
    source = document_of(
        fields, [(h["status"], h["branch"]) for h in holdings], web_url(fields["cover_url"])
    )
    return PreparedRecord(
        mapped.control_number,
        marcxml_digest(fields["marcxml"]),
        copy_row([fields[name] for name in RECORD_COLUMNS]),
        tuple(h["barcode"] for h in holdings),
        tuple(copy_row([h[name] for name in HOLDING_COLUMNS]) for h in holdings),
        json.dumps(source, ensure_ascii=False),
    )
