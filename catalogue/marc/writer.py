"""Write a record's catalogue fields back into its MARC, the inverse of :mod:`.mapping`.

When a cataloguer edits a record (the admin, a shell), its stored MARCXML must say what its fields
say. :func:`write_marc` takes the record's MARC and changes only what the mapping reads and now
reads differently; everything else (003, 856, 952 holdings, local 9XX, authority links,
indicators, ISBD punctuation of what did not change) stays as it was. A record without MARC gets
a minimal one built from its fields.

Each element is checked with the mapping's own reader (:mod:`.elements`) first and left alone
when it already gives the wanted value; otherwise it is rewritten as follows:

* leader/06-07 material type (leader/05 ``c`` on a revised record, leader/09 ``a``: Unicode);
  001 the control number; 005 the time of the edit; 008/07-10 the year, 008/35-37 the language,
  and the first 041 $a when the record has a 041;
* 100/110/111 (main entry) and 700/710/711 (added entries): ``name`` in $a, ``role`` in $e. A
  field whose name is unchanged is kept (its $d dates, $0 links…) with its role rewritten;
* 600–651 and 653: a subject an original field carries keeps that field, a new one becomes
  650 _4 ($a, then $x for each `` -- `` subdivision);
* 020 / 022 (ISBNs kept where the field still carries them, qualifiers and all), 5XX notes (but
  520), in the order given;
* 245 $a/$b/$c, 250 $a, 260 or 264 $a/$b/$c (whichever the record had, 264 _1 for new records),
  300, 490 $a (830 $a cleared with an empty series), 520 $a, 082 $a, 090 $a or 852 $h (the
  call number, where the record had it).

Values are written as given; the mapping then cleans them as an import would (NFC, ISBD
punctuation trimmed). :func:`sync_marc` sets the record's fields to what the new MARC maps to, so
the database and the MARC never disagree.
"""

import io
import logging
import re
from copy import deepcopy

from django.utils import timezone
from pymarc import Field, Leader, Subfield, parse_xml_to_array
from pymarc import Record as MarcRecord

from catalogue.choices import MaterialType
from catalogue.marc.elements import (
    author_of,
    authors,
    call_number_of,
    clean,
    cleaned,
    first,
    first_value,
    joined,
    language_of,
    material_type_of,
    normalise_isbn,
    physical_description_of,
    publication,
    publication_fields,
    series_of,
    subject_heading,
    summary_of,
    year_in,
    year_of,
)
from catalogue.marc.mapping import MappingError, map_record
from catalogue.marc.marcxml import record_xml
from catalogue.marc.vocabulary import (
    ADDED_AUTHOR_TAGS,
    LEADER_BY_MATERIAL,
    MAIN_AUTHOR_TAGS,
    NAME_CODES,
    NOTE_TAGS,
    ROLE_CODES,
    SUBDIVISION,
    SUBDIVISION_MARK,
    SUBJECT_TAGS,
    SUMMARY_TAG,
)

logger = logging.getLogger(__name__)

# The catalogue fields that come from the MARC (all of map_record's but the MARCXML itself).
MAPPED_FIELDS = (
    "control_number", "title", "subtitle", "responsibility", "authors", "subjects", "isbns",
    "issns", "publisher", "place", "year", "edition", "language", "physical_description",
    "series", "summary", "notes", "classification", "call_number", "material_type",
)
NEW_LEADER = "00000nam a2200000 i 4500"
UNKNOWN_YEAR = "uuuu"
NO_LANGUAGE = "|||"  # fill characters: "no attempt to code"
# ISBD marks a subfield may end with before the next one: the first is written when it has none.
MARKS = {
    "245": {("a", "b"): ":=;", ("a", "c"): "/", ("b", "c"): "/"},
    "260": {("a", "b"): ":", ("b", "c"): ",", ("a", "c"): ","},
}
MARKS["264"] = MARKS["260"]
_ISBD_END = re.compile(r"\s*[/:;,=]\s*$")
_MARK = re.compile(r"\s*[/:;,=.]\s*$")


def parse_marcxml(marcxml):
    """The pymarc record of stored MARCXML, or ``None`` (none stored, or unreadable)."""
    if not marcxml:
        return None
    try:
        records = parse_xml_to_array(io.BytesIO(marcxml.encode()))
    except Exception:  # a broken MARCXML cannot be a base: the record is rebuilt from its fields
        logger.warning("Stored MARCXML unreadable; MARC rebuilt from the fields", exc_info=True)
        return None
    return records[0] if records else None


