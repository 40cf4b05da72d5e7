"""In-place edits of a pymarc record's fields, the tools of the writer (:mod:`.writer`).

A new field goes in tag order; fields are removed, or replaced by others where the first of them
stood; a subfield is replaced where it was (keeping its closing ISBD mark) or in code order; the
ISBD punctuation between the subfields of a rewritten 245/260/264 is set again.
"""

import re

from pymarc import Field, Subfield

# ISBD marks a subfield may end with before the next one: the first is written when it has none.
MARKS = {
    "245": {("a", "b"): ":=;", ("a", "c"): "/", ("b", "c"): "/"},
    "260": {("a", "b"): ":", ("b", "c"): ",", ("a", "c"): ","},
}
MARKS["264"] = MARKS["260"]
_ISBD_END = re.compile(r"\s*[/:;,=]\s*$")
_MARK = re.compile(r"\s*[/:;,=.]\s*$")


def new_field(tag, indicators, **subfields):
    """A data field with the non-empty ``subfields`` (``a="…"``), in the order given."""
    return Field(tag=tag, indicators=list(indicators), subfields=[
        Subfield(code, value) for code, value in subfields.items() if value
    ])


def _position(marc, tag):
    """Where a new field ``tag`` goes: before the first field with a greater tag."""
    for index, field in enumerate(marc.fields):
        if not field.tag.isdigit() or int(field.tag) > int(tag):
            return index
    return len(marc.fields)


def insert(marc, field):
    """Add ``field`` to ``marc`` in tag order (after the fields of the same tag)."""
    marc.fields.insert(_position(marc, field.tag), field)


def remove(marc, fields):
    """Take ``fields`` (these very objects) out of ``marc``."""
    gone = {id(field) for field in fields}
    marc.fields = [field for field in marc.fields if id(field) not in gone]


def drop_empty(marc, fields):
    """Take those of ``fields`` that have no subfield left out of ``marc``."""
    remove(marc, [field for field in fields if not field.subfields])


def splice(marc, old, new, tag):
    """Put the fields ``new`` where the first of ``old`` was (or in tag order), removing ``old``."""
    gone = {id(field) for field in old}
    at = next((i for i, field in enumerate(marc.fields) if id(field) in gone), None)
    remove(marc, old)
    if at is None:
        at = _position(marc, tag)
    marc.fields[at:at] = new


def set_code(field, code, value, order):
    """Replace the ``code`` subfields of ``field`` by one holding ``value`` (none if empty).

    The new subfield takes the place of the first one it replaces (in 245/260/264 with its
    closing ISBD mark: `` =`` before a parallel title…), or goes before the first subfield
    whose code comes later in ``order``.
    """
    subfields = field.subfields
    at = next((i for i, sub in enumerate(subfields) if sub.code == code), None)
    kept = [sub for sub in subfields if sub.code != code]
    if at is None:
        later = order[order.index(code) + 1:] if code in order else ""
        at = next((i for i, sub in enumerate(kept) if sub.code in later), len(kept))
    else:
        mark = _MARK.search(subfields[at].value) if field.tag in MARKS else None
        if value and mark and not value.endswith(mark.group().strip()):
            value += mark.group()
        at = sum(1 for sub in subfields[:at] if sub.code != code)
    if value:
        kept.insert(at, Subfield(code, value))
    field.subfields = kept


def punctuate(field):
    """Give the subfields of a rewritten 245/260/264 the ISBD mark the next subfield calls for."""
    marks = MARKS.get(field.tag, {})
    subfields = list(field.subfields)
    for index, (sub, after) in enumerate(zip(subfields, subfields[1:], strict=False)):
        allowed = marks.get((sub.code, after.code))
        if not allowed:
            continue
        value = sub.value.rstrip()
        end = _ISBD_END.search(value)
        if end and end.group().strip() in allowed:
            continue
        value = value[:end.start()] if end else value
        separator = "," if allowed[0] == "," else f" {allowed[0]}"
        subfields[index] = Subfield(sub.code, value + separator)
    codes = {code for pair in marks for code in pair}
    if subfields and subfields[-1].code in codes:  # nothing follows: no mark calls for it
        last = subfields[-1]
        subfields[-1] = Subfield(last.code, _ISBD_END.sub("", last.value))
    field.subfields = subfields
