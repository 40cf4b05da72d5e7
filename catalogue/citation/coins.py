"""COinS: the record as an OpenURL ContextObject (Z39.88-2004, KEV) in a ``span.Z3988``, which
Zotero and link resolvers read from the page."""

from urllib.parse import quote, urlencode

from catalogue.choices import MaterialType

REFERRER = "info:sid/library-cms:opac"


def _book(record):
    fields = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "book"),
              ("rft.btitle", record.full_title)]
    fields += [("rft.au", name) for name in record.author_names]
    fields += [("rft.isbn", isbn) for isbn in record.isbns[:1]]
    fields += [("rft.pub", record.publisher), ("rft.place", record.place),
               ("rft.edition", record.edition), ("rft.series", record.series)]
    return fields


def _journal(record):
    return [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "journal"),
            ("rft.jtitle", record.full_title), *[("rft.issn", i) for i in record.issns[:1]]]


def _dublin_core(record):
    fields = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"), ("rft.title", record.full_title),
              ("rft.type", record.material_type)]
    fields += [("rft.creator", name) for name in record.author_names]
    return fields + [("rft.publisher", record.publisher), ("rft.language", record.language)]


def context_object(record, url):
    """The KEV query string of ``record`` (its page at ``url``)."""
    kind = {MaterialType.BOOK: _book, MaterialType.SERIAL: _journal}.get(
        record.material_type, _dublin_core)
    fields = [("ctx_ver", "Z39.88-2004"), ("rfr_id", REFERRER), *kind(record),
              ("rft.date", str(record.year or "")), ("rft_id", url)]
    fields += [("rft_id", f"urn:ISBN:{isbn}") for isbn in record.isbns]
    return urlencode([(key, value) for key, value in fields if value], quote_via=quote)