def mapped_values(marc):
    """``{name: value}`` of :data:`MAPPED_FIELDS` that ``marc`` maps to; ``None`` if unmappable."""
    try:
        fields = map_record(marc).fields
    except (MappingError, ValueError, IndexError, AttributeError):
        return None
    return {name: fields[name] for name in MAPPED_FIELDS}


def sync_marc(record, now=None):
    """Make ``record.marcxml`` say what the record's fields say; return whether it was rewritten.

    Nothing happens when the stored MARC already maps to the fields. Otherwise the MARC is
    rewritten (:func:`write_marc`) and the fields are set to what it maps to: the cleaned values
    an import of that MARC would store.
    """
    values = {name: getattr(record, name) for name in MAPPED_FIELDS}
    base = parse_marcxml(record.marcxml)
    if base is not None and mapped_values(base) == values:
        return False
    marc = write_marc(values, base, now)
    try:
        mapped = map_record(marc).fields
    except MappingError:  # no title or no key: an invalid record, kept as given
        logger.warning("Record %s saved without a mappable MARC", record.control_number)
    else:
        for name in MAPPED_FIELDS:
            setattr(record, name, mapped[name])
    record.marcxml = record_xml(marc)
    return True


def write_marc(values, base=None, now=None):
    """A pymarc record that maps to ``values`` (a dict of :data:`MAPPED_FIELDS`).

    ``base`` (left untouched) is the record's current MARC, or ``None`` for a new record.
    """
    now = timezone.localtime(now or timezone.now())
    values = normalised_values(values)
    marc = deepcopy(base) if base is not None else MarcRecord(leader=NEW_LEADER)
    marc.leader = Leader(str(marc.leader).ljust(24)[:24])
    if base is not None and marc.leader[5] == "n":
        marc.leader[5] = "c"  # corrected or revised
    marc.leader[9] = "a"  # what we write is Unicode
    if base is None:
        _ensure_008(marc, now)
    had_main_entry = bool(marc.get_fields(*MAIN_AUTHOR_TAGS))
    _write_material_type(marc, values["material_type"])
    _write_control_number(marc, values["control_number"])
    _write_authors(marc, values["authors"] or [])
    _write_title(marc, values["title"], values["subtitle"], values["responsibility"])
    if bool(marc.get_fields(*MAIN_AUTHOR_TAGS)) != had_main_entry:
        for title in marc.get_fields("245"):
            title.indicator1 = "1" if marc.get_fields(*MAIN_AUTHOR_TAGS) else "0"
    _write_publication(marc, values["place"], values["publisher"], values["year"])
    _write_year(marc, values["year"], now, new=base is None)
    _write_language(marc, values["language"], now)
    _write_list(marc, ("020",), _isbns_of, values["isbns"],
                lambda isbn: _field("020", "  ", a=isbn), unique=True)
    _write_list(marc, ("022",), _issns_of, values["issns"],
                lambda issn: _field("022", "  ", a=issn), unique=True)
    _write_list(marc, SUBJECT_TAGS, _subject_of, values["subjects"], _subject_field, unique=True)
    _write_list(marc, NOTE_TAGS, _note_of, values["notes"],
                lambda note: _field("500", "  ", a=note))
    _write_single(marc, "250", "a", values["edition"], "  ")
    _write_physical_description(marc, values["physical_description"])
    _write_series(marc, values["series"])
    _write_summary(marc, values["summary"])
    _write_single(marc, "082", "a", values["classification"], "04")
    _write_call_number(marc, values["call_number"])
    _write_control(marc, "005", now.strftime("%Y%m%d%H%M%S.0"))
    return marc


