"""A record as MARCXML, RIS and BibTeX, for readers' reference managers."""

import re

from catalogue.choices import MaterialType
from catalogue.marc.marcxml import collection_xml

RIS_TYPES = {MaterialType.BOOK: "BOOK", MaterialType.SERIAL: "JOUR", MaterialType.MAP: "MAP",
             MaterialType.MUSIC: "MUSIC", MaterialType.AUDIO: "SOUND", MaterialType.VIDEO: "VIDEO",
             MaterialType.ELECTRONIC: "ELEC", MaterialType.MANUSCRIPT: "MANSCPT"}
BIBTEX_TYPES = {MaterialType.BOOK: "book", MaterialType.SERIAL: "periodical"}


def marcxml_document(records):
    """A MARCXML ``<collection>`` of ``records`` (their stored MARCXML), as a string iterator."""
    return collection_xml(r.marcxml for r in records if r.marcxml)


def ris(record):
    """The record in RIS (one line per tag, ``ER`` at the end)."""
    lines = [("TY", RIS_TYPES.get(record.material_type, "GEN")), ("TI", record.full_title)]
    lines += [("AU", name) for name in record.author_names]
    lines += [("KW", subject) for subject in record.subjects]
    lines += [("SN", number) for number in record.isbns + record.issns]
    lines += [
        ("PY", str(record.year or "")), ("PB", record.publisher), ("CY", record.place),
        ("ET", record.edition), ("T3", record.series), ("AB", record.summary),
        ("CN", record.call_number), ("LA", record.language), ("ID", record.control_number),
    ]
    body = "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value)
    return body + "ER  - \r\n"


def _bibtex_value(text):
    return re.sub(r"([{}\\])", r"\\\1", " ".join(str(text).split()))


def bibtex(record):
    """The record as one BibTeX entry keyed by its control number."""
    key = re.sub(r"[^A-Za-z0-9_-]", "", record.control_number) or f"record{record.pk}"
    fields = [
        ("title", record.full_title), ("author", " and ".join(record.author_names)),
        ("year", record.year or ""), ("publisher", record.publisher), ("address", record.place),
        ("edition", record.edition), ("series", record.series),
        ("isbn", ", ".join(record.isbns)), ("issn", ", ".join(record.issns)),
        ("language", record.language), ("note", record.call_number),
    ]
    body = ",\n".join(f"  {name} = {{{_bibtex_value(value)}}}" for name, value in fields if value)
    return f"@{BIBTEX_TYPES.get(record.material_type, 'misc')}{{{key},\n{body}\n}}\n"
