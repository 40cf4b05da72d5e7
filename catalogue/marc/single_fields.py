"""The elements held once, as the writer (:mod:`.writer`) rewrites them: title (245), edition
(250), publication (264 or 260), physical description (300), series (490/830), summary (520),
classification (082) and call number (090 or 852).

Only the field the mapping reads the element from changes, and only the subfields it reads; a
field left with no subfield goes. A new field is inserted in tag order.
"""

import re

from pymarc import Field, Subfield

from catalogue.marc.elements import (
    call_number_of,
    cleaned,
    first,
    first_value,
    joined,
    physical_description_of,
    publication,
    publication_fields,
    series_of,
    summary_of,
    year_in,
)
from catalogue.marc.field_edits import drop_empty, insert, new_field, punctuate, remove, set_code
from catalogue.marc.vocabulary import MAIN_AUTHOR_TAGS, SUMMARY_TAG


def write_single(marc, tag, code, value, indicators):
    """Make ``first(marc, tag, code)`` give ``value``: the first field carrying it gets it."""
    if first(marc, tag, code) == value:
        return
    fields = marc.get_fields(tag)
    if not value:
        for field in fields:
            field.subfields = [sub for sub in field.subfields if sub.code != code]
        drop_empty(marc, fields)
        return
    target = next((f for f in fields if cleaned(f.get_subfields(code))), None)
    if target is None:
        target = fields[0] if fields else new_field(tag, indicators)
        if not fields:
            insert(marc, target)
    subfields = list(target.subfields)
    at = next((i for i, sub in enumerate(subfields) if sub.code == code and cleaned([sub.value])),
              None)
    if at is None:
        subfields.insert(0, Subfield(code, value))
    else:
        subfields[at] = Subfield(code, value)
    target.subfields = subfields


def write_title(marc, title, subtitle, responsibility):
    """245 $a/$b/$c, with ISBD punctuation (ind2: no nonfiling characters for a new title)."""
    wanted = {"a": title, "b": subtitle, "c": responsibility}
    if all(first(marc, "245", code) == value for code, value in wanted.items()):
        return
    fields = marc.get_fields("245")
    if not fields:
        indicator = "1" if marc.get_fields(*MAIN_AUTHOR_TAGS) else "0"
        insert(marc, Field(tag="245", indicators=[indicator, "0"], subfields=[]))
        fields = marc.get_fields("245")
    field = fields[0]
    for other in fields[1:]:  # a second 245 (invalid) would be read for what the first lacks
        other.subfields = [sub for sub in other.subfields if wanted.get(sub.code, True)]
    drop_empty(marc, fields[1:])
    old_title = first(marc, "245", "a")
    for code, value in wanted.items():
        if first_value(field, code) != value:
            set_code(field, code, value, "abc")
    skip = field.indicator2
    if skip.isdigit() and int(skip) and old_title[:int(skip)] != (title or "")[:int(skip)]:
        field.indicator2 = "0"  # the nonfiling characters were those of the old title
    punctuate(field)


def write_publication(marc, place, publisher, year):
    """$a/$b/$c of the publication field the mapping reads (264 _1, another 264, or 260)."""
    while True:  # a field left empty is dropped, and the mapping then reads the next one
        current_place, current_publisher, date_text = publication(marc)
        if year is None:  # the mapping must find no year in $c either
            date_ok = year_in(date_text) is None
        else:
            date_ok = bool(re.search(rf"(?<!\d){year}(?!\d)", date_text))
        if (current_place, current_publisher) == (place, publisher) and date_ok:
            return
        fields = publication_fields(marc)
        if fields:
            field = fields[0]
        elif place or publisher or year is not None:
            field = Field(tag="264", indicators=[" ", "1"], subfields=[])
            insert(marc, field)
        else:
            return
        if current_place != place:
            set_code(field, "a", place, "abc")
        if current_publisher != publisher:
            set_code(field, "b", publisher, "abc")
        if not date_ok:
            set_code(field, "c", "" if year is None else str(year), "abc")
        punctuate(field)
        drop_empty(marc, [field])
        if field.subfields:
            return


def write_physical_description(marc, value):
    """The 300 $a/$b/$c/$e the mapping joins: one 300 $a (the first one's other subfields kept)."""
    if physical_description_of(marc) == value:
        return
    fields = marc.get_fields("300")
    carrying = [field for field in fields if joined(field, "abce")]
    target = (carrying or fields or [None])[0]
    remove(marc, [field for field in carrying if field is not target])
    if target is None:
        target = new_field("300", "  ")
        insert(marc, target)
    for code in "bce":
        set_code(target, code, "", "abce")
    set_code(target, "a", value, "abce")
    drop_empty(marc, [target])


def write_series(marc, value):
    """490 $a; an empty series empties the 830 $a too."""
    if series_of(marc) == value:
        return
    if not value:
        for field in marc.get_fields("490", "830"):
            field.subfields = [sub for sub in field.subfields if sub.code != "a"]
        drop_empty(marc, marc.get_fields("490", "830"))
        return
    write_single(marc, "490", "a", value, "0 ")


def write_summary(marc, value):
    """The first 520 $a (the $a of the other 520 go)."""
    if summary_of(marc) == value:
        return
    fields = marc.get_fields(SUMMARY_TAG)
    for field in fields[1:]:
        field.subfields = [sub for sub in field.subfields if sub.code != "a"]
    drop_empty(marc, fields[1:])
    if fields:
        set_code(fields[0], "a", value, "ab")
        drop_empty(marc, fields[:1])
    elif value:
        insert(marc, new_field(SUMMARY_TAG, "  ", a=value))


def write_call_number(marc, value):
    """090 $a, or the 852 $h of a record shelved by its 852, or a new 090.

    The mapping reads the first 090 that has $a/$b, else the first 852 that has $h/$i: only that
    field changes (an empty call number empties them all).
    """
    if call_number_of(marc)[:100] == value:
        return
    local = [f for f in marc.get_fields("090") if joined(f, "ab")]
    shelved = [f for f in marc.get_fields("852") if joined(f, "hi")]
    if not value:
        for field in local:
            field.subfields = [sub for sub in field.subfields if sub.code not in "ab"]
        for field in shelved:
            field.subfields = [sub for sub in field.subfields if sub.code not in "hi"]
        drop_empty(marc, local)
    elif local or not shelved:
        target = (local or marc.get_fields("090") or [None])[0]
        if target is None:
            target = new_field("090", "  ")
            insert(marc, target)
        target.subfields = [Subfield("a", value)] + [
            sub for sub in target.subfields if sub.code not in "ab"]
    else:
        target = shelved[0]
        at = next(i for i, sub in enumerate(target.subfields) if sub.code in "hi")
        kept = [sub for sub in target.subfields if sub.code not in "hi"]
        kept.insert(sum(1 for sub in target.subfields[:at] if sub.code not in "hi"),
                    Subfield("h", value))
        target.subfields = kept