def normalised_values(values):
    """``values`` cleaned the way the mapping cleans what it reads (so that they can be matched
    with what the MARC holds)."""
    values = dict(values)
    for name in ("control_number", "title", "subtitle", "responsibility", "publisher", "place",
                 "edition", "physical_description", "series", "summary", "classification",
                 "call_number"):
        values[name] = clean(str(values[name] or ""))
    values["language"] = (values["language"] or "").strip().lower()
    values["year"] = int(values["year"]) if values["year"] not in (None, "") else None
    values["isbns"] = _unique(normalise_isbn(str(v)) for v in values["isbns"] or [])
    values["issns"] = _unique(clean(str(v)) for v in values["issns"] or [])
    values["subjects"] = _unique(clean(SUBDIVISION.join(cleaned(str(v).split(SUBDIVISION_MARK))))
                                 for v in values["subjects"] or [])
    values["notes"] = [note for note in (clean(str(v)) for v in values["notes"] or []) if note]
    values["authors"] = [
        {"name": clean(str(a.get("name") or "")), "role": clean(str(a.get("role") or "")),
         "main": bool(a.get("main"))}
        for a in values["authors"] or [] if isinstance(a, dict)
    ]
    return values


# --- fields and subfields ------------------------------------------------------------------------

def _field(tag, indicators, **subfields):
    return Field(tag=tag, indicators=list(indicators), subfields=[
        Subfield(code, value) for code, value in subfields.items() if value
    ])


def _unique(values):
    return list(dict.fromkeys(value for value in values if value))


def _position(marc, tag):
    """Where a new field ``tag`` goes: before the first field with a greater tag."""
    for index, field in enumerate(marc.fields):
        if not field.tag.isdigit() or int(field.tag) > int(tag):
            return index
    return len(marc.fields)


def _insert(marc, field):
    marc.fields.insert(_position(marc, field.tag), field)


def _remove(marc, fields):
    gone = {id(field) for field in fields}
    marc.fields = [field for field in marc.fields if id(field) not in gone]


def _drop_empty(marc, fields):
    _remove(marc, [field for field in fields if not field.subfields])


def _set_code(field, code, value, order):
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


def _punctuate(field):
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


# --- leader and control fields ---------------------------------------------------------------

def _write_material_type(marc, material_type):
    if material_type_of(marc) == material_type:
        return
    code = LEADER_BY_MATERIAL.get(material_type, LEADER_BY_MATERIAL[MaterialType.OTHER])
    marc.leader[6], marc.leader[7] = code[0], code[1]


def _write_control(marc, tag, data):
    existing = marc.get_fields(tag)
    if existing:
        existing[0].data = data
    else:
        _insert(marc, Field(tag=tag, data=data))


def _write_control_number(marc, control_number):
    current = marc.get("001")
    if not current or cleaned([current.data]) != [control_number]:
        _write_control(marc, "001", control_number)


def _ensure_008(marc, now):
    """The 008 of a new record: entered today, a book's defaults, no year nor language yet."""
    if not marc.get_fields("008"):
        data = f"{now:%y%m%d}n{UNKNOWN_YEAR}    xx {' ' * 11}000 0 {NO_LANGUAGE} d"
        _insert(marc, Field(tag="008", data=data))


def _set_008(marc, start, text, now):
    _ensure_008(marc, now)
    fixed = marc.get_fields("008")[0]
    data = fixed.data.ljust(40)
    fixed.data = data[:start] + text + data[start + len(text):]


def _write_year(marc, year, now, new=False):
    """008/07-10 (and 008/06 ``s`` for a single known date); a new record's 008 always has it."""
    date_text = publication(marc)[2]
    if year_of(marc, date_text) == year and not (new and year is not None):
        return
    if year is None:
        _set_008(marc, 7, UNKNOWN_YEAR, now)
        return
    _set_008(marc, 7, f"{year:04d}", now)
    fixed = marc.get_fields("008")[0]
    if fixed.data[6] in " n|":  # date type: single known date
        fixed.data = fixed.data[:6] + "s" + fixed.data[7:]


def _write_language(marc, language, now):
    if language_of(marc) == language:
        return
    _set_008(marc, 35, language.ljust(3) if language else NO_LANGUAGE, now)
    for field in marc.get_fields("041"):
        if language:  # the first $a is the language of the text
            codes = [sub for sub in field.subfields if sub.code == "a"]
            rest = [v for v in codes[1:] if v.value.strip().lower() != language]
            field.subfields = [Subfield("a", language), *rest] + [
                sub for sub in field.subfields if sub.code != "a"]
            break
        field.subfields = [sub for sub in field.subfields if sub.code != "a"]
    _drop_empty(marc, marc.get_fields("041"))


# --- repeated values (authors, subjects, ISBN, ISSN, notes) ----------------------------------

def _splice(marc, old, new, tag):
    """Put the fields ``new`` where the first of ``old`` was (or in tag order), removing ``old``."""
    gone = {id(field) for field in old}
    at = next((i for i, field in enumerate(marc.fields) if id(field) in gone), None)
    _remove(marc, old)
    if at is None:
        at = _position(marc, tag)
    marc.fields[at:at] = new


def _write_list(marc, tags, values_of, wanted, build, unique=False):
    """Make the fields of ``tags`` carry ``wanted`` in order (fields that carry nothing stay).

    ``values_of(field)`` is what the mapping reads from a field; a field that carries exactly
    one wanted value is kept for it, in the new order; the others are dropped; values no field
    carries get ``build(value)``.
    """
    carrying = [field for field in marc.get_fields(*tags) if values_of(field)]
    current = [value for field in carrying for value in values_of(field)]
    if unique:  # the mapping reads each value once
        current = _unique(current)
    if current == wanted:
        return
    pool = list(carrying)
    block = []
    for value in wanted:
        field = next((f for f in pool if values_of(f) == [value]), None)
        if field is None:
            field = build(value)
        else:
            pool.remove(field)
        block.append(field)
    _splice(marc, carrying, block, tags[0])


def _isbns_of(field):
    return _unique(map(normalise_isbn, cleaned(field.get_subfields("a"))))


def _issns_of(field):
    return _unique(cleaned(field.get_subfields("a")))


def _subject_of(field):
    heading = subject_heading(field)
    return [heading] if heading else []


def _note_of(field):
    note = joined(field, "a")
    return [note] if note else []


def _subject_field(heading):
    """650 _4 (topical term, source not specified): $a, then $x for each subdivision."""
    parts = [part.strip() for part in heading.split(SUBDIVISION_MARK) if part.strip()]
    codes = ["a"] + ["x"] * (len(parts) - 1)
    return Field(tag="650", indicators=[" ", "4"],
                 subfields=[Subfield(code, part) for code, part in zip(codes, parts, strict=True)])



def _with_role(field, main, role):
    """A copy of an author field in the main (1XX) or added (7XX) entries, with role ``role``."""
    copy = deepcopy(field)
    copy.tag = ("1" if main else "7") + field.tag[1:]
    kept = [sub for sub in copy.subfields if sub.code not in ROLE_CODES]
    if role:
        last_name = max((i for i, sub in enumerate(kept) if sub.code in NAME_CODES), default=-1)
        kept.insert(last_name + 1, Subfield("e", role))
    copy.subfields = kept
    return copy


def _author_field(main, name, role):
    """100/700 for a new author; ind1 1 for an inverted name ("Smith, John"), else 0."""
    indicator = "1" if "," in name else "0"
    return _field("100" if main else "700", indicator + " ", a=name, e=role)


def _write_authors(marc, names):
    wanted = [(bool(a.get("main")), a.get("name") or "", a.get("role") or "") for a in names]
    wanted = [w for w in wanted if w[1]]
    wanted.sort(key=lambda w: not w[0])  # the mapping reads the main entries first
    if [(a["main"], a["name"], a["role"]) for a in authors(marc)] == wanted:
        return
    groups = {True: [f for f in marc.get_fields(*MAIN_AUTHOR_TAGS) if author_of(f)],
              False: [f for f in marc.get_fields(*ADDED_AUTHOR_TAGS) if author_of(f)]}
    pool = groups[True] + groups[False]
    blocks = {True: [], False: []}
    for main, name, role in wanted:
        same_group = [f for f in pool if (f.tag[0] == "1") == main]
        other_group = [f for f in pool if (f.tag[0] == "1") != main]
        field = (
            next((f for f in same_group if author_of(f) == (name, role)), None)
            or next((f for f in same_group + other_group if author_of(f)[0] == name), None)
        )
        if field is None:
            blocks[main].append(_author_field(main, name, role))
            continue
        pool.remove(field)
        same = author_of(field) == (name, role) and (field.tag[0] == "1") == main
        blocks[main].append(field if same else _with_role(field, main, role))
    _splice(marc, groups[True], blocks[True], "100")
    _splice(marc, groups[False], blocks[False], "700")


# --- single values -----------------------------------------------------------------------------

def _write_single(marc, tag, code, value, indicators):
    """Make ``first(marc, tag, code)`` give ``value``: the first field carrying it gets it."""
    if first(marc, tag, code) == value:
        return
    fields = marc.get_fields(tag)
    if not value:
        for field in fields:
            field.subfields = [sub for sub in field.subfields if sub.code != code]
        _drop_empty(marc, fields)
        return
    target = next((f for f in fields if cleaned(f.get_subfields(code))), None)
    if target is None:
        target = fields[0] if fields else _field(tag, indicators)
        if not fields:
            _insert(marc, target)
    subfields = list(target.subfields)
    at = next((i for i, sub in enumerate(subfields) if sub.code == code and cleaned([sub.value])),
              None)
    if at is None:
        subfields.insert(0, Subfield(code, value))
    else:
        subfields[at] = Subfield(code, value)
    target.subfields = subfields



def _write_title(marc, title, subtitle, responsibility):
    wanted = {"a": title, "b": subtitle, "c": responsibility}
    if all(first(marc, "245", code) == value for code, value in wanted.items()):
        return
    fields = marc.get_fields("245")
    if not fields:
        indicator = "1" if marc.get_fields(*MAIN_AUTHOR_TAGS) else "0"
        _insert(marc, Field(tag="245", indicators=[indicator, "0"], subfields=[]))
        fields = marc.get_fields("245")
    field = fields[0]
    for other in fields[1:]:  # a second 245 (invalid) would be read for what the first lacks
        other.subfields = [sub for sub in other.subfields if wanted.get(sub.code, True)]
    _drop_empty(marc, fields[1:])
    old_title = first(marc, "245", "a")
    for code, value in wanted.items():
        if first_value(field, code) != value:
            _set_code(field, code, value, "abc")
    skip = field.indicator2
    if skip.isdigit() and int(skip) and old_title[:int(skip)] != (title or "")[:int(skip)]:
        field.indicator2 = "0"  # the nonfiling characters were those of the old title
    _punctuate(field)


def _write_publication(marc, place, publisher, year):
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
            _insert(marc, field)
        else:
            return
        if current_place != place:
            _set_code(field, "a", place, "abc")
        if current_publisher != publisher:
            _set_code(field, "b", publisher, "abc")
        if not date_ok:
            _set_code(field, "c", "" if year is None else str(year), "abc")
        _punctuate(field)
        _drop_empty(marc, [field])
        if field.subfields:
            return


def _write_physical_description(marc, value):
    """The 300 $a/$b/$c/$e the mapping joins: one 300 $a (the first one's other subfields kept)."""
    if physical_description_of(marc) == value:
        return
    fields = marc.get_fields("300")
    carrying = [field for field in fields if joined(field, "abce")]
    target = (carrying or fields or [None])[0]
    _remove(marc, [field for field in carrying if field is not target])
    if target is None:
        target = _field("300", "  ")
        _insert(marc, target)
    for code in "bce":
        _set_code(target, code, "", "abce")
    _set_code(target, "a", value, "abce")
    _drop_empty(marc, [target])


def _write_series(marc, value):
    if series_of(marc) == value:
        return
    if not value:
        for field in marc.get_fields("490", "830"):
            field.subfields = [sub for sub in field.subfields if sub.code != "a"]
        _drop_empty(marc, marc.get_fields("490", "830"))
        return
    _write_single(marc, "490", "a", value, "0 ")


def _write_summary(marc, value):
    if summary_of(marc) == value:
        return
    fields = marc.get_fields(SUMMARY_TAG)
    for field in fields[1:]:
        field.subfields = [sub for sub in field.subfields if sub.code != "a"]
    _drop_empty(marc, fields[1:])
    if fields:
        _set_code(fields[0], "a", value, "ab")
        _drop_empty(marc, fields[:1])
    elif value:
        _insert(marc, _field(SUMMARY_TAG, "  ", a=value))


def _write_call_number(marc, value):
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
        _drop_empty(marc, local)
    elif local or not shelved:
        target = (local or marc.get_fields("090") or [None])[0]
        if target is None:
            target = _field("090", "  ")
            _insert(marc, target)
        target.subfields = [Subfield("a", value)] + [
            sub for sub in target.subfields if sub.code not in "ab"]
    else:
        target = shelved[0]
        at = next(i for i, sub in enumerate(target.subfields) if sub.code in "hi")
        kept = [sub for sub in target.subfields if sub.code not in "hi"]
        kept.insert(sum(1 for sub in target.subfields[:at] if sub.code not in "hi"),
                    Subfield("h", value))
        target.subfields = kept
